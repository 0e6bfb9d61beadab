import { describe, expect, it } from 'vitest';
import { featherMask, featherPlan, featherReach, featherRegion, featherScale } from './feather';
import { seededRandom, shapes as shapesWith } from './feather.reference';

const rnd = seededRandom(777);
const shapes = (w: number, h: number, soft = false) => shapesWith(rnd, w, h, soft);

describe('featherRegion', () => {
  it('equals the same part of featherMask exactly', () => {
    for (let trial = 0; trial < 30; trial++) {
      const w = 2 + Math.floor(rnd() * 200);
      const h = 2 + Math.floor(rnd() * 150);
      const radius = [2, 4, 7, 16, 33, 90, 128][trial % 7];
      const src = shapes(w, h, trial % 2 === 0);
      const full = featherMask(src, w, h, radius);
      const x = Math.floor(rnd() * w);
      const y = Math.floor(rnd() * h);
      const rect = { x, y, width: 1 + Math.floor(rnd() * (w - x)), height: 1 + Math.floor(rnd() * (h - y)) };
      const part = featherRegion({ width: w, height: h, data: src }, rect, radius);
      expect(part.rect).toEqual(rect);
      for (let row = 0; row < rect.height; row++) {
        const start = (rect.y + row) * w + rect.x;
        expect(part.data.subarray(row * rect.width, (row + 1) * rect.width)).toEqual(
          full.subarray(start, start + rect.width),
        );
      }
    }
  });

  it('gives the same answer from a crop holding the reach around the rect, told its origin', () => {
    // How the overlay uses it: a crop of the mask, clipped to the image, rect inside it.
    for (let trial = 0; trial < 40; trial++) {
      const w = 20 + Math.floor(rnd() * 300);
      const h = 20 + Math.floor(rnd() * 200);
      const radius = [12, 16, 24, 32, 45, 64, 128][trial % 7];
      const src = shapes(w, h, trial % 2 === 0);
      const full = featherMask(src, w, h, radius);
      const x = Math.floor(rnd() * w);
      const y = Math.floor(rnd() * h);
      const target = { x, y, width: 1 + Math.floor(rnd() * (w - x)), height: 1 + Math.floor(rnd() * (h - y)) };
      const reach = featherReach(radius);
      const cx = Math.max(0, target.x - reach);
      const cy = Math.max(0, target.y - reach);
      const crop = { x: cx, y: cy, width: Math.min(w, x + target.width + reach) - cx, height: Math.min(h, y + target.height + reach) - cy };
      const data = new Uint8Array(crop.width * crop.height);
      for (let row = 0; row < crop.height; row++) {
        data.set(src.subarray((crop.y + row) * w + crop.x, (crop.y + row) * w + crop.x + crop.width), row * crop.width);
      }
      const inner = { x: target.x - crop.x, y: target.y - crop.y, width: target.width, height: target.height };
      const part = featherRegion({ width: crop.width, height: crop.height, data }, inner, radius, crop);
      for (let row = 0; row < target.height; row++) {
        const start = (target.y + row) * w + target.x;
        expect(part.data.subarray(row * target.width, (row + 1) * target.width)).toEqual(
          full.subarray(start, start + target.width),
        );
      }
    }
  });

  it('clips the rect to the mask', () => {
    const part = featherRegion({ width: 10, height: 10, data: new Uint8Array(100).fill(255) }, { x: 5, y: -3, width: 20, height: 5 }, 4);
    expect(part.rect).toEqual({ x: 5, y: 0, width: 5, height: 2 });
    expect(part.data.every((v) => v === 255)).toBe(true);
  });
});

describe('featherPlan and featherScale', () => {
  it('pick boxes whose variance is close to (radius / 2)^2 and report their reach', () => {
    const boxVariance = (sizes: readonly number[]) => sizes.reduce((s, n) => s + (n * n - 1) / 12, 0);
    for (const radius of [4, 8, 12, 16, 32, 100, 128]) {
      const { sizes, reach, weight } = featherPlan(radius);
      const sigma = radius / 2;
      expect(Math.abs(Math.sqrt(boxVariance(sizes)) - sigma) / sigma).toBeLessThan(0.1);
      expect(reach).toBe(sizes.reduce((s, n) => s + (n - 1) / 2, 0));
      expect(weight).toBe(sizes[0] * sizes[1] * sizes[2]);
      // Shrunk by k: box-averaging and interpolating add about k^2 / 4 to the variance.
      const scale = featherScale(radius);
      const k = scale.factor;
      const variance = k * k * boxVariance(scale.plan.sizes) + (k > 1 ? (k * k) / 4 : 0);
      expect(Math.abs(Math.sqrt(variance) - sigma) / sigma).toBeLessThan(0.1);
      expect(featherReach(radius)).toBe(k === 1 ? reach : scale.plan.reach * k + (3 * k) / 2 - 1);
    }
    expect(featherScale(8).factor).toBe(1);
    expect(featherScale(32).factor).toBe(4);
    expect(featherReach(0)).toBe(0);
    expect(featherReach(1000)).toBe(featherReach(128));
  });
});
