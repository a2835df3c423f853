import { main } from '../../demos/say-after';
import { runScaled, runVirtual, untimed } from '../helpers/virtual-demo';

const at = (line: string) => line.replace(/\d\d:\d\d:\d\d/, 'HH:MM:SS');

describe('demo say-after', () => {
  it('takes 3 s awaited one after the other and 2 s as two Tasks', async () => {
    expect((await runVirtual(main)).map(at)).toEqual([
      '-- awaited one after the other --',
      'started at HH:MM:SS (+0.00s)',
      'hello',
      'world',
      'finished at HH:MM:SS (+3.00s)',
      '-- as two Tasks --',
      'started at HH:MM:SS (+0.00s)',
      'hello',
      'world',
      'finished at HH:MM:SS (+2.00s)',
    ]);
  });

  it('prints wall-clock times 3 s and 2 s apart', async () => {
    const lines = await runVirtual(main);
    const secs = lines
      .filter((l) => / at /.test(l))
      .map((l) => /(\d\d):(\d\d):(\d\d)/.exec(l)!.slice(1).map(Number))
      .map(([h, m, s]) => h! * 3600 + m! * 60 + s!);
    const gap = (a: number, b: number) => (b - a + 86400) % 86400;
    expect([gap(secs[0]!, secs[1]!), gap(secs[2]!, secs[3]!)]).toEqual([3, 2]);
  });

  it('runs in real time with awaits, scaled down, in the same order', async () => {
    const lines = await runScaled(main);
    expect(untimed(lines)).toEqual(
      untimed([
        '-- awaited one after the other --',
        'started at 00:00:00 (+0.00s)',
        'hello',
        'world',
        'finished at 00:00:00 (+3.00s)',
        '-- as two Tasks --',
        'started at 00:00:00 (+0.00s)',
        'hello',
        'world',
        'finished at 00:00:00 (+2.00s)',
      ]),
    );
  });
});
