// The public surface as lib/index.ts declares it, read with the TypeScript compiler, so
// every check that compares against it picks up a new export without being edited.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './util.mjs';

const require = createRequire(import.meta.url);

/**
 * Every export of lib/index.ts with its resolved symbol.
 * @returns {{ ts: typeof import('typescript'), list: Array<{ name: string, symbol: import('typescript').Symbol, value: boolean }> }}
 */
export function readLibIndex() {
  const ts = require(join(root, 'node_modules/typescript'));
  const entry = join(root, 'lib/index.ts');
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.esnext.disposable.d.ts'],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error('cannot read the exports of lib/index.ts');
  const list = checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    return { name: exported.name, symbol, value: (symbol.flags & ts.SymbolFlags.Value) !== 0 };
  });
  return { ts, list };
}

/**
 * Names exported by lib/index.ts: `values` exist at run time (functions, classes,
 * constants), `types` only in the type system (interfaces, type aliases).
 * @returns {{ values: string[], types: string[] }} both sorted
 */
export function libExports() {
  const { list } = readLibIndex();
  return {
    values: list
      .filter((e) => e.value)
      .map((e) => e.name)
      .sort(),
    types: list
      .filter((e) => !e.value)
      .map((e) => e.name)
      .sort(),
  };
}
