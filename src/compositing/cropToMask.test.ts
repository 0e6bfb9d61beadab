import { describe, expect, it } from 'vitest';
import { createMask, fillRect, type Rect } from '../mask';
import { cropImage, cropMask, planCrop, planWholeImage } from './cropToMask';
import { seededRandom, texturedImage } from './testImages';

const contains = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

describe('planCrop', () => {
  const image = { width: 2000, height: 2000 };
  const bounds = { x: 500, y: 600, width: 100, height: 50 };

  it('adds the padding on every side and rounds the output to the multiple', () => {
    const p = planCrop(image, bounds, 32, { multipleOf: 8 });
    expect(p.crop).toEqual({ x: 468, y: 568, width: 164, height: 114 });
    expect([p.outputWidth, p.outputHeight]).toEqual([168, 112]);
    expect(p.scaleX).toBeCloseTo(168 / 164);
    expect(p.scaleY).toBeCloseTo(112 / 114);
  });

  it('grows the short side to the aspect around the centre, never shrinking', () => {
    const p = planCrop(image, bounds, 32, { multipleOf: 8, aspect: 1 });
    expect(p.crop).toEqual({ x: 468, y: 543, width: 164, height: 164 });
    const wide = planCrop(image, bounds, 0, { multipleOf: 8, aspect: 3 });
    expect(wide.crop).toEqual({ x: 475, y: 600, width: 150, height: 50 });
    expect([wide.outputWidth, wide.outputHeight]).toEqual([144, 48]);
  });

  it('shifts a crop at a corner back inside instead of clipping it', () => {
    const small = { width: 1000, height: 800 };
    const topLeft = planCrop(small, { x: 0, y: 0, width: 50, height: 50 }, 32, { multipleOf: 8, aspect: 1 });
    expect(topLeft.crop).toEqual({ x: 0, y: 0, width: 114, height: 114 });
    const bottomRight = planCrop(small, { x: 960, y: 770, width: 40, height: 30 }, 32, { multipleOf: 8, aspect: 1 });
    expect(bottomRight.crop).toEqual({ x: 1000 - 104, y: 800 - 104, width: 104, height: 104 });
  });

  it('gives multiples of 64 matching the aspect', () => {
    const p = planCrop(image, bounds, 40, { multipleOf: 64, aspect: 4 / 3 });
    expect(p.outputWidth % 64).toBe(0);
    expect(p.outputHeight % 64).toBe(0);
    expect(p.outputWidth / p.outputHeight).toBeCloseTo(4 / 3, 5);
  });

  it('scales a small crop up to minSide and a big one down to maxSide', () => {
    const up = planCrop(image, bounds, 32, { multipleOf: 64, aspect: 1, minSide: 512, maxSide: 1024 });
    expect([up.outputWidth, up.outputHeight]).toEqual([512, 512]);
    expect(up.scale).toBeCloseTo(512 / 164);
    const down = planCrop(image, { x: 100, y: 100, width: 1500, height: 1500 }, 32, { multipleOf: 64, aspect: 1, maxSide: 1024 });
    expect([down.outputWidth, down.outputHeight]).toEqual([1024, 1024]);
    expect(down.scale).toBeCloseTo(1024 / 1564);
    // A max that is not a multiple rounds down to one.
    const odd = planCrop(image, { x: 0, y: 0, width: 1500, height: 1500 }, 0, { multipleOf: 64, maxSide: 1000 });
    expect([odd.outputWidth, odd.outputHeight]).toEqual([960, 960]);
  });

  it('clips only a crop larger than the image, keeping the aspect where it can', () => {
    const tall = planCrop({ width: 400, height: 1000 }, { x: 100, y: 400, width: 250, height: 100 }, 100, { multipleOf: 8, aspect: 1 });
    expect(tall.crop).toEqual({ x: 0, y: 250, width: 400, height: 400 });
    const both = planCrop({ width: 600, height: 400 }, { x: 50, y: 50, width: 500, height: 300 }, 64, { multipleOf: 8, aspect: 1 });
    expect(both.crop).toEqual({ x: 0, y: 0, width: 600, height: 400 });
    expect(both.outputWidth).toBe(both.outputHeight);
  });

  it('rejects an empty mask', () => {
    expect(() => planCrop(image, { x: 0, y: 0, width: 0, height: 0 }, 8, { multipleOf: 8 })).toThrow(RangeError);
  });

  it('always gives a crop inside the image holding the mask, and legal output sizes', () => {
    const rnd = seededRandom(7);
    const int = (n: number) => Math.floor(rnd() * n);
    for (let i = 0; i < 300; i++) {
      const size = { width: 50 + int(3000), height: 50 + int(3000) };
      const x = int(size.width - 1);
      const y = int(size.height - 1);
      const mask = { x, y, width: 1 + int(size.width - x), height: 1 + int(size.height - y) };
      const rules = { multipleOf: [8, 64][int(2)], aspect: [undefined, 1, 1.5, 0.75][int(4)], minSide: 256, maxSide: 1024 };
      const p = planCrop(size, mask, int(100), rules);
      expect(contains({ x: 0, y: 0, ...size }, p.crop)).toBe(true);
      expect(contains(p.crop, mask)).toBe(true);
      expect(p.outputWidth % rules.multipleOf + (p.outputHeight % rules.multipleOf)).toBe(0);
      expect(Math.max(p.outputWidth, p.outputHeight)).toBeLessThanOrEqual(1024);
      if (rules.aspect) expect(Math.abs(Math.log(p.outputWidth / p.outputHeight / rules.aspect))).toBeLessThan(0.1);
    }
  });
});

describe('planWholeImage', () => {
  it('sends the whole photo, scaled to fit and rounded', () => {
    const p = planWholeImage({ width: 6000, height: 4000 }, { multipleOf: 64, maxSide: 1024 });
    expect(p.crop).toEqual({ x: 0, y: 0, width: 6000, height: 4000 });
    expect([p.outputWidth, p.outputHeight]).toEqual([1024, 704]);
  });
});

describe('cropImage / cropMask', () => {
  it('copies the rect', () => {
    const img = texturedImage(20, 10);
    const crop = cropImage(img, { x: 3, y: 2, width: 5, height: 4 });
    expect(crop.width).toBe(5);
    const at = (x: number, y: number) => Array.from(img.data.subarray((y * 20 + x) * 4, (y * 20 + x) * 4 + 4));
    expect(Array.from(crop.data.subarray(0, 4))).toEqual(at(3, 2));
    expect(Array.from(crop.data.subarray(crop.data.length - 4))).toEqual(at(7, 5));
    const mask = createMask(20, 10);
    fillRect(mask, { x: 4, y: 3, width: 2, height: 2 }, 'paint');
    const m = cropMask(mask, { x: 3, y: 2, width: 5, height: 4 });
    expect(m.data[1 * 5 + 1]).toBe(255);
    expect(m.data[0]).toBe(0);
    expect(() => cropImage(img, { x: 18, y: 0, width: 5, height: 1 })).toThrow(RangeError);
  });
});
