// How much the fuzz suite does. In `npm test` every property runs a small, fixed number of times with
// a fixed seed, so a failure is reproducible and the suite stays within CI's time; `npm run fuzz`
// runs the same properties many more times (FUZZ_RUNS), and FUZZ_SEED explores other inputs.
import type { Parameters } from 'fast-check';

function integerFrom(raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d{1,9}$/.test(raw) || Number(raw) < min) throw new Error(`fuzz: expected an integer of at least ${min}, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** Runs per property and route. */
export const FUZZ_RUNS = integerFrom(process.env['FUZZ_RUNS'], 12, 1);
/** The seed that every property's own seed is derived from. */
export const FUZZ_SEED = integerFrom(process.env['FUZZ_SEED'], 20261121, -2_000_000_000);
/** True under `npm run fuzz`: the costlier variants (a decoded 36-megapixel image) are used there. */
export const LONG_RUN = FUZZ_RUNS > 50;

/** A seed per property, so that adding a property does not change what the others generate. */
export function seedFor(name: string): number {
  let hash = 2166136261;
  for (const ch of name) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619);
  return (FUZZ_SEED ^ hash) | 0;
}

/** fast-check's options for one property: its seed, its count (scaled for the cheap ones). */
export function runsFor(name: string, scale = 1): Parameters<unknown> {
  // fast-check prints the seed and path of a failure and shrinks it to a small input first.
  return { seed: seedFor(name), numRuns: Math.max(1, Math.round(FUZZ_RUNS * scale)) };
}
