import { blurColumns } from './featherColumns';
import type { BoxPlan, FeatherJob } from './featherJob';
import { blurRows } from './featherRows';
import { valueBounds } from './ops';
import type { Mask, Rect } from './types';

/** The feather ("mask blur") slider's range; also keeps the integer sums inside 32 bits. */
export const MAX_FEATHER_RADIUS = 128;

/**
 * Gaussian sigma per px of feather radius: the blur fades out around 2 sigma = radius.
 * (A1111 hands mask_blur to its Gaussian as sigma itself, i.e. 1.) The largest sigma must
 * stay under ~100 so that 255 * (box width)^3 fits the Int32 sums.
 */
const SIGMA_PER_RADIUS = 0.5;

const planCache = new Map<number, BoxPlan>();

/**
 * Three box widths whose cascade has (close to) the variance of a Gaussian with
 * sigma = radius / 2: the standard "boxes for Gauss" choice of n = 3 odd widths wl/wl+2.
 */
export function featherPlan(radius: number): BoxPlan {
  const r = Math.min(MAX_FEATHER_RADIUS, Math.max(0, Number.isFinite(radius) ? radius : 0));
  const cached = planCache.get(r);
  if (cached) return cached;
  const sigma = r * SIGMA_PER_RADIUS;
  const n = 3;
  const ideal = Math.sqrt((12 * sigma * sigma) / n + 1);
  let wl = Math.floor(ideal);
  if (wl % 2 === 0) wl--;
  const wu = wl + 2;
  const m = Math.round((12 * sigma * sigma - n * wl * wl - 4 * n * wl - 3 * n) / (-4 * wl - 4));
  const size = (i: number) => (i < m ? wl : wu);
  const sizes = [size(0), size(1), size(2)] as const;
  const plan: BoxPlan = {
    sizes,
    reach: (sizes[0] - 1) / 2 + (sizes[1] - 1) / 2 + (sizes[2] - 1) / 2,
    weight: sizes[0] * sizes[1] * sizes[2],
  };
  if (planCache.size > 256) planCache.clear(); // a slider can produce many radii
  planCache.set(r, plan);
  return plan;
}

/** How far (px) the feather spreads a value: a pixel's result depends on nothing further. */
export function featherReach(radius: number): number {
  return featherPlan(radius).reach;
}

function featherPasses(job: FeatherJob) {
  blurColumns(job, blurRows(job));
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
 * three running-sum boxes, clamped at the image edges. Costs the same at any radius, and
 * only the area the mask's values can reach is computed; everything else is exactly 0.
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
  const plan = featherPlan(radius);
  const bounds = valueBounds(src, width, height);
  if (plan.reach === 0 || !bounds) {
    if (bounds) out.set(src);
    else out.fill(0);
    return out;
  }
  const region = expand(bounds, plan.reach, width, height);
  out.fill(0);
  featherPasses({ src, width, height, plan, region, bounds, out, outOffset: region.y * width + region.x, outStride: width });
  return out;
}

/**
 * The feathered values of `rect` only (rect.width * rect.height, row by row), equal to
 * that part of featherMask's result: it reads the source up to featherReach around rect.
 * The rect is clipped to the mask; the returned rect says what was computed.
 */
export function featherRegion(mask: Mask, rect: Rect, radius: number): { rect: Rect; data: Uint8Array<ArrayBuffer> } {
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
  const plan = featherPlan(radius);
  if (plan.reach === 0) {
    for (let row = 0; row < region.height; row++) {
      const start = (region.y + row) * width + region.x;
      data.set(src.subarray(start, start + region.width), row * region.width);
    }
    return { rect: region, data };
  }
  const bounds = expand(region, plan.reach, width, height);
  featherPasses({ src, width, height, plan, region, bounds, out: data, outOffset: 0, outStride: region.width });
  return { rect: region, data };
}
