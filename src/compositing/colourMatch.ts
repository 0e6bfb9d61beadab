import { maskBounds, type Mask, type Rect } from '../mask';
import { colourTables, type ColourTransform } from './colourTransform';
import { resizeImage } from './resize';
import { maskRing } from './ring';
import { assertImage, type RgbaImage } from '../image/rgba';
import { assertRectInside, intersectRect } from './types';

export type { ColourTransform } from './colourTransform';

export interface ColourMatchOptions {
  /** Width of the ring of original pixels around the mask that is compared (default 16, at most 127). */
  ringPx?: number;
  /** maskBounds(mask), when the caller has it: saves a scan of the whole mask. */
  bounds?: Rect | null;
}

/** Fewer ring pixels than this say too little about the engine's shift to act on. */
const MIN_RING_PIXELS = 64;
/** A channel flatter than this in the ring has no contrast to match; its gain stays 1. */
const MIN_STD = 1;

/**
 * Why the result is compared with the original in the ring, not the new content with its
 * surroundings: engines (SD's VAE round trip above all) shift colour and contrast over
 * their whole output, so even where they were meant to copy the original, just outside the
 * mask, their pixels come back tinted. The ring therefore measures the engine's shift
 * alone, and undoing it inside the mask removes the tint and the grey seam at the edge
 * while leaving the new content's own colours (a red car on a grey road) alone, which
 * matching the generated region to its surroundings would wash out.
 *
 * `result` is rect-sized (where it lies in the image); `mask` is full image size.
 * Returns the per-channel transform (result -> original) or null when the ring is too small.
 */
export function measureColourShift(
  result: RgbaImage,
  original: RgbaImage,
  mask: Mask,
  rect: Rect,
  options: ColourMatchOptions = {},
): ColourTransform | null {
  assertImage(result, 'result');
  assertRectInside(rect, original);
  if (result.width !== rect.width || result.height !== rect.height) throw new RangeError('result must be rect-sized');
  if (mask.width !== original.width || mask.height !== original.height) {
    throw new RangeError(`mask is ${mask.width}x${mask.height}, the original ${original.width}x${original.height}`);
  }
  const { pixels, count } = maskRing(mask, rect, options.ringPx ?? 16, options.bounds);
  if (count < MIN_RING_PIXELS) return null;

  // Sums of v and v² per channel (orig 0..2, result 3..5); doubles hold them exactly.
  const s = new Float64Array(6);
  const q = new Float64Array(6);
  const org = original.data;
  const res = result.data;
  const W = original.width;
  for (let i = 0; i < count; i++) {
    const p = pixels[i];
    const y = (p / W) | 0;
    const o = p * 4;
    const r = ((y - rect.y) * rect.width + (p - y * W - rect.x)) * 4;
    for (let c = 0; c < 3; c++) {
      const a = org[o + c];
      const b = res[r + c];
      s[c] += a;
      q[c] += a * a;
      s[c + 3] += b;
      q[c + 3] += b * b;
    }
  }
  const gain: [number, number, number] = [1, 1, 1];
  const offset: [number, number, number] = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    const meanOrig = s[c] / count;
    const meanResult = s[c + 3] / count;
    const stdOrig = Math.sqrt(Math.max(0, q[c] / count - meanOrig * meanOrig));
    const stdResult = Math.sqrt(Math.max(0, q[c + 3] / count - meanResult * meanResult));
    // Clamped so a ring of odd content cannot blow the colours up or flatten them.
    gain[c] = stdResult < MIN_STD || stdOrig < MIN_STD ? 1 : Math.min(2, Math.max(0.5, stdOrig / stdResult));
    offset[c] = meanOrig - gain[c] * meanResult;
  }
  return { gain, offset, ringPixels: count };
}

/** Applies `t` to the rect-sized result where the mask is not 0 (the only pixels paste-back uses), in place. */
export function applyColourTransform(
  result: RgbaImage,
  t: ColourTransform,
  mask: Mask,
  rect: Rect,
  bounds: Rect | null = maskBounds(mask),
): RgbaImage {
  const region = bounds ? intersectRect(bounds, rect) : null;
  if (!region || region.width === 0 || region.height === 0) return result;
  const table = colourTables(t);
  const res = result.data;
  const m = mask.data;
  for (let y = region.y; y < region.y + region.height; y++) {
    let mi = y * mask.width + region.x;
    let r = ((y - rect.y) * rect.width + (region.x - rect.x)) * 4;
    for (let end = mi + region.width; mi < end; mi++, r += 4) {
      if (m[mi] === 0) continue;
      res[r] = table[res[r]];
      res[r + 1] = table[256 + res[r + 1]];
      res[r + 2] = table[512 + res[r + 2]];
    }
  }
  return result;
}

/**
 * The result with its colours matched to the original (see measureColourShift) inside the
 * mask. A copy unless `inPlace`; a result of another size than rect is resized to it first.
 * pasteBack can instead take the measured transform and apply it on the fly.
 */
export function colourMatch(
  result: RgbaImage,
  original: RgbaImage,
  mask: Mask,
  rect: Rect,
  options: ColourMatchOptions & { inPlace?: boolean } = {},
): RgbaImage {
  const sized = result.width === rect.width && result.height === rect.height;
  const fitted = sized ? result : resizeImage(result, rect.width, rect.height);
  const bounds = options.bounds === undefined ? maskBounds(mask) : options.bounds;
  const t = measureColourShift(fitted, original, mask, rect, { ringPx: options.ringPx, bounds });
  const target = sized && !options.inPlace ? { ...fitted, data: fitted.data.slice() } : fitted;
  return t ? applyColourTransform(target, t, mask, rect, bounds) : target;
}
