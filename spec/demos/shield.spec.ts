import { main } from '../../demos/shield';
import { runScaledDemo, runVirtualDemo } from '../helpers/combinators-demo';

const expected = [
  '-- res = await shield(task) --',
  'something: started at HH:MM:SS (+0.00s)',
  'something: done at HH:MM:SS (+3.00s)',
  'res = saved',
  '-- the caller is cancelled after 1 s --',
  'something: started at HH:MM:SS (+3.00s)',
  'caller cancelled: true at HH:MM:SS (+4.00s)',
  'something: done at HH:MM:SS (+6.00s)',
  'task.cancelled() = false, task.result() = saved',
];

describe('demo shield', () => {
  it('the shielded work finishes although its caller was cancelled', async () => {
    const { lines, now } = await runVirtualDemo(main);
    expect(lines).toEqual(expected);
    expect(now).toBe(6000);
  });

  it('prints the same in real time, scaled down', async () => {
    const mask = (l: string) => l.replace(/\(\+[\d.]+s\)/, '(…)');
    expect((await runScaledDemo(main)).map(mask)).toEqual(expected.map(mask));
  });
});
