import { describe, expect, it } from 'vitest';
import { featherMask, featherReach, featherScale } from './feather';
import {
  boxCascadeReference,
  gaussianReference,
  scaledReference,
  seededRandom,
  shapes as shapesWith,
} from './feather.reference';

const rnd = seededRandom(12345);
const shapes = (w: number, h: number, soft = false) => shapesWith(rnd, w, h, soft);

describe('featherMask', () => {
  it('returns a copy at radius 0', () => {
    const src = shapes(30, 20);
    const out = featherMask(src, 30, 20, 0);
    expect(out).toEqual(src);
    expect(out).not.toBe(src);
  });

  it('equals the plain box-cascade reference exactly at radii blurred at full size', () => {
    for (let trial = 0; trial < 30; trial++) {
      const w = 1 + Math.floor(rnd() * 180);
      const h = 1 + Math.floor(rnd() * 120);
      const radius = [1, 2, 3, 5, 8, 11, 13, 15][trial % 8];
      expect(featherScale(radius).factor).toBe(1);
      const src = shapes(w, h, trial % 3 === 0);
      expect(featherMask(src, w, h, radius)).toEqual(boxCascadeReference(src, w, h, radius));
    }
  });

  it('equals the shrink / box-blur / interpolate reference exactly at wide radii', () => {
    for (let trial = 0; trial < 30; trial++) {
      const w = 1 + Math.floor(rnd() * 180);
      const h = 1 + Math.floor(rnd() * 120);
      const radius = [16, 23, 32, 47, 64, 100, 128][trial % 7];
      expect(featherScale(radius).factor).toBeGreaterThan(1);
      const src = shapes(w, h, trial % 3 === 0);
      expect(featherMask(src, w, h, radius)).toEqual(scaledReference(src, w, h, radius));
    }
  });

  it('is close to a true Gaussian with sigma = radius / 2', () => {
    // Full size (8), and shrunk by 2, 4 and 8; the shapes grow with the radius.
    for (const [radius, scale] of [[8, 1], [16, 1], [32, 2], [64, 3]]) {
      const w = 160 * scale;
      const h = 120 * scale;
      const src = new Uint8Array(w * h);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const disc = (x - 60 * scale) ** 2 + (y - 60 * scale) ** 2 < 900 * scale * scale;
          if (disc || (x > 100 * scale && x < 130 * scale && y > 20 * scale && y < 100 * scale)) src[y * w + x] = 255;
        }
      }
      const got = featherMask(src, w, h, radius);
      const want = gaussianReference(src, w, h, radius / 2);
      let worst = 0;
      let total = 0;
      for (let i = 0; i < got.length; i++) {
        const d = Math.abs(got[i] - want[i]);
        worst = Math.max(worst, d);
        total += d;
      }
      // Three boxes are not quite a Gaussian (~4.4 at radius 8); shrinking adds ~1.5.
      expect(worst).toBeLessThanOrEqual(6);
      expect(total / got.length).toBeLessThan(1);
    }
  });

  it('turns a hard edge into a monotonic ramp about 2 * radius wide', () => {
    for (const radius of [8, 16, 32, 64]) {
      const reach = featherReach(radius);
      const edge = reach + 20;
      const w = 2 * edge;
      const h = 4;
      const src = new Uint8Array(w * h);
      for (let y = 0; y < h; y++) src.fill(255, y * w + edge, (y + 1) * w);
      const row = [...featherMask(src, w, h, radius).subarray(w, 2 * w)];
      for (let x = 1; x < w; x++) expect(row[x]).toBeGreaterThanOrEqual(row[x - 1]);
      expect(row[edge - 1]).toBeGreaterThan(100);
      expect(row[edge]).toBeLessThan(155);
      const ramp = row.filter((v) => v > 12 && v < 243).length; // ~5% to 95%
      expect(ramp).toBeGreaterThan(1.2 * radius);
      expect(ramp).toBeLessThan(2.6 * radius);
      expect(row[edge - reach - 1]).toBe(0);
      expect(row[edge + reach]).toBe(255);
    }
  });

  it('keeps the total away from the borders and a constant field constant', () => {
    const w = 300;
    const h = 240;
    const src = new Uint8Array(w * h);
    for (let y = 100; y < 140; y++) src.fill(255, y * w + 130, y * w + 170);
    src[60 * w + 60] = 255;
    const sum = (a: Uint8Array) => a.reduce((s, v) => s + v, 0);
    for (const radius of [12, 40]) {
      const out = featherMask(src, w, h, radius);
      expect(Math.abs(sum(out) - sum(src)) / sum(src)).toBeLessThan(0.01);
    }
    const flat = new Uint8Array(w * h).fill(77);
    for (const radius of [20, 64, 128]) expect(featherMask(flat, w, h, radius).every((v) => v === 77)).toBe(true);
  });

  it('leaves 0 beyond the reach of the mask and writes into a given buffer', () => {
    const w = 300;
    const h = 200;
    const src = new Uint8Array(w * h);
    for (let y = 90; y < 110; y++) src.fill(200, y * w + 140, y * w + 160);
    for (const radius of [10, 40]) {
      const out = new Uint8Array(w * h).fill(9);
      const result = featherMask(src, w, h, radius, out);
      expect(result).toBe(out);
      const reach = featherReach(radius);
      let strayNonZero = 0;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const near = x >= 140 - reach && x < 160 + reach && y >= 90 - reach && y < 110 + reach;
          if (!near && out[y * w + x] !== 0) strayNonZero++;
        }
      }
      expect(strayNonZero).toBe(0);
      expect(out[100 * w + 150]).toBeGreaterThan(radius > 20 ? 20 : 150);
      expect(featherMask(new Uint8Array(w * h), w, h, radius, out).every((v) => v === 0)).toBe(true);
    }
  });

  it('reads and writes arrays that are unaligned views, at any width', () => {
    for (const [w, radius] of [[64, 9], [64, 40], [63, 40], [66, 16]]) {
      const h = 40;
      const src = shapes(w, h);
      const backing = new Uint8Array(w * h + 1);
      backing.set(src, 1);
      const want = featherMask(src, w, h, radius);
      expect(featherMask(backing.subarray(1), w, h, radius)).toEqual(want);
      const out = new Uint8Array(w * h + 3).subarray(3);
      expect(featherMask(src, w, h, radius, out)).toEqual(want);
    }
  });

  it('rejects arrays of the wrong size', () => {
    expect(() => featherMask(new Uint8Array(10), 4, 4, 3)).toThrow(RangeError);
  });
});
