/** A seeded PRNG for the randomized specs (the demos' own). */
export { seeded } from '../../demos/support/seeded';
