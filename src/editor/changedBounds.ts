import type { Rect } from '../mask/types';

/** The smallest rectangle holding every pixel where `a` and `b` differ, or null if none. */
export function changedBounds(a: Uint8Array, b: Uint8Array, width: number, height: number): Rect | null {
  let top = -1;
  for (let y = 0; y < height && top < 0; y++) if (rowDiffers(a, b, y * width, width)) top = y;
  if (top < 0) return null;
  let bottom = top;
  for (let y = height - 1; y > top; y--) {
    if (rowDiffers(a, b, y * width, width)) {
      bottom = y;
      break;
    }
  }
  let left = width;
  let right = -1;
  for (let y = top; y <= bottom; y++) {
    const row = y * width;
    for (let x = 0; x < left; x++) if (a[row + x] !== b[row + x]) left = x;
    for (let x = width - 1; x > right; x--) if (a[row + x] !== b[row + x]) right = x;
  }
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

function rowDiffers(a: Uint8Array, b: Uint8Array, start: number, width: number) {
  for (let i = start, end = start + width; i < end; i++) if (a[i] !== b[i]) return true;
  return false;
}
