import type { Rect } from './types';

/** Three odd box widths whose cascade approximates a Gaussian (see featherPlan). */
export interface BoxPlan {
  sizes: readonly [number, number, number];
  /** Pixels the cascade spreads each way: the sum of the box half-widths. */
  reach: number;
  /** Product of the widths: the integer kernel's total weight. */
  weight: number;
}

/** One feather computation: which pixels to produce and where to put them. */
export interface FeatherJob {
  src: Uint8Array;
  width: number;
  height: number;
  plan: BoxPlan;
  /** Pixels to compute (integer, non-empty, inside the image). */
  region: Rect;
  /** Source pixels outside this rect are 0 or out of the region's reach; they are not read. */
  bounds: Rect;
  /**
   * Region pixel (x, y) goes to out[outOffset + (y - region.y) * outStride + x - region.x].
   * The region of out must hold 0 beforehand: pixels whose result is 0 are not written.
   */
  out: Uint8Array;
  outOffset: number;
  outStride: number;
}

/**
 * The region is cut into columns of STRIP px. A strip of a row whose inputs within reach
 * are all 0 (or all 255) has that exact result, so only strips near an edge are summed.
 */
export const STRIP = 64;

/** A strip's inputs within reach: all 0, all 255, or anything else. */
export const StripClasses = { ZERO: 0, FULL: 1, MIXED: 2 } as const;
export type StripClass = (typeof StripClasses)[keyof typeof StripClasses];
const { ZERO, FULL, MIXED } = StripClasses;

/** Class of a span from counts of its parts that are not all-0 / not all-255. */
export function classOf(notZero: number, notFull: number): StripClass {
  if (notZero === 0) return ZERO;
  if (notFull === 0) return FULL;
  return MIXED;
}
