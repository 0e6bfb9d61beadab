import { maskBounds } from '../mask/ops';
import type { Mask, Rect } from '../mask/types';
import type { RgbaImage } from '../image/rgba';

/**
 * Small image filters for the quality metrics. They work on a window around the hole:
 * grown by the filter's reach, the hole's values match a whole-photo filter exactly.
 */

/** The hole's bounds grown by `pad`, clipped; null for an empty mask. */
export function holeWindow(mask: Mask, pad: number): Rect | null {
  const box = maskBounds(mask);
  if (!box) return null;
  const x = Math.max(0, box.x - pad);
  const y = Math.max(0, box.y - pad);
  const right = Math.min(mask.width, box.x + box.width + pad);
  const bottom = Math.min(mask.height, box.y + box.height + pad);
  return { x, y, width: right - x, height: bottom - y };
}

/** One channel (0-2) or the luminance ('luma', Rec. 601) of the window, as floats. */
export function plane(image: RgbaImage, win: Rect, channel: 0 | 1 | 2 | 'luma'): Float32Array {
  const out = new Float32Array(win.width * win.height);
  for (let y = 0; y < win.height; y++) {
    for (let x = 0; x < win.width; x++) {
      const p = ((win.y + y) * image.width + win.x + x) * 4;
      const d = image.data;
      out[y * win.width + x] = channel === 'luma' ? 0.299 * d[p] + 0.587 * d[p + 1] + 0.114 * d[p + 2] : d[p + channel];
    }
  }
  return out;
}

function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.ceil(3 * sigma);
  const k = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

/** How far a Gaussian blur of `sigma` reaches. */
export function blurReach(sigma: number): number {
  return Math.ceil(3 * sigma);
}

/** Separable Gaussian blur; the edges repeat outward. */
export function gaussianBlur(src: Float32Array, width: number, height: number, sigma: number): Float32Array {
  const k = gaussianKernel(sigma);
  const r = (k.length - 1) / 2;
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let i = -r; i <= r; i++) s += k[i + r] * src[y * width + Math.min(width - 1, Math.max(0, x + i))];
      tmp[y * width + x] = s;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let i = -r; i <= r; i++) s += k[i + r] * tmp[Math.min(height - 1, Math.max(0, y + i)) * width + x];
      out[y * width + x] = s;
    }
  }
  return out;
}

/** Sobel gradient magnitude; the edges repeat outward. */
export function sobelMagnitude(src: Float32Array, width: number, height: number): Float32Array {
  const out = new Float32Array(src.length);
  const at = (x: number, y: number) => src[Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
      const gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1);
      out[y * width + x] = Math.hypot(gx, gy);
    }
  }
  return out;
}
