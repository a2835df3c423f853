// Part of `npm run docs`: TypeDoc fails on an export without a doc comment; this checks
// that each doc comment of a run-time export of lib/index.ts (function, class, constant)
// has what STYLE.md §2 asks for: a summary, the asyncio counterpart, a **Cancellation.**
// paragraph and an example (ending in `// Logs:`, or a note is printed). New exports are checked as they appear.
import { relative } from 'node:path';
import { readLibIndex } from './lib/exports.mjs';
import { root } from './lib/util.mjs';

const { ts, list } = readLibIndex();
const problems = [];
for (const { name, symbol, value } of list) {
  if (!value) continue;
  const declaration = symbol.declarations?.[0];
  const file = declaration?.getSourceFile().fileName ?? '';
  if (!file.startsWith(`${root}/lib/`)) continue; // TimeoutError: RxJS's own, re-exported
  const doc = ts
    .getJSDocCommentsAndTags(declaration)
    .map((node) => node.getText())
    .join('\n');
  const where = `${name} (${relative(root, file)})`;
  const lines = doc.split('\n').map((l) => l.replace(/^\s*\/?\*+\/?\s?/, '').trim());
  const summary = lines.find((l) => l.length > 0);
  const missing = [];
  if (!doc) missing.push('a doc comment');
  else {
    if (!summary || summary.startsWith('@')) missing.push('a summary line');
    if (!/asyncio/.test(doc)) missing.push('its asyncio counterpart');
    if (!/\*\*Cancellation\.\*\*/.test(doc)) missing.push('a **Cancellation.** paragraph');
    if (!/@example|## Example/.test(doc)) missing.push('an example (@example)');
    // A warning only: an example of a setter may have nothing to log.
    else if (!/\/\/ Logs:/.test(doc)) console.warn(`  note ${where}: its example shows no \`// Logs:\` output`);
  }
  if (missing.length > 0) problems.push(`${where} lacks ${missing.join(', ')}`);
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`  FAIL ${problem}`);
  process.exit(1);
}
console.log(`check-docs: ${list.filter((e) => e.value).length} run-time exports documented as STYLE.md §2 asks`);
