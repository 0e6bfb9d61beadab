import { createMask, featherMask, fillRect, type Mask, type Rect } from '../mask';
import { createImage, type RgbaImage } from '../image/rgba';

/** Test pictures (not app code): deterministic, small. */

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Smooth gradients plus noise in lo..hi, opaque, so statistics are photo-like and clip-free. */
export function texturedImage(width: number, height: number, seed = 1, lo = 40, hi = 180): RgbaImage {
  const img = createImage(width, height);
  const rnd = seededRandom(seed);
  const span = hi - lo;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const noise = () => (rnd() - 0.5) * span * 0.3;
      img.data[i] = lo + span * (0.35 + 0.3 * Math.sin(x / 9)) + noise();
      img.data[i + 1] = lo + span * (0.35 + 0.3 * Math.cos(y / 7)) + noise();
      img.data[i + 2] = lo + span * (0.35 + 0.3 * Math.sin((x + y) / 11)) + noise();
      img.data[i + 3] = 255;
    }
  }
  return img;
}

export function solidImage(width: number, height: number, rgba: [number, number, number, number]): RgbaImage {
  const img = createImage(width, height);
  for (let i = 0; i < img.data.length; i += 4) img.data.set(rgba, i);
  return img;
}

/** Each pixel through f (per channel, alpha kept); values clamp like a real picture. */
export function mapImage(img: RgbaImage, f: (v: number, channel: number) => number): RgbaImage {
  const out = createImage(img.width, img.height);
  for (let i = 0; i < img.data.length; i++) out.data[i] = (i & 3) === 3 ? img.data[i] : f(img.data[i], i & 3);
  return out;
}

/** A filled rect, feathered by `radius`. */
export function featheredRectMask(width: number, height: number, rect: Rect, radius: number): Mask {
  const mask = createMask(width, height);
  fillRect(mask, rect, 'paint');
  return { width, height, data: featherMask(mask.data, width, height, radius) };
}

export function pixel(img: RgbaImage, x: number, y: number): number[] {
  const i = (y * img.width + x) * 4;
  return Array.from(img.data.subarray(i, i + 4));
}

/** Byte-for-byte equality without the test runner's slow element-by-element diff. */
export function sameBytes(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
