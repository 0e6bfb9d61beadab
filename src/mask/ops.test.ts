import { describe, expect, it } from 'vitest';
import { invertMask, isMaskEmpty, maskBounds, maskCoverage, valueBounds } from './ops';
import { createMask } from './types';

describe('invertMask', () => {
  it('flips values in place and twice is the identity', () => {
    const data = Uint8Array.from([0, 1, 128, 254, 255, 7, 9]);
    const original = data.slice();
    const result = invertMask(data);
    expect(result).toBe(data);
    expect([...data]).toEqual([255, 254, 127, 1, 0, 248, 246]);
    invertMask(data);
    expect(data).toEqual(original);
  });

  it('works on unaligned views', () => {
    const backing = new Uint8Array(10).fill(10);
    invertMask(backing.subarray(1, 8));
    expect([...backing]).toEqual([10, 245, 245, 245, 245, 245, 245, 245, 10, 10]);
  });
});

describe('isMaskEmpty / maskCoverage', () => {
  it('sees a single grey pixel anywhere', () => {
    const data = new Uint8Array(4099);
    expect(isMaskEmpty(data)).toBe(true);
    expect(maskCoverage(data)).toBe(0);
    data[4098] = 1;
    expect(isMaskEmpty(data)).toBe(false);
    expect(isMaskEmpty(data.subarray(3))).toBe(false);
    expect(maskCoverage(data)).toBeCloseTo(1 / 4099);
    expect(maskCoverage(new Uint8Array(4).fill(3))).toBe(1);
    expect(maskCoverage(new Uint8Array(0))).toBe(0);
  });
});

describe('maskBounds', () => {
  it('is null for an empty mask and the tight box otherwise', () => {
    const mask = createMask(37, 23);
    expect(maskBounds(mask)).toBeNull();
    mask.data[5 * 37 + 30] = 9;
    expect(maskBounds(mask)).toEqual({ x: 30, y: 5, width: 1, height: 1 });
    mask.data[17 * 37 + 2] = 255;
    mask.data[9 * 37 + 36] = 1;
    expect(maskBounds(mask)).toEqual({ x: 2, y: 5, width: 35, height: 13 });
  });

  it('agrees with a plain scan on random sparse masks, aligned or not', () => {
    let seed = 5;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 50; trial++) {
      const w = 1 + Math.floor(rnd() * 40);
      const h = 1 + Math.floor(rnd() * 20);
      const backing = new Uint8Array(w * h + 3);
      const data = backing.subarray(trial % 4, trial % 4 + w * h);
      for (let k = Math.floor(rnd() * 4); k > 0; k--) data[Math.floor(rnd() * w * h)] = 1 + Math.floor(rnd() * 255);
      let x0 = w, y0 = h, x1 = -1, y1 = -1;
      data.forEach((v, i) => {
        if (!v) return;
        x0 = Math.min(x0, i % w);
        x1 = Math.max(x1, i % w);
        y0 = Math.min(y0, Math.floor(i / w));
        y1 = Math.max(y1, Math.floor(i / w));
      });
      const want = x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
      expect(valueBounds(data, w, h)).toEqual(want);
    }
  });
});
