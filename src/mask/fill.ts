import type { Mask, MaskMode, Point, Rect } from './types';

const EMPTY: Rect = { x: 0, y: 0, width: 0, height: 0 };
const valueFor = (mode: MaskMode) => (mode === 'paint' ? 255 : 0);

/** First pixel index whose centre (i + 0.5) is at or after `edge`. */
const firstCentreFrom = (edge: number) => Math.ceil(edge - 0.5);

/**
 * Sets the pixels whose centres lie inside `rect` (an integer rect is filled exactly;
 * a negative size counts from the other corner). Returns the rect actually filled.
 */
export function fillRect(mask: Mask, rect: Rect, mode: MaskMode): Rect {
  const left = Math.min(rect.x, rect.x + rect.width);
  const top = Math.min(rect.y, rect.y + rect.height);
  const x0 = Math.max(0, firstCentreFrom(left));
  const y0 = Math.max(0, firstCentreFrom(top));
  const x1 = Math.min(mask.width, firstCentreFrom(left + Math.abs(rect.width)));
  const y1 = Math.min(mask.height, firstCentreFrom(top + Math.abs(rect.height)));
  if (!(x1 > x0 && y1 > y0)) return { ...EMPTY };
  const value = valueFor(mode);
  for (let y = y0; y < y1; y++) mask.data.fill(value, y * mask.width + x0, y * mask.width + x1);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * Fills a closed lasso (even-odd rule, so a figure-eight loop leaves its crossing
 * pattern right) by sampling pixel centres row by row. Returns the rect actually filled.
 */
export function fillPolygon(mask: Mask, points: Point[], mode: MaskMode): Rect {
  const n = points.length;
  if (n < 3 || !points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))) return { ...EMPTY };
  const { width, height, data } = mask;

  // Edges crossing at least one row centre, bucketed by the first row they cross.
  const firstRow: number[] = [];
  const lastRow: number[] = [];
  const xAtFirst: number[] = [];
  const slope: number[] = [];
  let rowMin = Infinity;
  let rowMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = points[i];
    const b = points[(i + 1) % n];
    if (a.y === b.y) continue;
    const [top, bottom] = a.y < b.y ? [a, b] : [b, a];
    // Half-open [top, bottom) so a vertex shared by two edges is counted once.
    const r0 = Math.max(0, firstCentreFrom(top.y));
    const r1 = Math.min(height, firstCentreFrom(bottom.y)) - 1;
    if (r1 < r0) continue;
    const s = (bottom.x - top.x) / (bottom.y - top.y);
    firstRow.push(r0);
    lastRow.push(r1);
    xAtFirst.push(top.x + (r0 + 0.5 - top.y) * s);
    slope.push(s);
    rowMin = Math.min(rowMin, r0);
    rowMax = Math.max(rowMax, r1);
  }
  if (firstRow.length === 0) return { ...EMPTY };

  const order = firstRow.map((_, i) => i).sort((p, q) => firstRow[p] - firstRow[q]);
  const active: number[] = [];
  const xs = new Float64Array(firstRow.length);
  const value = valueFor(mode);
  let next = 0;
  let fx0 = width;
  let fx1 = 0;
  let fy0 = height;
  let fy1 = 0;

  for (let y = rowMin; y <= rowMax; y++) {
    while (next < order.length && firstRow[order[next]] === y) active.push(order[next++]);
    let count = 0;
    for (let k = 0; k < active.length; k++) {
      const e = active[k];
      if (lastRow[e] < y) {
        active[k--] = active[active.length - 1];
        active.pop();
        continue;
      }
      xs[count++] = xAtFirst[e] + (y - firstRow[e]) * slope[e];
    }
    const crossings = xs.subarray(0, count).sort();
    for (let k = 0; k + 1 < count; k += 2) {
      const x0 = Math.max(0, firstCentreFrom(crossings[k]));
      const x1 = Math.min(width, firstCentreFrom(crossings[k + 1]));
      if (x1 <= x0) continue;
      data.fill(value, y * width + x0, y * width + x1);
      if (x0 < fx0) fx0 = x0;
      if (x1 > fx1) fx1 = x1;
      if (y < fy0) fy0 = y;
      fy1 = y + 1;
    }
  }
  if (fx1 <= fx0) return { ...EMPTY };
  return { x: fx0, y: fy0, width: fx1 - fx0, height: fy1 - fy0 };
}
