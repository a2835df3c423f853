import { main } from '../../demos/future';
import { pythonTrace } from '../helpers/python-trace';
import { runScaled, runVirtual, untimed } from '../helpers/virtual-demo';

const expected = [
  'ordered, got a token; done: false (+0.00s)',
  'kitchen: started cooking (+0.00s)',
  'looked at the token; done: false (+1.00s)',
  'kitchen: ramen is ready (+3.00s)',
  'buzzer: your ramen is ready (+3.00s)',
  'eating ramen; done: true, cook done: true (+3.00s)',
];

describe('demo future', () => {
  it('tells the restaurant-token story with its times (virtual time)', async () => {
    expect(await runVirtual(main)).toEqual(expected);
  });

  it('prints in CPython’s order', () => {
    const lines = expected.map((l) => l.replace(/ \(\+.*\)$/, ''));
    expect(pythonTrace('demo_future.py', lines)).toEqual(lines);
  });

  it('runs the same in real time, scaled down', async () => {
    expect(untimed(await runScaled(main))).toEqual(untimed(expected));
  });
});
