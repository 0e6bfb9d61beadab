import type { Mask, Rect } from '../mask/types';
import { blurReach, gaussianBlur, holeWindow, plane, sobelMagnitude } from './filters';
import { type RgbaImage } from '../image/rgba';
import { HOLE_THRESHOLD } from './types';

/**
 * How close a fill comes to the photo that was really there, measured only inside the
 * hole (mask >= 128): outside it every method returns the photo itself.
 */

/** Calls `visit(indexInWindow)` for each hole pixel of the window. */
function forHole(mask: Mask, win: Rect, visit: (i: number) => void): void {
  for (let y = 0; y < win.height; y++) {
    for (let x = 0; x < win.width; x++) {
      if (mask.data[(win.y + y) * mask.width + win.x + x] >= HOLE_THRESHOLD) visit(y * win.width + x);
    }
  }
}

function psnrOfPlanes(a: Float32Array[], b: Float32Array[], mask: Mask, win: Rect): number {
  let sum = 0, n = 0;
  forHole(mask, win, (i) => {
    for (let c = 0; c < a.length; c++) sum += (a[c][i] - b[c][i]) ** 2;
    n += a.length;
  });
  if (n === 0 || sum === 0) return Infinity;
  return 10 * Math.log10((255 * 255) / (sum / n));
}

const RGB = [0, 1, 2] as const;

/** Peak signal-to-noise ratio over RGB in the hole, in dB (Infinity when identical). */
export function psnrInHole(result: RgbaImage, truth: RgbaImage, mask: Mask): number {
  const win = holeWindow(mask, 0);
  if (!win) return Infinity;
  return psnrOfPlanes(RGB.map((c) => plane(result, win, c)), RGB.map((c) => plane(truth, win, c)), mask, win);
}

/**
 * PSNR of both images blurred (sigma 4): do the hole's broad colours and shapes match,
 * whatever the fine texture does? A smooth fill scores well here.
 */
export function coarsePsnrInHole(result: RgbaImage, truth: RgbaImage, mask: Mask): number {
  const sigma = 4;
  const win = holeWindow(mask, 2 * blurReach(sigma));
  if (!win) return Infinity;
  const blurred = (image: RgbaImage) => RGB.map((c) => gaussianBlur(plane(image, win, c), win.width, win.height, sigma));
  return psnrOfPlanes(blurred(result), blurred(truth), mask, win);
}

/** Mean structural similarity of the luminance (Gaussian window, sigma 1.5) over the hole. */
export function ssimInHole(result: RgbaImage, truth: RgbaImage, mask: Mask): number {
  const sigma = 1.5;
  const win = holeWindow(mask, 2 * blurReach(sigma));
  if (!win) return 1;
  const { width, height } = win;
  const x = plane(result, win, 'luma');
  const y = plane(truth, win, 'luma');
  const xx = x.map((v) => v * v);
  const yy = y.map((v) => v * v);
  const xy = x.map((v, i) => v * y[i]);
  const [mx, my, sxx, syy, sxy] = [x, y, xx, yy, xy].map((p) => gaussianBlur(p, width, height, sigma));
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let sum = 0, n = 0;
  forHole(mask, win, (i) => {
    const vx = sxx[i] - mx[i] * mx[i];
    const vy = syy[i] - my[i] * my[i];
    const cov = sxy[i] - mx[i] * my[i];
    sum += ((2 * mx[i] * my[i] + c1) * (2 * cov + c2)) / ((mx[i] * mx[i] + my[i] * my[i] + c1) * (vx + vy + c2));
    n++;
  });
  return n === 0 ? 1 : sum / n;
}

/**
 * Mean Sobel gradient magnitude (luminance) in the hole, result over truth: about 1 when
 * the fill is as detailed as the photo, well below 1 for a blur.
 */
export function textureRatio(result: RgbaImage, truth: RgbaImage, mask: Mask): number {
  const win = holeWindow(mask, 2);
  if (!win) return 1;
  const meanGradient = (image: RgbaImage) => {
    const g = sobelMagnitude(plane(image, win, 'luma'), win.width, win.height);
    let sum = 0, n = 0;
    forHole(mask, win, (i) => { sum += g[i]; n++; });
    return sum / n;
  };
  const truthGradient = meanGradient(truth);
  const resultGradient = meanGradient(result);
  if (truthGradient === 0) return resultGradient === 0 ? 1 : Infinity;
  return resultGradient / truthGradient;
}

/**
 * Mean absolute RGB difference (0-255) between two fills inside the hole (mask >= 128): how
 * far apart two variations came out. Near 0: they are the same fill, whatever the seeds
 * (a hole with a single plausible answer, or nothing to copy from). 0 for an empty hole.
 */
export function meanDifferenceInHole(a: RgbaImage, b: RgbaImage, mask: Mask): number {
  if (a.width !== b.width || a.height !== b.height || mask.width !== a.width || mask.height !== a.height) {
    throw new RangeError(`images ${a.width}x${a.height} and ${b.width}x${b.height}, mask ${mask.width}x${mask.height}`);
  }
  let sum = 0, n = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i] < HOLE_THRESHOLD) continue;
    const p = i * 4;
    sum += Math.abs(a.data[p] - b.data[p]) + Math.abs(a.data[p + 1] - b.data[p + 1]) + Math.abs(a.data[p + 2] - b.data[p + 2]);
    n += 3;
  }
  return n === 0 ? 0 : sum / n;
}

export interface Metrics {
  psnr: number;
  ssim: number;
  coarsePsnr: number;
  textureRatio: number;
}

export function measureFill(result: RgbaImage, truth: RgbaImage, mask: Mask): Metrics {
  return {
    psnr: psnrInHole(result, truth, mask),
    ssim: ssimInHole(result, truth, mask),
    coarsePsnr: coarsePsnrInHole(result, truth, mask),
    textureRatio: textureRatio(result, truth, mask),
  };
}
