import type { Mask, Rect } from '../mask/types';
import { addTextureFeatures } from './features';
import { CHANNELS, type Level } from './level';
import { type RgbaImage } from '../image/rgba';
import { HOLE_THRESHOLD } from './types';

// Imported constants copied into module constants: test and script runners may turn
// imported names into property reads, too slow for inner loops.
const STRIDE = CHANNELS;


/** 1 where the crop's pixel is a hole. */
export function cropHole(mask: Mask, crop: Rect): Uint8Array {
  const hole = new Uint8Array(crop.width * crop.height);
  for (let y = 0; y < crop.height; y++) {
    const row = (crop.y + y) * mask.width + crop.x;
    for (let x = 0; x < crop.width; x++) hole[y * crop.width + x] = mask.data[row + x] >= HOLE_THRESHOLD ? 1 : 0;
  }
  return hole;
}

/**
 * The crop of the photo at full resolution. Hole pixels start at 0: what the photo has
 * there is the thing being removed and must not leak into the fill.
 */
export function cropLevel(image: RgbaImage, mask: Mask, crop: Rect): Level {
  const { width, height } = crop;
  const hole = cropHole(mask, crop);
  const pixels = new Float32Array(width * height * STRIDE);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (hole[i]) continue;
      const p = ((crop.y + y) * image.width + crop.x + x) * 4;
      for (let c = 0; c < 4; c++) pixels[i * STRIDE + c] = image.data[p + c];
    }
  }
  const level = { width, height, pixels, hole };
  addTextureFeatures(level);
  return level;
}

/** The hole at half the size: a coarse pixel is a hole if any of its children is. */
export function halveHole(hole: Uint8Array, width: number, height: number): Uint8Array {
  const w = Math.ceil(width / 2);
  const out = new Uint8Array(w * Math.ceil(height / 2));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (hole[y * width + x]) out[(y >> 1) * w + (x >> 1)] = 1;
  }
  return out;
}

/**
 * Half the size. A coarse pixel is a hole if any of its children is (so coarse known
 * pixels are truly known) and otherwise the mean of its children.
 */
export function halve(level: Level): Level {
  const width = Math.ceil(level.width / 2);
  const height = Math.ceil(level.height / 2);
  const pixels = new Float32Array(width * height * STRIDE);
  const hole = new Uint8Array(width * height);
  const src = level.pixels;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * STRIDE;
      let n = 0;
      for (let cy = 2 * y; cy < Math.min(2 * y + 2, level.height); cy++) {
        for (let cx = 2 * x; cx < Math.min(2 * x + 2, level.width); cx++) {
          const i = cy * level.width + cx;
          if (level.hole[i]) { hole[y * width + x] = 1; continue; }
          for (let c = 0; c < STRIDE; c++) pixels[o + c] += src[i * STRIDE + c];
          n++;
        }
      }
      if (n > 1) for (let c = 0; c < STRIDE; c++) pixels[o + c] /= n;
    }
  }
  return { width, height, pixels, hole };
}

/** The fine level's hole pixels set to their coarse parents' values (a blocky first guess). */
export function enlargeHole(coarse: Level, fine: Level): void {
  for (let i = 0; i < fine.hole.length; i++) {
    if (!fine.hole[i]) continue;
    const x = i % fine.width;
    const y = (i - x) / fine.width;
    const c = (Math.min(y >> 1, coarse.height - 1) * coarse.width + Math.min(x >> 1, coarse.width - 1)) * STRIDE;
    for (let k = 0; k < STRIDE; k++) fine.pixels[i * STRIDE + k] = coarse.pixels[c + k];
  }
}

/** How far (in 8-connected steps) the deepest hole pixel is from a known pixel. */
export function holeDepth(hole: Uint8Array, width: number, height: number): number {
  const d = new Uint16Array(width * height);
  const far = 65535;
  for (let i = 0; i < d.length; i++) d[i] = hole[i] ? far : 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!d[i]) continue;
      let m = d[i];
      if (x > 0) m = Math.min(m, d[i - 1] + 1);
      if (y > 0) {
        m = Math.min(m, d[i - width] + 1);
        if (x > 0) m = Math.min(m, d[i - width - 1] + 1);
        if (x < width - 1) m = Math.min(m, d[i - width + 1] + 1);
      }
      d[i] = m;
    }
  }
  let deepest = 0;
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const i = y * width + x;
      if (!d[i]) continue;
      let m = d[i];
      if (x < width - 1) m = Math.min(m, d[i + 1] + 1);
      if (y < height - 1) {
        m = Math.min(m, d[i + width] + 1);
        if (x < width - 1) m = Math.min(m, d[i + width + 1] + 1);
        if (x > 0) m = Math.min(m, d[i + width - 1] + 1);
      }
      d[i] = m;
      if (m > deepest && m < far) deepest = m;
    }
  }
  return deepest;
}

/** Puts the filled pixels of the full-resolution level back into the photo. */
export function pasteHole(level: Level, crop: Rect, out: RgbaImage): void {
  for (let y = 0; y < level.height; y++) {
    for (let x = 0; x < level.width; x++) {
      const i = y * level.width + x;
      if (!level.hole[i]) continue;
      const o = ((crop.y + y) * out.width + crop.x + x) * 4;
      for (let c = 0; c < 4; c++) out.data[o + c] = Math.round(level.pixels[i * STRIDE + c]);
    }
  }
}
