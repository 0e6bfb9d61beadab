import { maskBounds, type Mask, type Rect } from '../mask';
import { intersectRect } from './types';

/** Pixels around the mask, where the engine was meant to reproduce the original. */
export interface Ring {
  /** The area searched: the mask's box plus the ring width, inside the rect asked for. */
  region: Rect;
  /** Image pixel indices (y * width + x) of the ring pixels, in row order; `count` of them. */
  pixels: Int32Array;
  count: number;
}

/** Ring widths up to this keep the per-column counts (2R + 1) inside one byte lane. */
export const MAX_RING_PX = 127;

const ALL_NONZERO = (w: number) => ((w - 0x01010101) & ~w & 0x80808080) === 0;

/** The end of the run from i of nonzero (or zero) values: the first index in [i, end) where that changes, or end. */
function runEnd(data: Uint8Array, words: Uint32Array | null, i: number, end: number, nonzero: boolean): number {
  while (i < end && (i & 3) !== 0) if ((data[i] !== 0) !== nonzero) return i; else i++;
  if (words && (i & 3) === 0) {
    let w = i >> 2;
    const wEnd = end >> 2;
    if (nonzero) while (w < wEnd && ALL_NONZERO(words[w])) w++;
    else while (w < wEnd && words[w] === 0) w++;
    i = w << 2;
  }
  for (; i < end; i++) if ((data[i] !== 0) !== nonzero) return i;
  return end;
}

/**
 * The ring of keep pixels (mask 0) within ringPx (1..127, a square) of any masked pixel
 * (mask > 0), inside `rect` only (where the result is). A dilation in two passes that cost
 * the same for any ringPx: along rows, runs of masked pixels are found a word at a time and
 * widened by R; down columns, a running count of widened rows per column, four columns per
 * 32-bit add. Only the mask's box plus R is visited. `bounds` (maskBounds) saves a scan.
 */
export function maskRing(mask: Mask, rect: Rect, ringPx: number, bounds: Rect | null = maskBounds(mask)): Ring {
  const R = Math.min(MAX_RING_PX, Math.max(1, Math.round(ringPx) || 1));
  const inside = bounds ? intersectRect(bounds, rect) : null;
  const empty = { x: rect.x, y: rect.y, width: 0, height: 0 };
  const grown = inside ? { x: inside.x - R, y: inside.y - R, width: inside.width + 2 * R, height: inside.height + 2 * R } : empty;
  const region = inside && inside.width > 0 && inside.height > 0 ? intersectRect(grown, rect) : empty;
  const { width: rw, height: rh } = region;
  if (rw === 0 || rh === 0) return { region, pixels: new Int32Array(0), count: 0 };
  const W = mask.width;
  const m = mask.data;
  const words = m.byteOffset % 4 === 0 ? new Uint32Array(m.buffer, m.byteOffset, m.length >> 2) : null;

  // Rows padded to whole words so the column pass can add four columns at once.
  const stride = (rw + 3) & ~3;
  const near = new Uint8Array(stride * rh); // 1: a masked pixel within R along the row
  const masked = new Uint8Array(stride * rh); // 1: mask > 0
  for (let y = 0; y < rh; y++) {
    const src = (region.y + y) * W + region.x;
    const row = y * stride;
    let x = runEnd(m, words, src, src + rw, false) - src;
    while (x < rw) {
      const end = runEnd(m, words, src + x, src + rw, true) - src;
      masked.fill(1, row + x, row + end);
      near.fill(1, row + Math.max(0, x - R), row + Math.min(rw, end + R));
      x = runEnd(m, words, src + end, src + rw, false) - src;
    }
  }

  const near32 = new Uint32Array(near.buffer);
  const masked32 = new Uint32Array(masked.buffer);
  const counts = new Uint32Array(stride >> 2); // four byte lanes, each <= 2R + 1 <= 255: no carries
  const rowWords = stride >> 2;
  for (let y = 0; y < Math.min(R, rh); y++) for (let k = 0, o = y * rowWords; k < rowWords; k++) counts[k] += near32[o + k];
  let pixels = new Int32Array(1024);
  let count = 0;
  for (let y = 0; y < rh; y++) {
    if (y + R < rh) for (let k = 0, o = (y + R) * rowWords; k < rowWords; k++) counts[k] += near32[o + k];
    if (y - R - 1 >= 0) for (let k = 0, o = (y - R - 1) * rowWords; k < rowWords; k++) counts[k] -= near32[o + k];
    const base = (region.y + y) * W + region.x;
    for (let k = 0, o = y * rowWords; k < rowWords; k++) {
      const c = counts[k];
      if (c === 0 || masked32[o + k] === 0x01010101) continue; // nothing near, or all masked
      const inMask = masked32[o + k];
      for (let lane = 0; lane < 4; lane++) {
        const shift = lane * 8;
        if (((c >>> shift) & 255) === 0 || ((inMask >>> shift) & 1) === 1) continue;
        const x = k * 4 + lane;
        if (x >= rw) break;
        if (count === pixels.length) {
          const grownList = new Int32Array(count * 2);
          grownList.set(pixels);
          pixels = grownList;
        }
        pixels[count++] = base + x;
      }
    }
  }
  return { region, pixels, count };
}
