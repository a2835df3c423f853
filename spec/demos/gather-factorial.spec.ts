import { main } from '../../demos/gather-factorial';
import { runScaledDemo, runVirtualDemo } from '../helpers/combinators-demo';

const article = [
  'Task A: Compute factorial(2), currently i=2...',
  'Task B: Compute factorial(3), currently i=2...',
  'Task C: Compute factorial(4), currently i=2...',
  'Task A: factorial(2) = 2',
  'Task B: Compute factorial(3), currently i=3...',
  'Task C: Compute factorial(4), currently i=3...',
  'Task B: factorial(3) = 6',
  'Task C: Compute factorial(4), currently i=4...',
  'Task C: factorial(4) = 24',
  'asynco gather output: [2, 6, 24]',
];
const variant = [
  '-- with returnExceptions: true --',
  'Task A: Compute factorial(2), currently i=2...',
  'Task B: working...',
  'Task C: Compute factorial(3), currently i=2...',
  'Task A: factorial(2) = 2',
  'Task B: raising ValueError',
  'Task C: Compute factorial(3), currently i=3...',
  'Task C: factorial(3) = 6',
  "asynco gather output: [2, ValueError('B failed'), 6]",
];

describe('demo gather-factorial', () => {
  it("prints the article's interleaved lines and [2, 6, 24] after 3 s, then the returnExceptions variant (2 s)", async () => {
    const { lines, now } = await runVirtualDemo(main);
    expect(lines).toEqual([...article, ...variant]);
    expect(now).toBe(5000);
  });

  it('prints the same in real time, scaled down', async () => {
    expect(await runScaledDemo(main)).toEqual([...article, ...variant]);
  });
});
