// ESLint: typescript-eslint's strict and stylistic type-checked rules for TypeScript,
// the recommended rules for the JavaScript of scripts/ and test-consumers/. Formatting is
// Prettier's job (`npm run lint` runs both); no rule here fights it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  URL: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  require: 'readonly',
  module: 'writable',
};
const browserGlobals = { document: 'readonly', window: 'readonly' };

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'docs/',
      'coverage/',
      'scratch/',
      // Its own package with its own dependencies, built by scripts/test-angular.mjs.
      'consumers/angular/',
      // Type-checked by scripts/test-package.mjs against the packed package; they import
      // 'rxjs-asyncio', which this repository cannot resolve, and are full of deliberate
      // @ts-expect-error lines.
      'test-consumers/typed/',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers and other primitives in messages (`got ${value}`) are how errors name a bad value.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
      // `_listen`, `_finish`… are the library's internal protocol between its own modules.
      '@typescript-eslint/naming-convention': 'off',
      // An unused argument named `_x` documents a callback's shape.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `(v) => subscriber.next(v)` is how RxJS code forwards to a void method.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Lazy initialisation in an `if` block (`if (!p) { p = this._p = new Promise(…) }`)
      // stays a block; `??=` is still required everywhere else.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignoreIfStatements: true }],
      // DESIGN.md's public types use both `readonly T[]` and `ReadonlyArray<readonly [A, B]>`
      // (RetryPolicy.delay); either spelling is clear, so neither is forced.
      '@typescript-eslint/array-type': 'off',
      // A `!` marks what a check a few lines up (or a validate helper) established and the
      // compiler cannot follow; rewriting each as a runtime branch would add dead code.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['lib/**/*.ts'],
    rules: {
      // Public functions check their arguments at run time (JavaScript callers, `any`),
      // which this rule calls unnecessary since the types already exclude bad values.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // A Future rejects with whatever its source raised: RxJS errors are `unknown`.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      // Empty bodies here are deliberate: hook methods a subclass overrides (`_retrieved()`)
      // and named no-op callbacks (`noop`) handed to waiter lines.
      '@typescript-eslint/no-empty-function': 'off',
      // A false positive: a constructor parameter named `source` in a subclass of Observable
      // is taken for RxJS's deprecated `Observable.source`, which nothing of ours uses.
      // Every other deprecated API (retryWhen, toPromise…) is still reported.
      '@typescript-eslint/no-deprecated': ['error', { allow: ['source'] }],
    },
  },
  {
    files: ['lib/future.ts', 'lib/holding.ts', 'lib/sleep.ts'],
    rules: {
      // RxJS calls an Observable's subscribe function with `this` the Observable being
      // subscribed: for a Future, a Holding or a Sleep, that is the instance itself (one
      // shared function instead of a closure each); the rule cannot see that.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
  {
    files: ['spec/**/*.ts'],
    rules: {
      // Jest's `expect(fn).toThrow()` and `jest.fn()` mocks pass methods around unbound.
      '@typescript-eslint/unbound-method': 'off',
      // Specs poke at values of deliberately wrong types (bad-input cases).
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Specs build Observables and Tasks only for what their subscription does.
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...nodeGlobals, ...browserGlobals } },
  },
);
