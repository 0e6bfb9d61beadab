import { clipRect, isEmptyRect, readRegion, type Mask, type Rect } from '../mask';
import { checkRules, engineSize, type EngineSizeRules } from './engineSize';
import { assertImage, type ImageSize, type RgbaImage } from '../image/rgba';
import { assertRectInside } from './types';

export type { EngineSizeRules } from './engineSize';
export { resizeImage } from './resize';

/** What to cut out of the photo for the engine, and at what size to send it. */
export interface CropPlan {
  /** In image px, whole pixels inside the image. */
  crop: Rect;
  /** The size sent to the engine: multiples of multipleOf, matching aspect, within min/max side. */
  outputWidth: number;
  outputHeight: number;
  /** output / crop; the geometric mean of scaleX and scaleY, which differ slightly by rounding. */
  scale: number;
  scaleX: number;
  scaleY: number;
}

function plan(crop: Rect, rules: EngineSizeRules): CropPlan {
  const { width: outputWidth, height: outputHeight } = engineSize(crop.width, crop.height, rules);
  const scaleX = outputWidth / crop.width;
  const scaleY = outputHeight / crop.height;
  return { crop, outputWidth, outputHeight, scale: Math.sqrt(scaleX * scaleY), scaleX, scaleY };
}

/** Start of a span of `size` near `centre`, holding [needFrom, needTo) and inside [0, limit). */
function place(centre: number, size: number, needFrom: number, needTo: number, limit: number): number {
  let start = Math.round(centre - size / 2);
  start = Math.min(needFrom, Math.max(needTo - size, start));
  return Math.min(limit - size, Math.max(0, start));
}

/**
 * "Only masked": the part of the photo to inpaint. The mask's box plus padding on every
 * side, grown (never shrunk) to the engine's aspect around its centre, then shifted back
 * inside the photo at the edges rather than clipped, so the engine still sees context on
 * the far side. Only a crop bigger than the photo is clipped; its other side is then
 * shrunk towards the aspect again, but never below the padded mask.
 */
export function planCrop(imageSize: ImageSize, maskBounds: Rect, paddingPx: number, rules: EngineSizeRules): CropPlan {
  checkRules(rules);
  const { width: W, height: H } = imageSize;
  const bounds = clipRect(maskBounds, W, H);
  if (isEmptyRect(bounds)) throw new RangeError('the mask has nothing inside the image to crop to');
  const pad = Math.max(0, Math.round(Number.isFinite(paddingPx) ? paddingPx : 0));
  const padded = { x: bounds.x - pad, y: bounds.y - pad, width: bounds.width + 2 * pad, height: bounds.height + 2 * pad };
  // The least the crop must hold: the padded box where it lies on the photo.
  const need = clipRect(padded, W, H);

  let w = padded.width;
  let h = padded.height;
  const aspect = rules.aspect;
  if (aspect !== undefined) {
    // The small epsilon keeps an exact fit (e.g. 300 * 4/3) from rounding up a pixel.
    if (w < h * aspect) w = Math.ceil(h * aspect - 1e-9);
    else h = Math.ceil(w / aspect - 1e-9);
  }
  if (w > W || h > H) {
    w = Math.min(w, W);
    h = Math.min(h, H);
    if (aspect !== undefined) {
      if (w > h * aspect) w = Math.min(W, Math.max(need.width, Math.round(h * aspect)));
      else if (h > w / aspect) h = Math.min(H, Math.max(need.height, Math.round(w / aspect)));
    }
  }
  const cx = padded.x + padded.width / 2;
  const cy = padded.y + padded.height / 2;
  const crop = {
    x: place(cx, w, need.x, need.x + need.width, W),
    y: place(cy, h, need.y, need.y + need.height, H),
    width: w,
    height: h,
  };
  return plan(crop, rules);
}

/** "Whole image": the photo is sent entire; with an aspect rule its shape is stretched to the engine's and back. */
export function planWholeImage(imageSize: ImageSize, rules: EngineSizeRules): CropPlan {
  if (!(imageSize.width > 0 && imageSize.height > 0)) throw new RangeError('the image is empty');
  return plan({ x: 0, y: 0, width: imageSize.width, height: imageSize.height }, rules);
}

/** A copy of `rect` (whole pixels inside the image). */
export function cropImage(image: RgbaImage, rect: Rect): RgbaImage {
  assertImage(image);
  assertRectInside(rect, image);
  const out = new Uint8ClampedArray(rect.width * rect.height * 4);
  const rowBytes = rect.width * 4;
  for (let row = 0; row < rect.height; row++) {
    const start = ((rect.y + row) * image.width + rect.x) * 4;
    out.set(image.data.subarray(start, start + rowBytes), row * rowBytes);
  }
  return { width: rect.width, height: rect.height, data: out };
}

/** The mask under `rect` (whole pixels inside the mask). */
export function cropMask(mask: Mask, rect: Rect): Mask {
  return { width: rect.width, height: rect.height, data: readRegion(mask, rect) };
}
