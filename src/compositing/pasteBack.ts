import { maskBounds, type Mask, type Rect } from '../mask';
import { colourTables, type ColourTransform } from './colourTransform';
import { resizeImage } from './resize';
import { assertImage, type RgbaImage } from '../image/rgba';
import { assertRectInside, intersectRect, pixelWords } from './types';

export interface PasteOptions {
  /** Where to write (original-sized). Pass the original itself to paste in place: no 24 MP copy. */
  out?: RgbaImage;
  /** A colour correction for the result (see colourMatch), applied on the fly instead of to a copy. */
  colour?: ColourTransform | null;
  /** maskBounds(mask), when the caller has it: saves a scan of the whole mask. */
  bounds?: Rect | null;
}

const bytes = (d: Uint8ClampedArray) => new Uint8Array(d.buffer, d.byteOffset, d.length);

/**
 * The engine's result laid over the original through the mask: out = result * m + original
 * * (1 - m), m = mask / 255, in integers ((m*a + (255-m)*b + 127) / 255) so m = 255 gives the
 * result and m = 0 the original exactly. Wherever the mask is 0, and outside resultRect,
 * every byte (alpha too) is the original's, whatever the engine returned there.
 * `resultRect` (whole pixels inside the image) says where the result goes; a result of
 * another size is resized to it first. `mask` is full image size (feathered).
 */
export function pasteBack(
  original: RgbaImage,
  result: RgbaImage,
  resultRect: Rect,
  mask: Mask,
  options: PasteOptions = {},
): RgbaImage {
  assertImage(original, 'original');
  assertImage(result, 'result');
  assertRectInside(resultRect, original, 'resultRect');
  const { width: W, height: H } = original;
  if (mask.width !== W || mask.height !== H || mask.data.length !== W * H) {
    throw new RangeError(`mask is ${mask.width}x${mask.height}, the original ${W}x${H}`);
  }
  const out = options.out ?? { width: W, height: H, data: new Uint8ClampedArray(original.data.length) };
  if (out.width !== W || out.height !== H) throw new RangeError(`out is ${out.width}x${out.height}, the original ${W}x${H}`);
  assertImage(out, 'out');
  if (out.data !== original.data) out.data.set(original.data);

  const fitted =
    result.width === resultRect.width && result.height === resultRect.height
      ? result
      : resizeImage(result, resultRect.width, resultRect.height);
  // Only where the mask is not 0 does anything change.
  const bounds = options.bounds === undefined ? maskBounds(mask) : options.bounds;
  const region = bounds ? intersectRect(bounds, resultRect) : null;
  if (region && region.width > 0 && region.height > 0) {
    blendRegion(out, original, fitted, resultRect, mask.data, region, options.colour ?? null);
  }
  return out;
}

/** pasteBack writing into the original. */
export function pasteBackInPlace(original: RgbaImage, result: RgbaImage, resultRect: Rect, mask: Mask): RgbaImage {
  return pasteBack(original, result, resultRect, mask, { out: original });
}

/** The blend over `region` (inside rect); a hot loop, so no calls per pixel. */
function blendRegion(
  out: RgbaImage,
  original: RgbaImage,
  result: RgbaImage,
  rect: Rect,
  mask: Uint8Array,
  region: Rect,
  colour: ColourTransform | null,
): void {
  const W = original.width;
  const dst = bytes(out.data);
  const org = bytes(original.data);
  const res = bytes(result.data);
  const table = colourTables(colour);
  const dstWords = pixelWords(out.data);
  const resWords = pixelWords(result.data);
  const recolour = colour !== null;
  for (let y = region.y; y < region.y + region.height; y++) {
    let mi = y * W + region.x;
    let o = mi * 4;
    let r = ((y - rect.y) * rect.width + (region.x - rect.x)) * 4;
    for (let end = mi + region.width; mi < end; mi++, o += 4, r += 4) {
      const m = mask[mi];
      if (m === 0) continue;
      if (m === 255 && dstWords && resWords) {
        // A whole pixel per word (little-endian: red is the low byte); alpha is never recoloured.
        const p = resWords[r >> 2];
        dstWords[o >> 2] = recolour
          ? (p & 0xff000000) | (table[512 + ((p >>> 16) & 255)] << 16) | (table[256 + ((p >>> 8) & 255)] << 8) | table[p & 255]
          : p;
        continue;
      }
      const n = 255 - m;
      // x / 255 rounded, exactly, for 0 <= x <= 255 * 255: t = x + 127, (t + 1 + (t >> 8)) >> 8.
      let t = m * table[res[r]] + n * org[o] + 127;
      dst[o] = (t + 1 + (t >> 8)) >> 8;
      t = m * table[256 + res[r + 1]] + n * org[o + 1] + 127;
      dst[o + 1] = (t + 1 + (t >> 8)) >> 8;
      t = m * table[512 + res[r + 2]] + n * org[o + 2] + 127;
      dst[o + 2] = (t + 1 + (t >> 8)) >> 8;
      t = m * res[r + 3] + n * org[o + 3] + 127;
      dst[o + 3] = (t + 1 + (t >> 8)) >> 8;
    }
  }
}
