import type { Mask, Rect } from './types';

/** A 4-bytes-at-a-time view when the rows allow it: scans of big empty areas go ~4x faster. */
function wordView(data: Uint8Array): Uint32Array | null {
  return data.byteOffset % 4 === 0 && data.length % 4 === 0
    ? new Uint32Array(data.buffer, data.byteOffset, data.length / 4)
    : null;
}

function isZeroRange(data: Uint8Array, words: Uint32Array | null, start: number, end: number): boolean {
  let i = start;
  if (words) {
    while (i < end && i % 4 !== 0) if (data[i++] !== 0) return false;
    const wordEnd = (end - (end % 4)) / 4;
    for (let w = i / 4; w < wordEnd; w++) if (words[w] !== 0) return false;
    i = Math.max(i, wordEnd * 4);
  }
  for (; i < end; i++) if (data[i] !== 0) return false;
  return true;
}

/** Index of the first nonzero value in [start, end), or end. */
function firstNonZero(data: Uint8Array, words: Uint32Array | null, start: number, end: number): number {
  let i = start;
  if (words) {
    while (i < end && i % 4 !== 0) if (data[i++] !== 0) return i - 1;
    let w = i >> 2;
    const wordEnd = end >> 2;
    while (w < wordEnd && words[w] === 0) w++;
    i = Math.max(i, w << 2);
  }
  for (; i < end; i++) if (data[i] !== 0) return i;
  return end;
}

/** Index of the last nonzero value in [start, end), or start - 1. */
function lastNonZero(data: Uint8Array, words: Uint32Array | null, start: number, end: number): number {
  let i = end - 1;
  if (words) {
    while (i >= start && (i + 1) % 4 !== 0) if (data[i--] !== 0) return i + 1;
    let w = (i + 1) >> 2; // words before w are still to check
    const wordStart = (start + 3) >> 2;
    while (w > wordStart && words[w - 1] === 0) w--;
    i = Math.min(i, (w << 2) - 1);
  }
  for (; i >= start; i--) if (data[i] !== 0) return i;
  return start - 1;
}

/** Flips keep and repaint (v -> 255 - v) in place; returns the same array. */
export function invertMask<T extends Uint8Array>(data: T): T {
  const words = wordView(data);
  if (words) {
    for (let i = 0; i < words.length; i++) words[i] = ~words[i];
  } else {
    for (let i = 0; i < data.length; i++) data[i] = 255 - data[i];
  }
  return data;
}

/** True when nothing is marked for repainting. */
export function isMaskEmpty(data: Uint8Array): boolean {
  return isZeroRange(data, wordView(data), 0, data.length);
}

/** Fraction (0..1) of pixels with any repaint value. */
export function maskCoverage(data: Uint8Array): number {
  if (data.length === 0) return 0;
  let count = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) count++;
  return count / data.length;
}

/** Bounding box of the nonzero values of a width x height array, or null when all zero. */
export function valueBounds(data: Uint8Array, width: number, height: number): Rect | null {
  const words = wordView(data);
  let top = 0;
  while (top < height && isZeroRange(data, words, top * width, top * width + width)) top++;
  if (top === height) return null;
  let bottom = height - 1;
  while (bottom > top && isZeroRange(data, words, bottom * width, bottom * width + width)) bottom--;
  // Each row only needs scanning outside the columns already known to be inside.
  let left = width;
  let right = -1;
  for (let y = top; y <= bottom; y++) {
    const row = y * width;
    left = firstNonZero(data, words, row, row + left) - row;
    right = lastNonZero(data, words, row + right + 1, row + width) - row;
  }
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/** Bounding box of everything marked for repainting, or null for an empty mask. */
export function maskBounds(mask: Mask): Rect | null {
  return valueBounds(mask.data, mask.width, mask.height);
}
