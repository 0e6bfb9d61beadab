/**
 * Seeded Gaussian noise for the diffusion pipeline: the same (seed, stream, count) gives the same
 * values, bit for bit, on every machine (only integer arithmetic, Math.log, Math.sqrt, Math.cos
 * and Math.sin, rounded to float32). diffusers' torch RNG cannot be reproduced in JS; this does
 * not try to.
 *
 * Generator: mulberry32 (Tommy Ettinger's 32-bit generator; its state is seed + k * 0x6D2B79F5, so
 * value k is a pure function of the counter), seeded per stream with MurmurHash3's fmix32
 * finaliser. Gaussians: Box-Muller, two uniforms -> two normals.
 */

/** Streams the pipeline uses, so that no two uses of one seed share values. */
export const NOISE_STREAM = {
  /** The starting latent noise (also re-noising the known area in 4-channel inpainting). */
  latents: 0,
  /** Sampling the VAE encoder's `latent_parameters` (mean + std * noise). */
  vaeSample: 1,
  /** Per-step noise of ancestral / LCM schedulers: `stepNoise + step index`. */
  stepNoise: 1000,
} as const;

/** MurmurHash3 fmix32: a 32-bit bijection with good avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function checkSeed(seed: number, what: string): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`${what} must be an integer in 0..4294967295, got ${seed}`);
}

/** mulberry32's starting state for a seed and a stream. */
function streamState(seed: number, stream: number): number {
  checkSeed(seed, 'seed');
  checkSeed(stream, 'stream');
  return fmix32((fmix32(seed ^ 0x5bd1e995) + Math.imul(stream, 0x9e3779b9)) >>> 0);
}

/** mulberry32's output for the state after `k + 1` advances from `state`, as an unsigned 32-bit integer. */
function mulberry32At(state: number, k: number): number {
  const a = (state + Math.imul(k + 1, 0x6d2b79f5)) | 0;
  let t = Math.imul(a ^ (a >>> 15), 1 | a);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (t ^ (t >>> 14)) >>> 0;
}

/** `count` uniform values in [0, 1) (multiples of 2^-32). */
export function uniform(seed: number, count: number, stream = 0): Float64Array {
  const state = streamState(seed, stream);
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) out[k] = mulberry32At(state, k) / 4294967296;
  return out;
}

/**
 * `count` standard normal values (mean 0, variance 1) for a seed (0..2^32-1) and a stream (0..2^32-1).
 * Value 2j and 2j+1 come from uniforms 2j and 2j+1 (Box-Muller), so a longer request starts with the
 * values of a shorter one.
 */
export function gaussian(seed: number, count: number, stream = 0, into?: Float32Array): Float32Array {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const state = streamState(seed, stream);
  const out = into?.length === count ? into : new Float32Array(count);
  for (let k = 0; k < count; k += 2) {
    // u1 in (0, 1]: log never sees 0.
    const u1 = (mulberry32At(state, k) + 1) / 4294967296;
    const u2 = mulberry32At(state, k + 1) / 4294967296;
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    out[k] = r * Math.cos(theta);
    if (k + 1 < count) out[k + 1] = r * Math.sin(theta);
  }
  return out;
}
