import { main } from '../../demos/nested';
import { runVirtual } from '../helpers/virtual-demo';

describe('demo nested', () => {
  it('runs nothing until awaited, then prints 42 awaited and 42 as a Task', async () => {
    const lines = await runVirtual(main);
    expect(lines.map((l) => l.replace(/Task-\d+/, 'Task-N'))).toEqual([
      'nested() called but not awaited: it ran 0 times',
      '42',
      'Task-N created, runs so far: 1',
      '42',
      'runs in all: 2',
    ]);
  });
});
