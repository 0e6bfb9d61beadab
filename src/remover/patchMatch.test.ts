import { describe, expect, it } from 'vitest';
import { fillHole } from './patchMatch';
import { meanDifferenceInHole, psnrInHole, textureRatio } from './quality';
import { teleaFill } from './telea';
import { imageOf, noise, rectMask, stripes } from './testImages';

const luma = (data: Uint8ClampedArray, i: number) => 0.299 * data[i * 4] + 0.587 * data[i * 4 + 1] + 0.114 * data[i * 4 + 2];

describe('fillHole', () => {
  it('continues a striped texture into a square hole, stripes and all', () => {
    const truth = stripes(96, 96);
    const mask = rectMask(96, 96, 36, 36, 24, 24);
    const result = fillHole(truth, mask, { seed: 1 });
    expect(textureRatio(result, truth, mask)).toBeGreaterThan(0.9);
    expect(psnrInHole(result, truth, mask)).toBeGreaterThan(25);
    // Column-periodic: a hole pixel matches the one 4 px along and differs from the one 2 px along.
    let samePeriod = 0, halfPeriod = 0;
    for (let y = 36; y < 60; y++) {
      for (let x = 36; x < 56; x++) {
        const i = y * 96 + x;
        samePeriod += Math.abs(luma(result.data, i) - luma(result.data, i + 4));
        halfPeriod += Math.abs(luma(result.data, i) - luma(result.data, i + 2));
      }
    }
    expect(samePeriod).toBeLessThan(halfPeriod * 0.1);
  });

  it('is sharper than the Telea baseline on stripes', () => {
    const truth = stripes(96, 96);
    const mask = rectMask(96, 96, 36, 36, 24, 24);
    const patch = textureRatio(fillHole(truth, mask, { seed: 3 }), truth, mask);
    const smooth = textureRatio(teleaFill(truth, mask), truth, mask);
    expect(smooth).toBeLessThan(0.6);
    expect(patch).toBeGreaterThan(smooth + 0.3);
  });

  it('leaves every pixel outside the hole byte-identical, greys below 128 included', () => {
    const image = noise(80, 70);
    const mask = rectMask(80, 70, 20, 15, 30, 25);
    for (let i = 0; i < 80; i++) mask.data[i] = 127; // a soft edge that is not a hole
    const result = fillHole(image, mask, { seed: 9 });
    for (let i = 0; i < mask.data.length; i++) {
      if (mask.data[i] >= 128) continue;
      for (let c = 0; c < 4; c++) expect(result.data[i * 4 + c]).toBe(image.data[i * 4 + c]);
    }
    expect(result.data).not.toBe(image.data);
  });

  it('never copies what was under the hole', () => {
    // A red square on a grey-blue texture: the fill must be made from the texture only.
    const image = imageOf(64, 64, (x, y) => (x >= 24 && x < 40 && y >= 24 && y < 40 ? [255, 0, 0] : [90 + ((x * 7 + y * 13) % 40), 100, 120]));
    const mask = rectMask(64, 64, 24, 24, 16, 16);
    const result = fillHole(image, mask, { seed: 2 });
    for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) expect(result.data[i * 4]).toBeLessThan(140);
  });

  it('gives the same fill for the same seed and another fill for another seed', () => {
    const image = noise(72, 72);
    const mask = rectMask(72, 72, 24, 24, 20, 20);
    const a = fillHole(image, mask, { seed: 1 });
    const b = fillHole(image, mask, { seed: 1 });
    const c = fillHole(image, mask, { seed: 2 });
    expect(b.data).toEqual(a.data);
    let differing = 0;
    for (let i = 0; i < a.data.length; i += 4) if (a.data[i] !== c.data[i]) differing++;
    expect(differing).toBeGreaterThan(0.5 * 20 * 20);
  });

  it('fills with texture, seed by seed, when only a thin frame of context is left (an app crop)', () => {
    // A 6 px frame: gone after one halving, so the fill must start at full resolution
    // rather than fall back to the smooth baseline.
    const truth = stripes(60, 60);
    const mask = rectMask(60, 60, 6, 6, 48, 48);
    expect(textureRatio(fillHole(truth, mask, { seed: 1 }), truth, mask)).toBeGreaterThan(0.8);
    const image = noise(60, 60);
    const a = fillHole(image, mask, { seed: 1 });
    const b = fillHole(image, mask, { seed: 2 });
    expect(meanDifferenceInHole(a, b, mask)).toBeGreaterThan(20);
  });

  it('fills holes on the border and apart from each other', () => {
    const image = stripes(90, 60);
    const mask = rectMask(90, 60, 0, 0, 12, 10);
    for (let y = 45; y < 60; y++) mask.data.fill(255, y * 90 + 75, y * 90 + 90);
    const result = fillHole(image, mask, { seed: 4 });
    expect(psnrInHole(result, image, mask)).toBeGreaterThan(25);
  });

  it('reports progress up to the total', () => {
    const calls: Array<[number, number]> = [];
    fillHole(stripes(64, 64), rectMask(64, 64, 20, 20, 20, 20), { seed: 1, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(2);
    const [lastDone, total] = calls[calls.length - 1];
    expect(lastDone).toBe(total);
    for (let k = 1; k < calls.length; k++) expect(calls[k][0]).toBeGreaterThanOrEqual(calls[k - 1][0]);
  });

  it('throws an AbortError once the signal is aborted', () => {
    const image = noise(64, 64);
    const mask = rectMask(64, 64, 16, 16, 30, 30);
    expect(() => fillHole(image, mask, { seed: 1, signal: { aborted: true } })).toThrow(expect.objectContaining({ name: 'AbortError' }));
    const signal = { aborted: false };
    const stopLater = () => fillHole(image, mask, { seed: 1, signal, onProgress: () => { signal.aborted = true; } });
    expect(stopLater).toThrow(expect.objectContaining({ name: 'AbortError' }));
  });

  it('returns an unchanged copy for an empty mask, and for a mask with nothing left to copy', () => {
    const image = noise(32, 32);
    expect(fillHole(image, rectMask(32, 32, 0, 0, 0, 0), { seed: 1 }).data).toEqual(image.data);
    expect(fillHole(image, rectMask(32, 32, 0, 0, 32, 32), { seed: 1 }).data).toEqual(image.data);
  });

  it('rejects a mask of another size', () => {
    expect(() => fillHole(noise(8, 8), rectMask(9, 8, 0, 0, 1, 1), { seed: 1 })).toThrow(RangeError);
  });
});
