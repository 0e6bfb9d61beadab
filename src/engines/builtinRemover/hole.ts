import type { RgbaImage } from '../../image/rgba';
import { growMask } from '../../mask/morphology';
import type { Mask } from '../../mask/types';

/**
 * How far past the feathered mask's reach the fill also makes pixels up (and never copies
 * from): the removed object's anti-aliased rim, which a mask drawn snug leaves just outside.
 */
export const RIM_PX = 3;

/**
 * The hole the fill makes up (0 / 255): everywhere the feathered mask reaches (> 0), grown
 * by `rim` px. The fill copies only from patches wholly outside its hole and treats what
 * is inside as unknown, so neither the object under the soft edge nor its rim just past
 * it comes back as a ghost outline.
 */
export function holeForFill(mask: Mask, rim = RIM_PX): Mask {
  const { width, height } = mask;
  const reached: Mask = { width, height, data: mask.data.map((v) => (v > 0 ? 255 : 0)) };
  return { width, height, data: growMask(reached, rim) };
}

/**
 * What the engine hands back: the fill wherever the mask is > 0, the original byte for
 * byte where it is 0 (the rim grown past the mask included). The paste-back blends it in
 * through the same mask, so it mixes with the original only over the feathered band, and
 * the colour match, measured just outside the mask, compares the photo with itself there.
 * Changes `fill` in place and returns it.
 */
export function keepOutsideMask(fill: RgbaImage, original: RgbaImage, mask: Mask): RgbaImage {
  if (fill.width !== original.width || fill.height !== original.height || mask.width !== fill.width || mask.height !== fill.height) {
    throw new RangeError(`fill ${fill.width}x${fill.height}, original ${original.width}x${original.height}, mask ${mask.width}x${mask.height}`);
  }
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i] > 0) continue;
    const p = i * 4;
    fill.data[p] = original.data[p];
    fill.data[p + 1] = original.data[p + 1];
    fill.data[p + 2] = original.data[p + 2];
    fill.data[p + 3] = original.data[p + 3];
  }
  return fill;
}
