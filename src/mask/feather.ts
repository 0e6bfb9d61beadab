import { blurColumns } from './featherColumns';
import type { FeatherJob } from './featherJob';
import { blurRows } from './featherRows';
import { featherScale } from './featherPlan';
import { featherScaled } from './featherScaled';
import { valueBounds } from './ops';
import type { Mask, Point, Rect } from './types';

export { featherPlan, featherReach, featherScale, MAX_FEATHER_RADIUS, type FeatherScale } from './featherPlan';

function featherPasses(job: FeatherJob) {
  blurColumns(job, blurRows(job));
}

/** Runs the plain or the scaled feather for `radius` (whose reach is not 0). */
function run(job: Omit<FeatherJob, 'plan'>, radius: number, origin: Point) {
  const { factor, plan } = featherScale(radius);
  if (factor === 1) featherPasses({ ...job, plan });
  else featherScaled({ ...job, plan, factor, origin }, featherPasses);
}

/** The rect grown by `by` px each way, clipped to the image. */
function expand(r: Rect, by: number, width: number, height: number): Rect {
  const x = Math.max(0, r.x - by);
  const y = Math.max(0, r.y - by);
  return {
    x,
    y,
    width: Math.min(width, r.x + r.width + by) - x,
    height: Math.min(height, r.y + r.height + by) - y,
  };
}

/**
 * Softens the mask's edges (A1111's "mask blur"): a separable Gaussian-like blur made of
 * three running-sum boxes, clamped at the image edges; wide radii blur a copy shrunk by a
 * power of 2 and interpolate back (see featherScaled). Costs about the same at any
 * radius, and only the area the mask's values can reach is computed; the rest is 0.
 * radius <= 0 returns a copy. `out` (width * height) may be given to avoid an allocation.
 */
export function featherMask(src: Uint8Array, width: number, height: number, radius: number): Uint8Array<ArrayBuffer>;
export function featherMask<T extends Uint8Array>(src: Uint8Array, width: number, height: number, radius: number, out: T): T;
export function featherMask(
  src: Uint8Array,
  width: number,
  height: number,
  radius: number,
  out: Uint8Array = new Uint8Array(width * height),
): Uint8Array {
  if (src.length !== width * height || out.length !== width * height) {
    throw new RangeError(`feather needs ${width * height} values, got ${src.length} in and ${out.length} out`);
  }
  const { reach } = featherScale(radius);
  const bounds = valueBounds(src, width, height);
  if (reach === 0 || !bounds) {
    if (bounds) out.set(src);
    else out.fill(0);
    return out;
  }
  const region = expand(bounds, reach, width, height);
  out.fill(0);
  const outOffset = region.y * width + region.x;
  run({ src, width, height, region, bounds, out, outOffset, outStride: width }, radius, { x: 0, y: 0 });
  return out;
}

/**
 * The feathered values of `rect` only (rect.width * rect.height, row by row), equal to
 * that part of featherMask's result: it reads the source up to featherReach around rect.
 * The rect is clipped to the mask; the returned rect says what was computed.
 * `mask` may be a crop of the image holding rect + featherReach (clipped to the image):
 * then `origin` must say where the crop lies in the image, as wide radii compute on a
 * grid fixed to the image.
 */
export function featherRegion(
  mask: Mask,
  rect: Rect,
  radius: number,
  origin: Point = { x: 0, y: 0 },
): { rect: Rect; data: Uint8Array<ArrayBuffer> } {
  const { width, height, data: src } = mask;
  const x = Math.max(0, Math.floor(rect.x));
  const y = Math.max(0, Math.floor(rect.y));
  const region = {
    x,
    y,
    width: Math.max(0, Math.min(width, Math.ceil(rect.x + rect.width)) - x),
    height: Math.max(0, Math.min(height, Math.ceil(rect.y + rect.height)) - y),
  };
  const data = new Uint8Array(region.width * region.height);
  if (data.length === 0) return { rect: region, data };
  const { reach } = featherScale(radius);
  if (reach === 0) {
    for (let row = 0; row < region.height; row++) {
      const start = (region.y + row) * width + region.x;
      data.set(src.subarray(start, start + region.width), row * region.width);
    }
    return { rect: region, data };
  }
  const bounds = expand(region, reach, width, height);
  run({ src, width, height, region, bounds, out: data, outOffset: 0, outStride: region.width }, radius, origin);
  return { rect: region, data };
}
