import type { Rect } from './types';

/**
 * Between mask values and RGBA pixels. The Uint32 views assume a little-endian platform
 * (every browser and Node target in practice): a pixel r, g, b, a reads as 0xAABBGGRR.
 */

/**
 * Mask values from an imported mask picture: Rec. 601 luminance scaled by alpha, so
 * white = repaint, black = keep, and transparent = keep whatever its colour.
 */
export function maskFromRgba(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array<ArrayBuffer> {
  const n = width * height;
  if (rgba.length < n * 4) throw new RangeError(`expected ${n * 4} RGBA bytes, got ${rgba.length}`);
  const out = new Uint8Array(n);
  // Integer weights (299, 587, 114) / 1000, and one rounding for luminance * alpha / 255.
  const scale = 1000 * 255;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const luma = 299 * rgba[j] + 587 * rgba[j + 1] + 114 * rgba[j + 2];
    out[i] = ((luma * rgba[j + 3] + scale / 2) / scale) | 0;
  }
  return out;
}

/** Grey RGBA pixels of the values (r = g = b = value, opaque): the exported mask PNG. */
export function maskToGreyRgba(data: Uint8Array): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(data.length * 4);
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < data.length; i++) words[i] = 0xff000000 | (data[i] * 0x010101);
  return out;
}

/**
 * The on-canvas overlay for `rect` of a mask `maskWidth` wide: `colour` with alpha =
 * mask value, one Uint32 per pixel into `out` (rect.width * rect.height, the Uint32 view
 * of an ImageData's pixels, row by row).
 */
export function paintOverlay(
  mask: Uint8Array,
  maskWidth: number,
  rect: Rect,
  colour: { r: number; g: number; b: number },
  out: Uint32Array,
): void {
  const { x, y, width, height } = rect;
  if (out.length < width * height) throw new RangeError(`overlay needs ${width * height} pixels, got ${out.length}`);
  const rgb = ((colour.b & 255) << 16) | ((colour.g & 255) << 8) | (colour.r & 255);
  let o = 0;
  for (let row = 0; row < height; row++) {
    const start = (y + row) * maskWidth + x;
    for (let i = start, end = start + width; i < end; i++) out[o++] = (mask[i] << 24) | rgb;
  }
}
