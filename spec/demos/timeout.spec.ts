import { main } from '../../demos/timeout';
import { runScaledDemo, runVirtualDemo } from '../helpers/combinators-demo';

const expected = [
  'long_running_task() stopped at HH:MM:SS (+10.00s)',
  "The long operation timed out, but we've handled it.",
  'This statement will run regardless.',
  '-- reschedule --',
  'cm.when() = None',
  'cm.reschedule(now + 10 s): cm.when() = +20.00s',
  'long_running_task() stopped at HH:MM:SS (+20.00s)',
  "Looks like we haven't finished on time. (+20.00s)",
];

describe('demo timeout', () => {
  it('handles the TimeoutError after 10 s, then a rescheduled deadline expires 10 s later', async () => {
    const { lines, now } = await runVirtualDemo(main);
    expect(lines).toEqual(expected);
    expect(now).toBe(20_000);
  });

  it('prints the same in real time, scaled down', async () => {
    const mask = (l: string) => l.replace(/\+[\d.]+s/g, '+…');
    expect((await runScaledDemo(main)).map(mask)).toEqual(expected.map(mask));
  });
});
