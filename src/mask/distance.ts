import type { Mask } from './types';

/** Pixels counted as "inside" the mask: at least half repaint. */
export const INSIDE_THRESHOLD = 128;

/** What the distance is measured to: the mask's inside (value >= 128) or its outside. */
export type DistanceTarget = 'inside' | 'outside';

// Per-row scratch for the lower envelope; grown as needed, reused between calls.
let f = new Float64Array(0);
let z = new Float64Array(0);
let v = new Int32Array(0);

/**
 * Exact squared Euclidean distance from every pixel to the nearest target pixel
 * (Felzenszwalb & Huttenlocher's separable transform). Down the columns it is the
 * plain 1-D distance, done row by row so memory is read in order; across the rows it
 * is the lower envelope of parabolas. Pixels further than `maxDistance` from any target
 * may read Infinity (so do all pixels when there is no target). Values are exact while
 * below 2^24 (distances up to 4096 px).
 */
export function squaredDistanceTo(mask: Mask, target: DistanceTarget, maxDistance = Infinity): Float32Array<ArrayBuffer> {
  const { width, height, data } = mask;
  const out = new Float32Array(width * height);
  const inside = target === 'inside';
  // Beyond this vertical distance a column cannot bring anything within maxDistance.
  // Finite even for maxDistance = Infinity, so "no target in the column" never passes.
  const cap = Math.min(maxDistance, Number.MAX_VALUE);

  // Columns, top-down then bottom-up: distance to the nearest target in the same column.
  for (let y = 0; y < height; y++) columnsDown(data, out, y * width, width, y > 0, inside);
  for (let y = height - 2; y >= 0; y--) columnsUp(out, y * width, width);

  if (f.length < width) {
    f = new Float64Array(width);
    z = new Float64Array(width + 1);
    v = new Int32Array(width);
  }
  for (let y = 0; y < height; y++) rowEnvelope(out, y * width, width, cap);
  return out;
}

/** One row of the top-down sweep: 0 on a target, else one more than the row above. */
function columnsDown(data: Uint8Array, out: Float32Array, row: number, width: number, hasAbove: boolean, inside: boolean) {
  for (let i = row, end = row + width; i < end; i++) {
    const isTarget = data[i] >= INSIDE_THRESHOLD === inside;
    out[i] = isTarget ? 0 : hasAbove ? out[i - width] + 1 : Infinity;
  }
}

/** One row of the bottom-up sweep: the row below may have a nearer target. */
function columnsUp(out: Float32Array, row: number, width: number) {
  for (let i = row, end = row + width; i < end; i++) {
    const below = out[i + width] + 1;
    if (below < out[i]) out[i] = below;
  }
}

/** Replaces one row's column distances g with min over q of (x - q)^2 + g(q)^2. */
function rowEnvelope(out: Float32Array, row: number, width: number, cap: number) {
  const last = row + width - 1;
  let k = -1;
  let zeros = 0;
  for (let q = 0; q < width; q++) {
    const i = row + q;
    const g = out[i];
    // Parabolas beyond the cap or infinite cannot matter; nor can a target inside a run
    // of targets, as the run's end is nearer to every pixel outside the run.
    if (!(g <= cap)) {
      f[q] = Infinity;
      continue;
    }
    f[q] = g * g;
    if (g === 0) {
      zeros++;
      if (i > row && i < last && out[i - 1] === 0 && out[i + 1] === 0) continue;
    }
    const fq = f[q];
    if (k < 0) {
      k = 0;
      v[0] = q;
      z[0] = -Infinity;
      z[1] = Infinity;
      continue;
    }
    // Drop parabolas the new one hides; s is where it starts to be the lowest.
    let p = v[k];
    let s = (fq + q * q - (f[p] + p * p)) / (2 * (q - p));
    while (s <= z[k]) {
      k--; // z[0] is -Infinity, so k never drops below 0
      p = v[k];
      s = (fq + q * q - (f[p] + p * p)) / (2 * (q - p));
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  if (k < 0) {
    out.fill(Infinity, row, row + width);
    return;
  }
  if (zeros === width) return; // all targets: all 0 already
  k = 0;
  for (let x = 0; x < width; x++) {
    while (z[k + 1] < x) k++;
    if (f[x] === 0) continue; // a target stays 0
    const p = v[k];
    out[row + x] = (x - p) * (x - p) + f[p];
  }
}
