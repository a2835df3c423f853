// Type-level assertions shared by the typed consumer files (ambient, so every module
// system sees them without an import).
/** `true` when A and B are the same type (not merely assignable either way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when given `true`. */
type Expect<T extends true> = T;
/** Compiles only when `value` has type T exactly. */
declare function expectType<T>(): <V>(value: V & (Equal<V, T> extends true ? unknown : never)) => void;
