import type { Mask } from '../../mask/types';

/**
 * The hole to fill: everywhere the feathered mask reaches, so the soft edge blends fill
 * with fill, not with the removed object.
 */
export function holeFromMask(mask: Mask): Mask {
  return { ...mask, data: mask.data.map((v) => (v > 0 ? 255 : 0)) };
}
