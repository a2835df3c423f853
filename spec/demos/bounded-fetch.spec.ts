import { main } from '../../demos/bounded-fetch';

describe('demo bounded-fetch', () => {
  it('50 real GETs, never more than 5 open at the server, all answered; the server closes (real time, ×0.05)', async () => {
    const servers = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    const before = servers();
    const lines: string[] = [];
    const { highest, bodies } = await main((line) => lines.push(line), {
      timeScale: 0.05,
    });
    expect(highest).toBe(5);
    expect(bodies).toHaveLength(50);
    expect(new Set(bodies)).toEqual(new Set(Array.from({ length: 50 }, (_, i) => `item ${i}`)));
    expect(lines[0]).toBe('GET 50 URLs, at most 5 at a time (each answer takes 0.20 s)');
    expect(lines).toContain('50 responses; highest number of requests open at the server at once: 5');
    expect(lines[lines.length - 1]).toMatch(/^total time: \+\d+\.\d\ds \(at best 50 requests/);
    const total = Number(/\+(\d+\.\d\d)s/.exec(lines[lines.length - 1]!)![1]);
    expect(total).toBeGreaterThanOrEqual(2); // 10 rounds of 0.20 s (scaled): it was bounded
    // The server closed: libuv releases its handle (and the sockets) within a few loop turns.
    for (let i = 0; i < 50 && servers() > before; i++) await new Promise((r) => setTimeout(r, 10));
    expect(servers()).toBe(before);
  });
});
