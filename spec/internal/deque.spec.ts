import { Deque } from '../../lib/internal/deque';

describe('Deque (the queues’ ring buffer)', () => {
  it('is FIFO through shift and LIFO through pop', () => {
    const d = new Deque<number>();
    for (let i = 0; i < 5; i++) d.push(i);
    expect(d.shift()).toBe(0);
    expect(d.pop()).toBe(4);
    expect(d.length).toBe(3);
    expect([d.shift(), d.shift(), d.shift()]).toEqual([1, 2, 3]);
    expect(d.length).toBe(0);
  });

  it('keeps the order when it grows while wrapped around', () => {
    const d = new Deque<number>();
    const model: number[] = [];
    // Wrap the head past the initial capacity (16), then grow several times.
    for (let i = 0; i < 12; i++) {
      d.push(i);
      model.push(i);
    }
    for (let i = 0; i < 10; i++) expect(d.shift()).toBe(model.shift());
    for (let i = 12; i < 100; i++) {
      d.push(i);
      model.push(i);
    }
    expect(d.length).toBe(model.length);
    while (model.length) expect(d.shift()).toBe(model.shift());
  });

  it('drops its references to items taken out (no leak)', () => {
    const d = new Deque<object>();
    const item = {};
    d.push(item);
    d.shift();
    expect((d as unknown as { buf: unknown[] }).buf).not.toContain(item);
  });
});
