import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { PNG } from 'pngjs';
import type { Mask } from '../../../src/mask/types';
import type { RgbaImage } from '../../../src/image/rgba';

/** The shared 512x512 inpainting examples (photo + its own mask). */
export const PHOTO_FOLDER = resolve(import.meta.dirname, '../../../fixtures/photos');

/**
 * Held out: the remover's settings (scripts/bench/remover -> src/remover/schedule.ts) are
 * tuned on the other five photos only; these three say how it does on photos it was not
 * tuned on, and the table averages them apart. They were the three where the fill's
 * coarse PSNR fell furthest below Telea's before tuning (by 5.0, 3.0 and 2.6 dB), so
 * the held-out score is not flattered by easy photos.
 */
export const HELD_OUT = ['alex-iby-G_Pk4D9rMLs', 'bertrand-gabioud-CpuFzIsHYJ0', 'photo-1583445095369-9c651e7e5d34'];

export interface Photo {
  name: string;
  image: RgbaImage;
  /** The example's own mask (what a user would remove). */
  mask: Mask;
}

function readPng(path: string): RgbaImage {
  const png = PNG.sync.read(readFileSync(path));
  return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length) };
}

export function loadPhotos(folder = PHOTO_FOLDER): Photo[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.png') && !f.endsWith('_mask.png'))
    .sort()
    .map((file) => {
      const image = readPng(resolve(folder, file));
      const maskPixels = readPng(resolve(folder, file.replace(/\.png$/, '_mask.png')));
      const data = new Uint8Array(image.width * image.height);
      for (let i = 0; i < data.length; i++) data[i] = maskPixels.data[i * 4];
      return { name: basename(file, '.png'), image, mask: { width: image.width, height: image.height, data } };
    });
}

/**
 * A 4000x3000 test photo with real texture: the examples tiled at twice their size, plus a
 * little seeded noise so no two tiles' pixels repeat exactly.
 */
export function makeBigPhoto(photos: Photo[], width = 4000, height = 3000): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  let state = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const tileX = Math.floor(x / 1024), tileY = Math.floor(y / 1024);
      const photo = photos[(tileY * 4 + tileX) % photos.length].image;
      const sx = Math.min(photo.width - 1, (x % 1024) >> 1), sy = Math.min(photo.height - 1, (y % 1024) >> 1);
      const s = (sy * photo.width + sx) * 4, o = (y * width + x) * 4;
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const noise = ((state >>> 16) % 13) - 6;
      for (let c = 0; c < 3; c++) data[o + c] = photo.data[s + c] + noise;
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}
