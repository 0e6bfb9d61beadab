import { enlargeInto } from './enlarge';
import { assertImage, type RgbaImage } from './types';

/**
 * Resizing RGBA pictures (the engine's output back to the crop, the crop to the engine's
 * size): per axis, bilinear when enlarging, area average when reducing, so no source
 * pixel is skipped over. Channels are resized independently (not premultiplied): photos
 * are opaque, and an engine result's alpha is ignored where the mask is 0 anyway.
 */

/** For each destination index: the source indices it reads and their weights (sum 1). */
interface Taps {
  start: Int32Array;
  count: Int32Array;
  index: Int32Array;
  weight: Float32Array;
}

function bilinearTaps(from: number, to: number): Taps {
  const start = new Int32Array(to);
  const count = new Int32Array(to).fill(2);
  const index = new Int32Array(to * 2);
  const weight = new Float32Array(to * 2);
  const ratio = from / to;
  for (let d = 0; d < to; d++) {
    // Pixel centres line up: destination centre d + 0.5 sits at source (d + 0.5) * ratio.
    const s = Math.min(from - 1, Math.max(0, (d + 0.5) * ratio - 0.5));
    const i0 = Math.floor(s);
    start[d] = d * 2;
    index[d * 2] = i0;
    index[d * 2 + 1] = Math.min(from - 1, i0 + 1);
    weight[d * 2] = 1 - (s - i0);
    weight[d * 2 + 1] = s - i0;
  }
  return { start, count, index, weight };
}

function areaTaps(from: number, to: number): Taps {
  const ratio = from / to; // >= 1: each destination pixel covers `ratio` source pixels
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

const tapsFor = (from: number, to: number) => (to > from ? bilinearTaps(from, to) : areaTaps(from, to));

/** Each source row to dw pixels (4 floats each). Two-tap (enlarging) rows get their own loop: the common case. */
function resizeRows(src: Uint8ClampedArray, sw: number, sh: number, dw: number): Float32Array {
  const across = tapsFor(sw, dw);
  const { start, count, index, weight } = across;
  const rows = new Float32Array(sh * dw * 4);
  const twoTap = count.every((c) => c === 2);
  for (let y = 0; y < sh; y++) {
    const srcRow = y * sw * 4;
    let o = y * dw * 4;
    for (let x = 0; x < dw; x++, o += 4) {
      const k = start[x];
      if (twoTap) {
        const i = srcRow + index[k] * 4;
        const j = srcRow + index[k + 1] * 4;
        const t = weight[k + 1];
        rows[o] = src[i] + (src[j] - src[i]) * t;
        rows[o + 1] = src[i + 1] + (src[j + 1] - src[i + 1]) * t;
        rows[o + 2] = src[i + 2] + (src[j + 2] - src[i + 2]) * t;
        rows[o + 3] = src[i + 3] + (src[j + 3] - src[i + 3]) * t;
        continue;
      }
      let r = 0, g = 0, b = 0, a = 0;
      for (let end = k + count[x], q = k; q < end; q++) {
        const w = weight[q];
        const i = srcRow + index[q] * 4;
        r += w * src[i];
        g += w * src[i + 1];
        b += w * src[i + 2];
        a += w * src[i + 3];
      }
      rows[o] = r;
      rows[o + 1] = g;
      rows[o + 2] = b;
      rows[o + 3] = a;
    }
  }
  return rows;
}

/** The picture resized to w x h. Equal sizes give an exact copy. */
export function resizeImage(image: RgbaImage, w: number, h: number): RgbaImage {
  assertImage(image);
  if (!(Number.isInteger(w) && Number.isInteger(h) && w >= 0 && h >= 0)) throw new RangeError(`bad size ${w}x${h}`);
  const { width: sw, height: sh, data: src } = image;
  if (sw === w && sh === h) return { width: w, height: h, data: src.slice() };
  const data = new Uint8ClampedArray(w * h * 4);
  if (w === 0 || h === 0 || sw === 0 || sh === 0) return { width: w, height: h, data };
  if (w >= sw && h >= sh) {
    enlargeInto(src, sw, sh, new Uint8Array(data.buffer), w, h);
    return { width: w, height: h, data };
  }

  // Across first, then down a destination row at a time. Values are convex mixes of bytes,
  // so + 0.5 and the plain byte store's truncation round them (faster than a clamped store).
  const out = new Uint8Array(data.buffer);
  const rows = resizeRows(src, sw, sh, w);
  const down = tapsFor(sh, h);
  const rowLen = w * 4;
  for (let y = 0; y < h; y++) {
    const first = down.start[y];
    const taps = down.count[y];
    const dstRow = y * rowLen;
    if (taps === 2) {
      const a = down.index[first] * rowLen;
      const b = down.index[first + 1] * rowLen;
      const t = down.weight[first + 1];
      for (let i = 0; i < rowLen; i++) out[dstRow + i] = rows[a + i] + (rows[b + i] - rows[a + i]) * t + 0.5;
      continue;
    }
    for (let i = 0; i < rowLen; i++) {
      let sum = 0.5;
      for (let k = first, end = first + taps; k < end; k++) sum += down.weight[k] * rows[down.index[k] * rowLen + i];
      out[dstRow + i] = sum;
    }
  }
  return { width: w, height: h, data };
}
