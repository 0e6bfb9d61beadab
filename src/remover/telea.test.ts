import { describe, expect, it } from 'vitest';
import { psnrInHole, textureRatio } from './quality';
import { teleaFill } from './telea';
import { imageOf, rectMask, stripes } from './testImages';

describe('teleaFill', () => {
  it('fills a smooth gradient almost exactly', () => {
    const truth = imageOf(64, 64, (x, y) => [2 * x, 2 * y, 100]);
    const mask = rectMask(64, 64, 20, 24, 20, 16);
    expect(psnrInHole(teleaFill(truth, mask), truth, mask)).toBeGreaterThan(30);
  });

  it('blurs texture away (it is the smooth baseline)', () => {
    const truth = stripes(64, 64);
    const mask = rectMask(64, 64, 20, 20, 24, 24);
    expect(textureRatio(teleaFill(truth, mask), truth, mask)).toBeLessThan(0.6);
  });

  it('changes only the hole and never reads it', () => {
    const image = imageOf(32, 32, (x, y) => (x >= 10 && x < 20 && y >= 10 && y < 20 ? [255, 0, 0] : [10, 120, 200]));
    const mask = rectMask(32, 32, 10, 10, 10, 10);
    const result = teleaFill(image, mask);
    for (let i = 0; i < mask.data.length; i++) {
      const expected = mask.data[i] ? [10, 120, 200, 255] : Array.from(image.data.subarray(i * 4, i * 4 + 4));
      expect(Array.from(result.data.subarray(i * 4, i * 4 + 4))).toEqual(expected);
    }
  });
});
