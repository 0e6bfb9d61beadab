import { expandCells } from './featherExpand';
import type { BoxPlan, FeatherJob } from './featherJob';
import { shrinkCells } from './featherShrink';
import type { Point } from './types';

/**
 * The feather for wide radii: the mask box-averaged down by k (a power of 2), blurred
 * there by the exact three-box passes, and brought back up by linear interpolation
 * between cell centres. Cells sit on a grid of the whole image (cell c covers image
 * pixels [c * k - k / 2, c * k + k / 2), so interpolation segments start at multiples
 * of k), and a crop of the mask gives the same values as the whole when told where it
 * lies: `origin`. All sums are integers, so results are exact.
 */
export interface ScaledJob extends FeatherJob {
  /** Where src's pixel (0, 0) lies in the image. */
  origin: Point;
  factor: number;
  /** Boxes in shrunk pixels; region and bounds are in src's coordinates. */
  plan: BoxPlan;
}

const scratch = { cells: new Uint8Array(0), blurred: new Uint8Array(0) };

/** The scaled feather; `passes` is the exact three-box blur it runs on the shrunk copy. */
export function featherScaled(job: ScaledJob, passes: (job: FeatherJob) => void): void {
  const { src, width, height, origin, factor: k, plan, region, bounds } = job;
  const R = plan.reach;
  const cellOf = (p: number) => Math.floor((p + (k >> 1)) / k); // image cell holding image pixel p
  // The grid: the cells src touches and one more each side, which holds only copies of
  // src's edge pixels, as do all cells beyond it, so the shrunk blur's clamping at the
  // grid's edge matches the full-size blur's at src's edge.
  const gx = cellOf(origin.x) - 1;
  const gy = cellOf(origin.y) - 1;
  const grid = { x: gx, y: gy, width: cellOf(origin.x + width - 1) + 2 - gx, height: cellOf(origin.y + height - 1) + 2 - gy };
  // Pixel X reads cells floor(X / k) and the next.
  const X0 = region.x + origin.x;
  const Y0 = region.y + origin.y;
  const cx = Math.floor(X0 / k);
  const cy = Math.floor(Y0 / k);
  const cells = { x: cx, y: cy, width: Math.floor((X0 + region.width - 1) / k) + 2 - cx, height: Math.floor((Y0 + region.height - 1) / k) + 2 - cy };
  // Cells within reach of those that hold source within bounds (or copies of it).
  const bx0 = Math.max(cx - R, cellOf(bounds.x + origin.x) - 1, gx);
  const by0 = Math.max(cy - R, cellOf(bounds.y + origin.y) - 1, gy);
  const bx1 = Math.min(cx + cells.width + R, cellOf(bounds.x + bounds.width - 1 + origin.x) + 2, gx + grid.width);
  const by1 = Math.min(cy + cells.height + R, cellOf(bounds.y + bounds.height - 1 + origin.y) + 2, gy + grid.height);
  if (bx1 <= bx0 || by1 <= by0) return;
  // The shrunk job works in grid coordinates.
  const cellBounds = { x: bx0 - gx, y: by0 - gy, width: bx1 - bx0, height: by1 - by0 };
  const cellCount = grid.width * grid.height;
  if (scratch.cells.length < cellCount) scratch.cells = new Uint8Array(cellCount);
  scratch.cells.fill(0, 0, cellCount);
  shrinkCells(src, width, height, origin, k, grid, cellBounds, scratch.cells, grid.width);
  const blurredCount = cells.width * cells.height;
  if (scratch.blurred.length < blurredCount) scratch.blurred = new Uint8Array(blurredCount);
  scratch.blurred.fill(0, 0, blurredCount);
  passes({
    src: scratch.cells.subarray(0, cellCount),
    width: grid.width,
    height: grid.height,
    plan,
    region: { ...cells, x: cx - gx, y: cy - gy },
    bounds: cellBounds,
    out: scratch.blurred,
    outOffset: 0,
    outStride: cells.width,
  });
  expandCells({ ...job, blurred: scratch.blurred, cells });
}
