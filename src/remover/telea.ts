import type { Mask } from '../mask/types';
import { type RgbaImage } from '../image/rgba';
import { HOLE_THRESHOLD } from './types';

/**
 * The baseline: a Telea-style "onion peel" diffusion fill. The hole is filled one ring at
 * a time from its edge inward; each pixel of a ring is the distance-weighted mean of the
 * known pixels near it (including rings already filled). Smooth, fast, no texture.
 */

const WINDOW = 3; // how far a pixel looks for known neighbours

/**
 * Fills `hole` (1 = unknown) in place in a buffer of `channels` values per pixel (the
 * first four are filled); returns false if nothing is known.
 */
export function peelFill(pixels: Float32Array | Uint8ClampedArray, width: number, height: number, hole: Uint8Array, channels = 4): boolean {
  const known = new Uint8Array(width * height);
  let knownCount = 0;
  for (let i = 0; i < known.length; i++) if (!hole[i]) { known[i] = 1; knownCount++; }
  if (knownCount === 0) return false;
  const queued = new Uint8Array(width * height);
  let ring: number[] = [];
  const enqueueNeighbours = (i: number, into: number[]) => {
    const x = i % width;
    const y = (i - x) / width;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx, ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const n = ny * width + nx;
        if (!known[n] && !queued[n]) { queued[n] = 1; into.push(n); }
      }
    }
  };
  for (let i = 0; i < known.length; i++) if (known[i]) enqueueNeighbours(i, ring);
  const values = new Float32Array(4);
  const ringValues: number[] = [];
  while (ring.length > 0) {
    ringValues.length = 0;
    for (const i of ring) {
      const x = i % width;
      const y = (i - x) / width;
      let sw = 0;
      values.fill(0);
      for (let dy = -WINDOW; dy <= WINDOW; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -WINDOW; dx <= WINDOW; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width || !known[ny * width + nx]) continue;
          const w = 1 / (dx * dx + dy * dy);
          const p = (ny * width + nx) * channels;
          for (let c = 0; c < 4; c++) values[c] += w * pixels[p + c];
          sw += w;
        }
      }
      for (let c = 0; c < 4; c++) ringValues.push(values[c] / sw);
    }
    // A whole ring is written at once, so the fill does not lean towards the scan order.
    const next: number[] = [];
    ring.forEach((i, k) => {
      for (let c = 0; c < 4; c++) pixels[i * channels + c] = ringValues[k * 4 + c];
      known[i] = 1;
    });
    for (const i of ring) enqueueNeighbours(i, next);
    ring = next;
  }
  return true;
}

/** A copy of `image` with the hole (mask >= 128) filled smoothly from its edges. */
export function teleaFill(image: RgbaImage, mask: Mask): RgbaImage {
  const data = new Uint8ClampedArray(image.data);
  const hole = new Uint8Array(mask.data.length);
  for (let i = 0; i < hole.length; i++) hole[i] = mask.data[i] >= HOLE_THRESHOLD ? 1 : 0;
  peelFill(data, image.width, image.height, hole);
  return { width: image.width, height: image.height, data };
}
