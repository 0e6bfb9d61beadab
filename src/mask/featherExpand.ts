import { rowBytes, rowWords, rowWordsTwice, type Line } from './featherExpandRows';
import type { Point, Rect } from './types';

/**
 * The interpolation half of the scaled feather (see featherScaled). Cell c's centre is
 * the image position c * k (pixel X's centre is X + 1/2), so pixels [jk, jk + k), the
 * "segment" j, lie between cells j and j + 1: pixel X with weight f / 2k on cell j + 1,
 * f = 2(X - jk) + 1. Integer weights and sums, so the result is exact.
 */
export interface ExpandJob {
  /** Blurred cells, rect `cells` of the image's grid (cell indices), row by row. */
  blurred: Uint8Array;
  cells: Rect;
  factor: number;
  /** Where the output's source pixel (0, 0) lies in the image. */
  origin: Point;
  region: Rect;
  out: Uint8Array;
  outOffset: number;
  outStride: number;
}

/** Whole ints of out are written as 4 bytes in little-endian order. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

// Scratch kept between calls; loops read it into locals (V8 optimises those better).
const scratch = { base: new Int32Array(0), step: new Int32Array(0), now: new Int32Array(0) };

export function expandCells(job: ExpandJob): void {
  const { blurred, cells, factor: k, origin, region, out, outOffset, outStride } = job;
  const k2 = 2 * k;
  const shift = 31 - Math.clz32(k);
  const X0 = region.x + origin.x;
  const X1 = X0 + region.width;
  // out[at + X] is image column X of the row; whole ints where that is aligned.
  const at0 = outOffset - X0;
  const aligned = LITTLE_ENDIAN && out.byteOffset % 4 === 0 && (at0 & 3) === 0 && outStride % 4 === 0;
  const words = aligned ? new Uint32Array(out.buffer, out.byteOffset, out.length >> 2) : null;
  const unit = Math.max(4, k); // whole segments (pairs for k = 2) from W0 to W1 go by ints
  const W0 = Math.min(X1, Math.ceil(X0 / unit) * unit);
  const W1 = Math.max(W0, Math.floor(X1 / unit) * unit);
  if (scratch.base.length < cells.width) {
    scratch.base = new Int32Array(cells.width);
    scratch.step = new Int32Array(cells.width);
    scratch.now = new Int32Array(cells.width);
  }
  const { base, step, now } = scratch;
  const line: Line = { base, step, now, t: 0, first: cells.x };
  let pair = NaN; // the cell row j that base and step interpolate from
  let any = 0;
  let fresh = false; // now[] needs filling in for this row
  for (let y = region.y; y < region.y + region.height; y++) {
    // Between cell rows j and j + 1, weight fy / 2k = (2t + 1) / 2k on the lower one.
    const Y = y + origin.y;
    const j = Y >> shift;
    if (j !== pair) {
      pair = j;
      fresh = true;
      const r0 = (j - cells.y) * cells.width;
      const r1 = r0 + cells.width;
      any = 0;
      for (let c = 0; c < cells.width; c++) {
        const top = blurred[r0 + c];
        const d = blurred[r1 + c] - top;
        base[c] = top * k2 + d;
        step[c] = 2 * d;
        any |= top | d;
      }
    }
    if (any === 0) continue; // out already holds 0
    const t = Y - (j << shift);
    line.t = t;
    if (fresh) {
      for (let c = 0; c < cells.width; c++) now[c] = base[c] + t * step[c];
      fresh = false;
    }
    const at = at0 + (y - region.y) * outStride;
    if (!words) {
      rowBytes(line, out, at, X0, X1, k);
      continue;
    }
    rowBytes(line, out, at, X0, W0, k);
    rowBytes(line, out, at, W1, X1, k);
    if (k <= 4 && t + 1 < k && y + 1 < region.y + region.height) {
      line.t = t + 1;
      rowBytes(line, out, at + outStride, X0, W0, k);
      rowBytes(line, out, at + outStride, W1, X1, k);
      rowWordsTwice(line, words, at, W0, W1, outStride >> 2, k);
      y++;
    } else {
      rowWords(line, words, at, W0, W1, k);
    }
  }
}
