import type { Mask, Rect } from '../mask/types';
import { HOLE_THRESHOLD } from './types';

/**
 * Where to work: each separate hole only needs the photo around it, so the fill runs on
 * crops (the hole's box grown by a margin) instead of the whole 12-megapixel photo.
 */

/** The context kept around a hole: enough to find patches, growing with the hole's size. */
export function holeMargin(box: Rect): number {
  return Math.max(64, Math.round(0.5 * Math.max(box.width, box.height)));
}

/** The bounding boxes of the hole's 8-connected pieces. */
export function holePieces(mask: Mask): Rect[] {
  const { width, height, data } = mask;
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const pieces: Rect[] = [];
  for (let start = 0; start < data.length; start++) {
    if (data[start] < HOLE_THRESHOLD || seen[start]) continue;
    let x0 = width, y0 = height, x1 = -1, y1 = -1;
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const x = i % width;
      const y = (i - x) / width;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const n = ny * width + nx;
          if (!seen[n] && data[n] >= HOLE_THRESHOLD) {
            seen[n] = 1;
            stack.push(n);
          }
        }
      }
    }
    pieces.push({ x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 });
  }
  return pieces;
}

function grown(box: Rect, width: number, height: number): Rect {
  const m = holeMargin(box);
  const x = Math.max(0, box.x - m);
  const y = Math.max(0, box.y - m);
  return { x, y, width: Math.min(width, box.x + box.width + m) - x, height: Math.min(height, box.y + box.height + m) - y };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/**
 * Disjoint crops that together hold every hole pixel with its margin. Crops that
 * overlap are merged, so a crop never reads another crop's (still unfilled) hole.
 */
export function fillCrops(mask: Mask): Rect[] {
  const crops = holePieces(mask).map((box) => grown(box, mask.width, mask.height));
  let merged = true;
  while (merged) {
    merged = false;
    for (let i = 0; i < crops.length && !merged; i++) {
      for (let j = i + 1; j < crops.length; j++) {
        if (!overlaps(crops[i], crops[j])) continue;
        crops[i] = union(crops[i], crops[j]);
        crops.splice(j, 1);
        merged = true;
        break;
      }
    }
  }
  return crops;
}
