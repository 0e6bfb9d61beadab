import type { BoxPlan } from './featherJob';

/** The feather ("mask blur") slider's range; also keeps the integer sums inside 32 bits. */
export const MAX_FEATHER_RADIUS = 128;

/**
 * Gaussian sigma per px of feather radius: the blur fades out around 2 sigma = radius.
 * (A1111 hands mask_blur to its Gaussian as sigma itself, i.e. 1.)
 */
const SIGMA_PER_RADIUS = 0.5;

/**
 * Wide blurs run on a copy shrunk by a power of 2, k, chosen so that the shrunk sigma
 * (sigma / k) stays at least this, so the shrunk copy's boxes are no coarser than the
 * full-size ones at radius 8 and linear interpolation back up (which errs by about
 * 7.7 * (k / sigma)^2 grey levels at most) adds under half a grey level. Smaller is
 * cheaper but blockier: at 2 the result strays ~10 grey levels from a Gaussian.
 */
const MIN_SCALED_SIGMA = 4;

/** How a radius is feathered: three boxes at full size (factor 1) or on a shrunk copy. */
export interface FeatherScale {
  /** 1, or the power of 2 the mask is shrunk by before blurring. */
  factor: number;
  /** The boxes, in pixels of the (shrunk) copy. */
  plan: BoxPlan;
  /** Full-size pixels a value spreads each way. */
  reach: number;
}

const planCache = new Map<number, BoxPlan>();
const scaleCache = new Map<number, FeatherScale>();

const clampRadius = (radius: number) =>
  Math.min(MAX_FEATHER_RADIUS, Math.max(0, Number.isFinite(radius) ? radius : 0));

/**
 * Three odd box widths whose cascade has (close to) the variance of a Gaussian of this
 * sigma: the standard "boxes for Gauss" choice of n = 3 odd widths wl/wl+2.
 * sigma must stay under ~100 so that 255 * (box width)^3 fits the Int32 sums.
 */
function boxPlan(sigma: number): BoxPlan {
  const cached = planCache.get(sigma);
  if (cached) return cached;
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
  if (planCache.size > 512) planCache.clear(); // a slider can produce many radii
  planCache.set(sigma, plan);
  return plan;
}

/** The full-size three-box plan for a radius: sigma = radius / 2. */
export function featherPlan(radius: number): BoxPlan {
  return boxPlan(clampRadius(radius) * SIGMA_PER_RADIUS);
}

/**
 * The shrink factor and boxes for a radius. Shrinking by k box-averages k x k cells and
 * linear interpolation brings it back; together they add about k^2 / 4 to the variance,
 * so the shrunk blur's sigma is sqrt((sigma / k)^2 - 1/4).
 */
export function featherScale(radius: number): FeatherScale {
  const r = clampRadius(radius);
  const cached = scaleCache.get(r);
  if (cached) return cached;
  const sigma = r * SIGMA_PER_RADIUS;
  let factor = 1;
  while (sigma / (2 * factor) >= MIN_SCALED_SIGMA) factor *= 2;
  let scale: FeatherScale;
  if (factor === 1) {
    const plan = boxPlan(sigma);
    scale = { factor, plan, reach: plan.reach };
  } else {
    const plan = boxPlan(Math.sqrt((sigma / factor) ** 2 - 0.25));
    // A pixel reads the 2 cells around it (within 3k/2 - 1 px) and those read R cells.
    scale = { factor, plan, reach: plan.reach * factor + (3 * factor) / 2 - 1 };
  }
  if (scaleCache.size > 256) scaleCache.clear();
  scaleCache.set(r, scale);
  return scale;
}

/** How far (px) the feather spreads a value: a pixel's result depends on nothing further. */
export function featherReach(radius: number): number {
  return featherScale(radius).reach;
}
