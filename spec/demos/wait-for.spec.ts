import { main } from '../../demos/wait-for';
import { runScaledDemo, runVirtualDemo } from '../helpers/combinators-demo';

describe('demo wait-for', () => {
  it('prints timeout! after 1 s', async () => {
    const { lines, now } = await runVirtualDemo(main);
    expect(lines).toEqual(['timeout!']);
    expect(now).toBe(1000); // eternity() was cancelled: no hour-long timer left to flush
  });

  it('prints the same in real time, scaled down', async () => {
    expect(await runScaledDemo(main)).toEqual(['timeout!']);
  });
});
