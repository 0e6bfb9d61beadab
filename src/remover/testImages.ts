import type { Mask } from '../mask/types';
import { mulberry32 } from './random';
import type { RgbaImage } from '../image/rgba';

/** Small synthetic images and masks for the remover's tests. */

export function imageOf(width: number, height: number, colour: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colour(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** Vertical stripes, 2 px dark then 2 px light: a texture with a 4 px period. */
export function stripes(width: number, height: number): RgbaImage {
  return imageOf(width, height, (x) => (x % 4 < 2 ? [40, 60, 90] : [220, 200, 170]));
}

/** Seeded colour noise: every patch is different, so fills depend on the random search. */
export function noise(width: number, height: number, seed = 5): RgbaImage {
  const random = mulberry32(seed);
  return imageOf(width, height, () => [random() * 255, random() * 255, random() * 255]);
}

/** A mask with the rectangle [x, x + w) x [y, y + h) set to `value`. */
export function rectMask(width: number, height: number, x: number, y: number, w: number, h: number, value = 255): Mask {
  const data = new Uint8Array(width * height);
  for (let row = y; row < y + h; row++) data.fill(value, row * width + x, row * width + x + w);
  return { width, height, data };
}
