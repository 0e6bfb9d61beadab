import type { BoxPlan, FeatherJob } from './featherJob';
import type { Point, Rect } from './types';

/**
 * The feather for wide radii: the mask box-averaged down by k (a power of 2), blurred
 * there by the exact three-box passes, and brought back up by linear interpolation
 * between cell centres. Cells sit on a grid of the full image (cell c covers image
 * pixels [c * k, c * k + k)), so a crop of the mask gives the same values as the whole
 * when told where it lies: `origin`. All sums are integers, so results are exact.
 */
export interface ScaledJob {
  src: Uint8Array;
  width: number;
  height: number;
  /** Where src's pixel (0, 0) lies in the image. */
  origin: Point;
  factor: number;
  /** Boxes in shrunk pixels. */
  plan: BoxPlan;
  /** Pixels to compute, in src's coordinates (integer, non-empty, inside src). */
  region: Rect;
  /** Source pixels outside this rect (src's coordinates) are 0 or out of reach. */
  bounds: Rect;
  /** As in FeatherJob: region pixels go to out[outOffset + ...]; out holds 0 there. */
  out: Uint8Array;
  outOffset: number;
  outStride: number;
}

const scratch = { cells: new Uint8Array(0), blurred: new Uint8Array(0), sums: new Int32Array(0) };

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);
const log2 = (k: number) => 31 - Math.clz32(k);

/** Cells [first, last] (grid indices) that pixel positions [p0, p1) interpolate between. */
function cellsRead(p0: number, p1: number, k: number, first: number, last: number): [number, number] {
  const sh = log2(2 * k);
  const lo = (2 * p0 + 1 - k) >> sh;
  const hi = ((2 * (p1 - 1) + 1 - k) >> sh) + 1;
  return [clamp(lo, first, last), clamp(hi, first, last)];
}

/** Cells of `rect` (shrunk coordinates, relative to the first grid cell) averaged into `cells`. */
function shrink(job: ScaledJob, grid: Point, cellsWidth: number, rect: Rect) {
  const { src, width, height, origin, factor: k } = job;
  if (scratch.sums.length < rect.width) scratch.sums = new Int32Array(rect.width);
  const { cells, sums } = scratch;
  const ox = origin.x;
  const cellX = (c: number) => (grid.x + c) * k - ox; // first src column of cell c
  const xs = Math.max(0, cellX(rect.x));
  const xe = Math.min(width, cellX(rect.x + rect.width));
  const firstEnd = Math.min(xe, cellX(rect.x + 1));
  for (let cy = rect.y; cy < rect.y + rect.height; cy++) {
    const ys = Math.max(0, (grid.y + cy) * k - origin.y);
    const ye = Math.min(height, (grid.y + cy + 1) * k - origin.y);
    sums.fill(0, 0, rect.width);
    for (let y = ys; y < ye; y++) {
      const row = y * width;
      let x = row + xs;
      let end = row + firstEnd;
      const rowEnd = row + xe;
      for (let c = 0; x < rowEnd; c++) {
        let s = 0;
        for (; x < end; x++) s += src[x];
        sums[c] += s;
        end = Math.min(rowEnd, end + k);
      }
    }
    const rows = ye - ys;
    const out = cy * cellsWidth + rect.x;
    for (let c = 0; c < rect.width; c++) {
      const x0 = Math.max(xs, cellX(rect.x + c));
      const count = rows * (Math.min(xe, cellX(rect.x + c + 1)) - x0);
      cells[out + c] = ((2 * sums[c] + count) / (2 * count)) | 0;
    }
  }
}

