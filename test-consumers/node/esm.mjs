// An ESM user: `import` by package name, then the shared example.
import * as asyncio from 'rxjs-asyncio';
import * as rxjs from 'rxjs';
import { createRequire } from 'node:module';
import example from './example.cjs';

const require = createRequire(import.meta.url);
const cjs = require('rxjs-asyncio');

// One implementation behind both entries: the ESM names are the very CommonJS objects, so
// an app mixing `import` and `require` has one CancelledError class and one ready queue.
const names = Object.keys(asyncio).sort();
const notShared = names.filter((name) => asyncio[name] !== cjs[name]);
if (notShared.length > 0) throw new Error(`ESM and CJS hold different copies of: ${notShared.join(', ')}`);

const report = await example.runExamples(asyncio, rxjs);
console.log(JSON.stringify({ names, report }));
