import { describe, expect, it } from 'vitest';
import { fitMask, fitRect, scaleMask } from './scale';

describe('scaleMask', () => {
  it('copies when the size matches', () => {
    const src = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    const out = scaleMask(src, 3, 2, 3, 2);
    expect(out).toEqual(src);
    expect(out).not.toBe(src);
  });

  it('enlarges bilinearly with pixel centres aligned', () => {
    const out = scaleMask(Uint8Array.from([0, 255, 0, 255]), 2, 2, 4, 4);
    // Destination centres sit at source -0.25, 0.25, 0.75, 1.25 (clamped at the edges).
    for (let y = 0; y < 4; y++) expect([...out.subarray(y * 4, y * 4 + 4)]).toEqual([0, 64, 191, 255]);
    const vertical = scaleMask(Uint8Array.from([0, 0, 200, 200]), 2, 2, 2, 4);
    expect([...vertical]).toEqual([0, 0, 50, 50, 150, 150, 200, 200]);
  });

  it('reduces by averaging areas', () => {
    const src = Uint8Array.from([
      0, 255, 10, 20,
      255, 0, 30, 40,
      100, 100, 0, 0,
      100, 100, 0, 255,
    ]);
    expect([...scaleMask(src, 4, 4, 2, 2)]).toEqual([128, 25, 100, 64]);
    expect([...scaleMask(Uint8Array.from([0, 0, 255, 255, 255, 255]), 6, 1, 2, 1)]).toEqual([85, 255]);
  });

  it('keeps the mean for a non-integer reduction, and mixes modes per axis', () => {
    const w = 97;
    const h = 61;
    const src = new Uint8Array(w * h);
    for (let i = 0; i < src.length; i++) src[i] = (i * 37) % 256;
    const mean = (a: Uint8Array) => a.reduce((s, v) => s + v, 0) / a.length;
    const small = scaleMask(src, w, h, 40, 25);
    expect(small).toHaveLength(1000);
    expect(Math.abs(mean(small) - mean(src))).toBeLessThan(1);
    const wideShort = scaleMask(src, w, h, 150, 30); // wider (bilinear), shorter (area)
    expect(wideShort).toHaveLength(4500);
    expect(Math.abs(mean(wideShort) - mean(src))).toBeLessThan(3);
    expect(scaleMask(new Uint8Array(12).fill(255), 4, 3, 9, 2).every((v) => v === 255)).toBe(true);
  });
});

describe('fitMask', () => {
  it('keeps the shape: a wide mask in a square photo is centred with black above and below', () => {
    expect(fitRect(200, 100, 512, 512)).toEqual({ x: 0, y: 128, width: 512, height: 256 });
    const wide = new Uint8Array(4 * 2).fill(255);
    const out = fitMask(wide, 4, 2, 4, 4);
    expect([...out]).toEqual([0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0]);
  });

  it('fits a tall mask between black sides', () => {
    const out = fitMask(new Uint8Array(2 * 4).fill(255), 2, 4, 6, 4);
    for (let y = 0; y < 4; y++) expect([...out.subarray(y * 6, y * 6 + 6)]).toEqual([0, 0, 255, 255, 0, 0]);
  });

  it('equals scaleMask when the shapes already agree', () => {
    const src = Uint8Array.from([0, 100, 200, 255]);
    expect(fitMask(src, 2, 2, 4, 4)).toEqual(scaleMask(src, 2, 2, 4, 4));
  });
});