/** Linear interpolation of the blurred cells (rect `cellRect` of the grid) into the region. */
function expand(job: ScaledJob, grid: Rect, cellRect: Rect) {
  const { factor: k, origin, region, out, outOffset, outStride } = job;
  const { blurred } = scratch;
  if (scratch.sums.length < cellRect.width) scratch.sums = new Int32Array(cellRect.width);
  const line = scratch.sums;
  const k2 = 2 * k;
  const sh = log2(k2);
  const shOut = 2 * sh;
  const half = (k2 * k2) >> 1;
  const lastX = grid.x + grid.width - 1;
  const lastY = grid.y + grid.height - 1;
  const X0 = region.x + origin.x;
  const X1 = X0 + region.width;
  for (let y = region.y; y < region.y + region.height; y++) {
    // Between cell rows j and j + 1 with weight fy / 2k on the lower one.
    const t = 2 * (y + origin.y) + 1 - k;
    const j = t >> sh;
    const fy = t - (j << sh);
    const r0 = (clamp(j, grid.y, lastY) - grid.y - cellRect.y) * cellRect.width;
    const r1 = (clamp(j + 1, grid.y, lastY) - grid.y - cellRect.y) * cellRect.width;
    let any = 0;
    for (let c = 0; c < cellRect.width; c++) {
      const v = blurred[r0 + c] * (k2 - fy) + blurred[r1 + c] * fy;
      line[c] = v;
      any |= v;
    }
    if (any === 0) continue; // out already holds 0
    const base = outOffset + (y - region.y) * outStride - X0;
    const cx = grid.x + cellRect.x;
    let X = X0;
    while (X < X1) {
      const tx = 2 * X + 1 - k;
      const jx = tx >> sh;
      const end = Math.min(X1, (jx << log2(k)) + k + (k >> 1));
      const a = line[clamp(jx, grid.x, lastX) - cx];
      const d = line[clamp(jx + 1, grid.x, lastX) - cx] - a;
      if (a === 0 && d === 0) {
        X = end;
        continue;
      }
      let v = a * k2 + d * (tx - (jx << sh)) + half;
      const step = 2 * d;
      for (; X < end; X++) {
        out[base + X] = v >> shOut;
        v += step;
      }
    }
  }
}

/** The scaled feather; `passes` is the exact three-box blur it runs on the shrunk copy. */
export function featherScaled(job: ScaledJob, passes: (job: FeatherJob) => void): void {
  const { width, height, origin, factor: k, plan, region, bounds } = job;
  const R = plan.reach;
  // The grid cells src touches, as image cell indices.
  const gx = Math.floor(origin.x / k);
  const gy = Math.floor(origin.y / k);
  const grid = {
    x: gx,
    y: gy,
    width: Math.floor((origin.x + width - 1) / k) + 1 - gx,
    height: Math.floor((origin.y + height - 1) / k) + 1 - gy,
  };
  const [cx0, cx1] = cellsRead(region.x + origin.x, region.x + region.width + origin.x, k, gx, gx + grid.width - 1);
  const [cy0, cy1] = cellsRead(region.y + origin.y, region.y + region.height + origin.y, k, gy, gy + grid.height - 1);
  const cellRect = { x: cx0 - gx, y: cy0 - gy, width: cx1 - cx0 + 1, height: cy1 - cy0 + 1 };
  // Cells holding source within bounds, and within reach of the cells read.
  const bx0 = Math.max(cellRect.x - R, Math.floor((bounds.x + origin.x) / k) - gx, 0);
  const by0 = Math.max(cellRect.y - R, Math.floor((bounds.y + origin.y) / k) - gy, 0);
  const bx1 = Math.min(cellRect.x + cellRect.width + R, Math.floor((bounds.x + bounds.width - 1 + origin.x) / k) + 1 - gx, grid.width);
  const by1 = Math.min(cellRect.y + cellRect.height + R, Math.floor((bounds.y + bounds.height - 1 + origin.y) / k) + 1 - gy, grid.height);
  if (bx1 <= bx0 || by1 <= by0) return;
  const cellBounds = { x: bx0, y: by0, width: bx1 - bx0, height: by1 - by0 };

  const cellCount = grid.width * grid.height;
  if (scratch.cells.length < cellCount) scratch.cells = new Uint8Array(cellCount);
  scratch.cells.fill(0, 0, cellCount);
  shrink(job, grid, grid.width, cellBounds);
  const blurredCount = cellRect.width * cellRect.height;
  if (scratch.blurred.length < blurredCount) scratch.blurred = new Uint8Array(blurredCount);
  scratch.blurred.fill(0, 0, blurredCount);
  passes({
    src: scratch.cells.subarray(0, cellCount),
    width: grid.width,
    height: grid.height,
    plan,
    region: cellRect,
    bounds: cellBounds,
    out: scratch.blurred,
    outOffset: 0,
    outStride: cellRect.width,
  });
  expand(job, grid, cellRect);
}
