import { main } from '../../demos/task-group';
import { runScaledDemo, runVirtualDemo } from '../helpers/combinators-demo';

const expected = [
  'started at HH:MM:SS (+0.00s)',
  'hello',
  'world',
  'finished at HH:MM:SS (+2.00s)',
  'Both tasks have completed now: hello, world',
  '-- a failing child cancels its sibling --',
  'started at HH:MM:SS (+2.00s)',
  "raise Error('boom') at HH:MM:SS (+3.00s)",
  "say_after(2, 'world') ended at HH:MM:SS (+3.00s)",
  "caught ExceptionGroup('unhandled errors in a TaskGroup', [Error: boom]) at HH:MM:SS (+3.00s)",
];

describe('demo task-group', () => {
  it('ends the group when both tasks are done (2 s); a failing child cancels its sibling (1 s)', async () => {
    const { lines, now } = await runVirtualDemo(main);
    expect(lines).toEqual(expected);
    expect(now).toBe(3000);
  });

  it('prints the same in real time, scaled down', async () => {
    const lines = await runScaledDemo(main);
    expect(lines.map((l) => l.replace(/\(\+[\d.]+s\)/, '(…)'))).toEqual(
      expected.map((l) => l.replace(/\(\+[\d.]+s\)/, '(…)')),
    );
  });
});
