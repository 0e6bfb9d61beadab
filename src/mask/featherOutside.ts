import { featherMask } from './feather';
import { featherReach } from './featherPlan';
import { growMask } from './morphology';
import { valueBounds } from './ops';

/**
 * The feather pushed wholly outside the mask, for removing things: 255 wherever the mask
 * is painted at all (> 0), then the same soft fall to 0 as featherMask's, over a band
 * outside it. featherMask centres the soft edge on the mask's edge, so on a mask drawn
 * snug around an object the inner half of the band still shows the object through
 * (out = fill * m + photo * (1 - m)): a ghost outline. Here the painted pixels are
 * replaced entirely, and the band blends fill with the photo around the object only.
 *
 * Made as the feather of the mask grown by `radius` (2 sigma, so the soft edge starts at
 * ~249 on the painted edge), raised to 255 on the painted pixels. radius <= 0: painted
 * pixels 255, the rest 0. Works only on the mask's box grown by what the band can reach.
 */
export function featherOutside(src: Uint8Array, width: number, height: number, radius: number): Uint8Array<ArrayBuffer> {
  if (src.length !== width * height) throw new RangeError(`feather needs ${width * height} values, got ${src.length}`);
  const out = new Uint8Array(width * height);
  const bounds = valueBounds(src, width, height);
  if (!bounds) return out;
  const grow = radius > 0 ? Math.ceil(radius) : 0;
  const pad = grow > 0 ? grow + featherReach(radius) + 1 : 0;
  const x0 = Math.max(0, bounds.x - pad), y0 = Math.max(0, bounds.y - pad);
  const w = Math.min(width, bounds.x + bounds.width + pad) - x0, h = Math.min(height, bounds.y + bounds.height + pad) - y0;
  const painted = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) painted[y * w + x] = src[(y0 + y) * width + x0 + x] > 0 ? 255 : 0;
  }
  // Beyond the window everything is 0 and stays 0 (nothing painted is within reach), and
  // the blur repeats the window's all-0 edges outward: what the whole image would give
  // (within a grey level from radius 16, where the shrunk copy's cells follow the window).
  const soft = grow > 0 ? featherMask(growMask({ width: w, height: h, data: painted }, grow), w, h, radius) : painted;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      out[(y0 + y) * width + x0 + x] = painted[i] ? 255 : soft[i];
    }
  }
  return out;
}
