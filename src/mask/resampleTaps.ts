/**
 * Per-axis resampling weights shared by the mask and picture resizers: bilinear when
 * enlarging, area average when reducing, so no source pixel is skipped over.
 */

/** For each destination index: the source indices it reads and their weights (sum 1). */
export interface Taps {
  start: Int32Array;
  count: Int32Array;
  index: Int32Array;
  weight: Float32Array;
}

function bilinearTaps(from: number, to: number): Taps {
  const start = new Int32Array(to);
  const count = new Int32Array(to);
  const index = new Int32Array(to * 2);
  const weight = new Float32Array(to * 2);
  const ratio = from / to;
  for (let d = 0; d < to; d++) {
    // Pixel centres line up: destination centre d + 0.5 sits at source (d + 0.5) * ratio.
    const s = Math.min(from - 1, Math.max(0, (d + 0.5) * ratio - 0.5));
    const i0 = Math.floor(s);
    const i1 = Math.min(from - 1, i0 + 1);
    const t = s - i0;
    start[d] = d * 2;
    count[d] = 2;
    index[d * 2] = i0;
    index[d * 2 + 1] = i1;
    weight[d * 2] = 1 - t;
    weight[d * 2 + 1] = t;
  }
  return { start, count, index, weight };
}

function areaTaps(from: number, to: number): Taps {
  const ratio = from / to; // > 1: each destination pixel covers `ratio` source pixels
  const maxCount = Math.ceil(ratio) + 1;
  const start = new Int32Array(to);
  const count = new Int32Array(to);
  const index = new Int32Array(to * maxCount);
  const weight = new Float32Array(to * maxCount);
  let k = 0;
  for (let d = 0; d < to; d++) {
    const lo = d * ratio;
    const hi = Math.min(from, (d + 1) * ratio);
    start[d] = k;
    for (let i = Math.floor(lo); i < hi; i++) {
      const overlap = Math.min(hi, i + 1) - Math.max(lo, i);
      if (overlap <= 0) continue;
      index[k] = i;
      weight[k++] = overlap / ratio;
    }
    count[d] = k - start[d];
  }
  return { start, count, index, weight };
}

export const tapsFor = (from: number, to: number) => (to > from ? bilinearTaps(from, to) : areaTaps(from, to));
