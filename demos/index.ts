/**
 * `npm run demos`: every demo in the article's order, in real time, a header per demo.
 * `npm run demo -- <name>`: one demo; an unknown name exits 1 and lists the names.
 * Demos not built yet are skipped with a line saying so.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Demo } from './support/harness';

export const DEMOS = [
  'create-task',
  'say-after',
  'nested',
  'future',
  'sleep-result',
  'gather-factorial',
  'task-group',
  'shield',
  'timeout',
  'wait-for',
  'retry-openai',
  'queue-workers',
  'bounded-fetch',
  'barrier-event',
] as const;

async function runDemo(name: string): Promise<void> {
  const file = join(__dirname, `${name}.ts`);
  if (!existsSync(file)) {
    console.log(`=== ${name}: not built yet, skipped ===\n`);
    return;
  }
  console.log(`=== ${name} ===`);
  const demo = (await import(file)) as Demo;
  await demo.main((line) => console.log(line));
  console.log('');
}

async function cli(argv: string[]): Promise<void> {
  const one = argv.indexOf('--one');
  if (one === -1) {
    for (const name of DEMOS) await runDemo(name);
    return;
  }
  const name = argv[one + 1];
  if (!name || !(DEMOS as readonly string[]).includes(name)) {
    console.error(`${name ? `Unknown demo '${name}'.` : 'Name a demo.'} Demos: ${DEMOS.join(', ')}`);
    process.exitCode = 1;
    return;
  }
  await runDemo(name);
}

cli(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
