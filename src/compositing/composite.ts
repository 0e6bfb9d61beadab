import { maskBounds, type Mask, type Rect } from '../mask';
import { measureColourShift } from './colourMatch';
import { pasteBack } from './pasteBack';
import { resizeImage } from './resize';
import type { RgbaImage } from '../image/rgba';

export interface CompositeOptions {
  /** Match the result's colours to the original around the mask first (the app's default: true). */
  colourMatch?: boolean;
  ringPx?: number;
  /** Where to write; the original itself pastes in place. Default: a new image. */
  out?: RgbaImage;
}

/**
 * The engine's result back into the photo: resized to `rect` if need be, colour matched
 * (measured on the ring, applied while blending, so the result is never copied), pasted
 * through the feathered full-size `mask`.
 */
export function compositeResult(
  original: RgbaImage,
  result: RgbaImage,
  rect: Rect,
  mask: Mask,
  options: CompositeOptions = {},
): RgbaImage {
  const fitted =
    result.width === rect.width && result.height === rect.height ? result : resizeImage(result, rect.width, rect.height);
  const bounds = maskBounds(mask); // once, for both steps
  const colour =
    options.colourMatch === false ? null : measureColourShift(fitted, original, mask, rect, { ringPx: options.ringPx, bounds });
  return pasteBack(original, fitted, rect, mask, { out: options.out, colour, bounds });
}
