import { main } from '../../demos/sleep-result';
import { pythonTrace } from '../helpers/python-trace';
import { runScaled, runVirtual, untimed } from '../helpers/virtual-demo';

const expected = ['coffee (+1.00s)', 'undefined (+1.50s)', 'other task ran (+1.50s)', 'after a yield (+1.50s)'];

describe('demo sleep-result', () => {
  it('hands back each sleep’s result at its time, and sleep(0) lets another task run first', async () => {
    expect(await runVirtual(main)).toEqual(expected);
  });

  it('prints in CPython’s order (None is undefined here)', () => {
    const lines = expected.map((l) => l.replace(/ \(\+.*\)$/, '').replace('undefined', 'None'));
    expect(pythonTrace('demo_sleep_result.py', lines)).toEqual(lines);
  });

  it('runs the same in real time, scaled down', async () => {
    expect(untimed(await runScaled(main))).toEqual(untimed(expected));
  });
});
