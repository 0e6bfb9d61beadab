import { squaredDistanceTo } from './distance';
import type { Mask } from './types';

/**
 * Grow / shrink by a round brush of radius px, exactly: a pixel is within px of the
 * inside (outside) when its Euclidean distance transform says so. A distance transform
 * costs the same for any px, unlike stamping a disc at every pixel.
 */

/**
 * Pixels within px of the mask's inside (value >= 128) become 255; the rest keep their
 * value. The inside itself becomes 255 too. px <= 0 returns a copy.
 */
export function growMask(mask: Mask, px: number): Uint8Array<ArrayBuffer> {
  const out = mask.data.slice();
  if (!(px > 0)) return out;
  const d2 = squaredDistanceTo(mask, 'inside', px);
  const limit = px * px;
  for (let i = 0; i < out.length; i++) if (d2[i] <= limit) out[i] = 255;
  return out;
}

/**
 * Pixels within px of the mask's outside (value < 128) become 0; the rest keep their
 * value. Beyond the image's border counts as neither, so a mask touching the border
 * does not shrink away from it. px <= 0 returns a copy.
 */
export function shrinkMask(mask: Mask, px: number): Uint8Array<ArrayBuffer> {
  const out = mask.data.slice();
  if (!(px > 0)) return out;
  const d2 = squaredDistanceTo(mask, 'outside', px);
  const limit = px * px;
  for (let i = 0; i < out.length; i++) if (d2[i] <= limit) out[i] = 0;
  return out;
}

