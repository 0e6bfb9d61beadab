import { tapsFor, type Taps } from './resampleTaps';

/**
 * Resizing one float plane (a model's map, one channel of a picture) in two separable passes,
 * with the taps of resampleTaps.ts: bilinear up, area average down. Floats all the way, so a
 * model's map is resized before it is rounded to bytes, once.
 */

/** The rows resized across, kept between calls: three calls per photo would each allocate megabytes. */
let scratch = new Float32Array(0);

/** One destination value from its taps along a line of the source (`step` apart, from `base`). */
function tapSum(src: ArrayLike<number>, base: number, step: number, taps: Taps, d: number): number {
  const { start, count, index, weight } = taps;
  let sum = 0;
  for (let k = start[d], end = k + count[d]; k < end; k++) sum += weight[k] * src[base + index[k] * step];
  return sum;
}

/**
 * Reads `sw` x `sh` values from `src` (value (x, y) at `offset + (y * sw + x) * step`: `step` 4
 * reads one channel of RGBA bytes) and writes `dw` x `dh` values to `out` from `outOffset`,
 * each as `value * scale + shift`.
 */
export function resamplePlane(
  src: ArrayLike<number>,
  source: { width: number; height: number; offset?: number; step?: number },
  out: Float32Array,
  target: { width: number; height: number; offset?: number; scale?: number; shift?: number },
): void {
  const { width: sw, height: sh, offset = 0, step = 1 } = source;
  const { width: dw, height: dh, offset: outOffset = 0, scale = 1, shift = 0 } = target;
  if (src.length < offset + (sw * sh - 1) * step + 1) throw new RangeError(`expected ${sw}x${sh} values, got ${src.length}`);
  if (!dw || !dh || !sw || !sh) return;
  const across = tapsFor(sw, dw);
  const down = tapsFor(sh, dh);
  // Across: each source row to dw values.
  if (scratch.length < sh * dw) scratch = new Float32Array(sh * dw);
  const rows = scratch;
  if (across.count.every((c) => c === 2)) {
    // Bilinear (and area at ratios under 2): the two source offsets per column, worked out once.
    const { index, weight } = across;
    const lo = new Int32Array(dw);
    const hi = new Int32Array(dw);
    for (let x = 0; x < dw; x++) {
      lo[x] = index[x * 2] * step;
      hi[x] = index[x * 2 + 1] * step;
    }
    for (let y = 0; y < sh; y++) {
      const base = offset + y * sw * step;
      const row = y * dw;
      for (let x = 0; x < dw; x++) rows[row + x] = weight[x * 2] * src[base + lo[x]] + weight[x * 2 + 1] * src[base + hi[x]];
    }
  } else {
    for (let y = 0; y < sh; y++) {
      const base = offset + y * sw * step;
      for (let x = 0; x < dw; x++) rows[y * dw + x] = tapSum(src, base, step, across, x);
    }
  }
  // Down: a destination row at a time, scaled and shifted on the way out.
  for (let y = 0; y < dh; y++) {
    const first = down.start[y];
    const taps = down.count[y];
    const o = outOffset + y * dw;
    if (taps === 2) {
      const a = down.index[first] * dw;
      const b = down.index[first + 1] * dw;
      const wa = down.weight[first] * scale;
      const wb = down.weight[first + 1] * scale;
      for (let x = 0; x < dw; x++) out[o + x] = wa * rows[a + x] + wb * rows[b + x] + shift;
      continue;
    }
    for (let x = 0; x < dw; x++) out[o + x] = tapSum(rows, x, dw, down, y) * scale + shift;
  }
}
