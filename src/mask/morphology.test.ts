import { describe, expect, it } from 'vitest';
import { squaredDistanceTo } from './distance';
import { growMask, shrinkMask } from './morphology';
import { createMask, type Mask } from './types';

const count = (data: Uint8Array, pred: (v: number) => boolean) => data.filter(pred).length;

function maskWith(width: number, height: number, paint: (x: number, y: number) => number): Mask {
  const mask = createMask(width, height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) mask.data[y * width + x] = paint(x, y);
  return mask;
}

describe('squaredDistanceTo', () => {
  it('matches brute force', () => {
    let seed = 99;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 8; trial++) {
      const w = 5 + Math.floor(rnd() * 40);
      const h = 5 + Math.floor(rnd() * 30);
      const density = [0.01, 0.1, 0.5, 0.9][trial % 4];
      const mask = maskWith(w, h, () => (rnd() < density ? 255 : rnd() < 0.5 ? 100 : 0));
      for (const target of ['inside', 'outside'] as const) {
        const d2 = squaredDistanceTo(mask, target);
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            let best = Infinity;
            for (let v = 0; v < h; v++) {
              for (let u = 0; u < w; u++) {
                const isTarget = (mask.data[v * w + u] >= 128) === (target === 'inside');
                if (isTarget) best = Math.min(best, (x - u) ** 2 + (y - v) ** 2);
              }
            }
            expect(d2[y * w + x]).toBe(best);
          }
        }
      }
    }
  });

  it('is Infinity everywhere when there is nothing to measure to', () => {
    expect(squaredDistanceTo(createMask(6, 4), 'inside').every((v) => v === Infinity)).toBe(true);
  });
});

describe('growMask', () => {
  it('grows a single pixel into a disc of radius 3', () => {
    const mask = createMask(21, 21);
    mask.data[10 * 21 + 10] = 255;
    const out = growMask(mask, 3);
    expect(count(out, (v) => v === 255)).toBe(29); // lattice points with x^2 + y^2 <= 9
    expect(out[10 * 21 + 13]).toBe(255);
    expect(out[10 * 21 + 14]).toBe(0);
    expect(out[12 * 21 + 12]).toBe(255); // distance sqrt(8)
    expect(out[13 * 21 + 12]).toBe(0); // distance sqrt(13)
    expect(mask.data[10 * 21 + 11]).toBe(0); // input untouched
  });

  it('keeps soft values outside the grown area and copies at 0 px', () => {
    const mask = maskWith(20, 1, (x) => (x === 0 ? 255 : 60));
    const out = growMask(mask, 2);
    expect([...out.subarray(0, 5)]).toEqual([255, 255, 255, 60, 60]);
    expect(growMask(mask, 0)).toEqual(mask.data);
  });
});

describe('shrinkMask', () => {
  it('shrinks a 10 x 10 square by 2 into a 6 x 6 square', () => {
    const mask = maskWith(20, 20, (x, y) => (x >= 5 && x < 15 && y >= 5 && y < 15 ? 255 : 0));
    const out = shrinkMask(mask, 2);
    for (let y = 0; y < 20; y++) {
      for (let x = 0; x < 20; x++) expect(out[y * 20 + x]).toBe(x >= 7 && x < 13 && y >= 7 && y < 13 ? 255 : 0);
    }
  });

  it('does not shrink away from the image border', () => {
    const mask = maskWith(10, 10, (x) => (x < 5 ? 255 : 0));
    const out = shrinkMask(mask, 2);
    expect(out[0]).toBe(255);
    expect(out[2]).toBe(255);
    expect(out[3]).toBe(0);
  });

  it('undoes a grow of a round blob up to the edge pixels', () => {
    const mask = maskWith(80, 80, (x, y) => ((x - 40) ** 2 + (y - 38) ** 2 < 300 || (x - 52) ** 2 + (y - 45) ** 2 < 120 ? 255 : 0));
    const back = shrinkMask({ width: 80, height: 80, data: growMask(mask, 5) }, 5);
    let differ = 0;
    for (let i = 0; i < back.length; i++) if (back[i] !== mask.data[i]) differ++;
    expect(differ).toBeLessThan(0.05 * count(mask.data, (v) => v === 255));
  });

  it('grows a 6000 x 4000 mask by exactly the distance asked', () => {
    const mask = createMask(6000, 4000);
    for (let y = 1000; y < 3000; y++) mask.data.fill(255, y * 6000 + 1500, y * 6000 + 4500);
    const out = growMask(mask, 25);
    expect(out[1000 * 6000 + 1475]).toBe(255);
    expect(out[1000 * 6000 + 1474]).toBe(0);
    expect(out[975 * 6000 + 3000]).toBe(255);
    expect(out[974 * 6000 + 3000]).toBe(0);
  });
});
