import { main } from '../../demos/create-task';
import { pythonTrace } from '../helpers/python-trace';
import { runScaled, runVirtual, untimed } from '../helpers/virtual-demo';

const expected = [
  'A (+0.00s)',
  "created <Task pending name='other_function'> (+0.00s)",
  '1 (+0.00s)',
  'B (+1.00s)',
  '2 (+2.00s)',
  "awaited <Task finished name='other_function' result=undefined> (+2.00s)",
];

describe('demo create-task', () => {
  it('prints A, 1, B, 2 at 0 s, 0 s, 1 s and 2 s (virtual time)', async () => {
    expect(await runVirtual(main)).toEqual(expected);
  });

  it('prints in CPython’s order', async () => {
    const prints = expected.map((l) => l.split(' ')[0]!).filter((w) => /^[A-Z0-9]$/.test(w));
    expect(pythonTrace('demo_create_task.py', prints)).toEqual(prints);
  });

  it('runs the same in real time, scaled down', async () => {
    expect(untimed(await runScaled(main))).toEqual(untimed(expected));
  });
});
