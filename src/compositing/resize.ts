import { enlargeInto } from './enlarge';
import { tapsFor } from '../mask/resampleTaps';
import { assertImage, type RgbaImage } from '../image/rgba';

/**
 * Resizing RGBA pictures (the engine's output back to the crop, the crop to the engine's
 * size): per axis, bilinear when enlarging, area average when reducing, so no source
 * pixel is skipped over. Channels are resized independently (not premultiplied): photos
 * are opaque, and an engine result's alpha is ignored where the mask is 0 anyway.
 */


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
