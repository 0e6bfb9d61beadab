import { describe, expect, it } from 'vitest';
import { featherMask, featherReach } from './feather';
import { boxCascadeReference, gaussianReference, seededRandom, shapes as shapesWith } from './feather.reference';

const rnd = seededRandom(12345);
const shapes = (w: number, h: number, soft = false) => shapesWith(rnd, w, h, soft);

describe('featherMask', () => {
  it('returns a copy at radius 0', () => {
    const src = shapes(30, 20);
    const out = featherMask(src, 30, 20, 0);
    expect(out).toEqual(src);
    expect(out).not.toBe(src);
  });

  it('equals the plain box-cascade reference exactly', () => {
    for (let trial = 0; trial < 30; trial++) {
      const w = 1 + Math.floor(rnd() * 180);
      const h = 1 + Math.floor(rnd() * 120);
      const radius = [1, 2, 3, 5, 8, 13, 20, 40, 128][trial % 9];
      const src = shapes(w, h, trial % 3 === 0);
      expect(featherMask(src, w, h, radius)).toEqual(boxCascadeReference(src, w, h, radius));
    }
  });

  it('is close to a true Gaussian with sigma = radius / 2', () => {
    const w = 160;
    const h = 120;
    const src = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if ((x - 60) ** 2 + (y - 60) ** 2 < 900 || (x > 100 && x < 130 && y > 20 && y < 100)) src[y * w + x] = 255;
      }
    }
    for (const radius of [8, 16]) {
      const got = featherMask(src, w, h, radius);
      const want = gaussianReference(src, w, h, radius / 2);
      let worst = 0;
      let total = 0;
      for (let i = 0; i < got.length; i++) {
        const d = Math.abs(got[i] - want[i]);
        worst = Math.max(worst, d);
        total += d;
      }
      expect(worst).toBeLessThanOrEqual(5);
      expect(total / got.length).toBeLessThan(1);
    }
  });

  it('turns a hard edge into a monotonic ramp about 2 * radius wide', () => {
    const w = 200;
    const h = 4;
    const src = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) src.fill(255, y * w + 100, (y + 1) * w);
    const radius = 16;
    const out = featherMask(src, w, h, radius);
    const row = [...out.subarray(w, 2 * w)];
    for (let x = 1; x < w; x++) expect(row[x]).toBeGreaterThanOrEqual(row[x - 1]);
    expect(row[99]).toBeGreaterThan(100);
    expect(row[100]).toBeLessThan(155);
    const ramp = row.filter((v) => v > 12 && v < 243).length; // ~5% to 95%
    expect(ramp).toBeGreaterThan(1.2 * radius);
    expect(ramp).toBeLessThan(2.6 * radius);
    expect(row[100 - featherReach(radius) - 1]).toBe(0);
    expect(row[100 + featherReach(radius)]).toBe(255);
  });

  it('keeps the total away from the borders and a constant field constant', () => {
    const w = 120;
    const h = 100;
    const src = new Uint8Array(w * h);
    for (let y = 40; y < 60; y++) src.fill(255, y * w + 50, y * w + 70);
    src[30 * w + 30] = 255;
    const sum = (a: Uint8Array) => a.reduce((s, v) => s + v, 0);
    const out = featherMask(src, w, h, 12);
    expect(Math.abs(sum(out) - sum(src)) / sum(src)).toBeLessThan(0.01);

    const flat = new Uint8Array(w * h).fill(77);
    expect(featherMask(flat, w, h, 20).every((v) => v === 77)).toBe(true);
  });

  it('leaves 0 beyond the reach of the mask and writes into a given buffer', () => {
    const w = 300;
    const h = 200;
    const src = new Uint8Array(w * h);
    for (let y = 90; y < 110; y++) src.fill(200, y * w + 140, y * w + 160);
    const out = new Uint8Array(w * h).fill(9);
    const result = featherMask(src, w, h, 10, out);
    expect(result).toBe(out);
    const reach = featherReach(10);
    let strayNonZero = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const near = x >= 140 - reach && x < 160 + reach && y >= 90 - reach && y < 110 + reach;
        if (!near && out[y * w + x] !== 0) strayNonZero++;
      }
    }
    expect(strayNonZero).toBe(0);
    expect(out[100 * w + 150]).toBeGreaterThan(150);
    expect(featherMask(new Uint8Array(w * h), w, h, 10, out).every((v) => v === 0)).toBe(true);
  });

  it('reads a source that is an unaligned view', () => {
    const w = 64;
    const h = 40;
    const src = shapes(w, h);
    const backing = new Uint8Array(w * h + 1);
    backing.set(src, 1);
    expect(featherMask(backing.subarray(1), w, h, 9)).toEqual(featherMask(src, w, h, 9));
  });

  it('rejects arrays of the wrong size', () => {
    expect(() => featherMask(new Uint8Array(10), 4, 4, 3)).toThrow(RangeError);
  });
});
