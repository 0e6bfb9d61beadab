import { describe, expect, it } from 'vitest';
import { gaussianBlur } from './filters';
import { coarsePsnrInHole, meanDifferenceInHole, measureFill, psnrInHole, ssimInHole, textureRatio } from './quality';
import { noise, rectMask, stripes } from './testImages';
import type { RgbaImage } from '../image/rgba';

/** The image blurred (sigma 2) channel by channel. */
function blurred(image: RgbaImage): RgbaImage {
  const { width, height } = image;
  const data = new Uint8ClampedArray(image.data);
  for (let c = 0; c < 3; c++) {
    const plane = new Float32Array(width * height);
    for (let i = 0; i < plane.length; i++) plane[i] = image.data[i * 4 + c];
    const out = gaussianBlur(plane, width, height, 2);
    for (let i = 0; i < plane.length; i++) data[i * 4 + c] = out[i];
  }
  return { width, height, data };
}

function withNoise(image: RgbaImage, amount: number, seed: number): RgbaImage {
  const n = noise(image.width, image.height, seed);
  const data = image.data.map((v, i) => (i % 4 === 3 ? v : v + ((n.data[i] - 128) * amount) / 128));
  return { ...image, data };
}

describe('quality metrics', () => {
  const truth = noise(64, 64, 11);
  const mask = rectMask(64, 64, 16, 16, 32, 32);

  it('score a perfect fill as perfect', () => {
    const copy = { ...truth, data: new Uint8ClampedArray(truth.data) };
    expect(measureFill(copy, truth, mask)).toEqual({ psnr: Infinity, ssim: 1, coarsePsnr: Infinity, textureRatio: 1 });
  });

  it('see a blur as lost texture and lost structure', () => {
    const soft = blurred(truth);
    expect(textureRatio(soft, truth, mask)).toBeLessThan(0.5);
    expect(ssimInHole(soft, truth, mask)).toBeLessThan(0.5);
    expect(textureRatio(blurred(stripes(64, 64)), stripes(64, 64), mask)).toBeLessThan(0.5);
  });

  it('fall as the error grows', () => {
    const small = withNoise(truth, 8, 1);
    const large = withNoise(truth, 40, 1);
    expect(psnrInHole(small, truth, mask)).toBeGreaterThan(psnrInHole(large, truth, mask) + 10);
    expect(ssimInHole(small, truth, mask)).toBeGreaterThan(ssimInHole(large, truth, mask));
    expect(ssimInHole(small, truth, mask)).toBeLessThan(1);
  });

  it('forgive fine detail in the coarse PSNR but not a wrong colour', () => {
    const noisy = withNoise(truth, 40, 2);
    expect(coarsePsnrInHole(noisy, truth, mask)).toBeGreaterThan(psnrInHole(noisy, truth, mask) + 10);
    const tinted = { ...truth, data: truth.data.map((v, i) => (i % 4 === 0 ? v + 40 : v)) };
    expect(coarsePsnrInHole(tinted, truth, mask)).toBeLessThan(25);
  });

  it('look only inside the hole', () => {
    const changed = { ...truth, data: new Uint8ClampedArray(truth.data) };
    for (let i = 0; i < 64 * 4 * 4; i++) changed.data[i] = 0; // rows 0-3, outside the hole
    expect(psnrInHole(changed, truth, mask)).toBe(Infinity);
    expect(ssimInHole(changed, truth, mask)).toBe(1);
  });

  it('measure how far apart two variations are inside the hole only', () => {
    const other = { ...truth, data: new Uint8ClampedArray(truth.data) };
    expect(meanDifferenceInHole(truth, other, mask)).toBe(0);
    // 10 grey levels apart on every channel inside the hole, far apart outside it: only the inside counts.
    for (let i = 0; i < mask.data.length; i++) {
      for (let c = 0; c < 3; c++) {
        const v = truth.data[i * 4 + c];
        other.data[i * 4 + c] = mask.data[i] < 128 ? 255 - v : v < 128 ? v + 10 : v - 10;
      }
    }
    expect(meanDifferenceInHole(truth, other, mask)).toBeCloseTo(10, 6);
    expect(meanDifferenceInHole(other, truth, mask)).toBeCloseTo(10, 6);
    expect(meanDifferenceInHole(truth, other, rectMask(64, 64, 0, 0, 0, 0))).toBe(0);
    expect(() => meanDifferenceInHole(truth, noise(32, 32), mask)).toThrow(RangeError);
  });
});
