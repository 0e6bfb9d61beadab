import { describe, expect, it } from 'vitest';
import { clipRect, createMask, isEmptyRect, readRegion, unionRect, writeRegion } from './types';

describe('rect helpers', () => {
  it('unions rects and ignores empty ones', () => {
    expect(unionRect(null, { x: 1, y: 2, width: 3, height: 4 })).toEqual({ x: 1, y: 2, width: 3, height: 4 });
    expect(unionRect({ x: 0, y: 0, width: 2, height: 2 }, { x: 5, y: 1, width: 1, height: 4 })).toEqual({
      x: 0,
      y: 0,
      width: 6,
      height: 5,
    });
    expect(unionRect({ x: 3, y: 3, width: 1, height: 1 }, { x: 50, y: 50, width: 0, height: 0 })).toEqual({
      x: 3,
      y: 3,
      width: 1,
      height: 1,
    });
  });

  it('clips to whole pixels inside the mask', () => {
    expect(clipRect({ x: -3.5, y: 2.2, width: 10, height: 3.1 }, 5, 4)).toEqual({ x: 0, y: 2, width: 5, height: 2 });
    expect(clipRect({ x: 1.5, y: 1.5, width: 1, height: 1 }, 10, 10)).toEqual({ x: 1, y: 1, width: 2, height: 2 });
    const outside = clipRect({ x: 20, y: 0, width: 5, height: 5 }, 10, 10);
    expect(outside.width * outside.height).toBe(0);
    expect(isEmptyRect(outside)).toBe(true);
    expect(isEmptyRect({ x: 0, y: 0, width: 1, height: 1 })).toBe(false);
  });
});

describe('readRegion / writeRegion', () => {
  it('round-trips a patch and touches nothing else', () => {
    const mask = createMask(7, 5);
    for (let i = 0; i < mask.data.length; i++) mask.data[i] = i;
    const rect = { x: 2, y: 1, width: 3, height: 2 };
    const patch = readRegion(mask, rect);
    expect([...patch]).toEqual([9, 10, 11, 16, 17, 18]);

    const before = mask.data.slice();
    writeRegion(mask, rect, new Uint8Array(6).fill(200));
    for (let i = 0; i < mask.data.length; i++) {
      const x = i % 7;
      const y = Math.floor(i / 7);
      const inside = x >= 2 && x < 5 && y >= 1 && y < 3;
      expect(mask.data[i]).toBe(inside ? 200 : before[i]);
    }
    writeRegion(mask, rect, patch);
    expect(mask.data).toEqual(before);
  });

  it('refuses rects outside the mask or data of the wrong size', () => {
    const mask = createMask(4, 4);
    expect(() => readRegion(mask, { x: 2, y: 0, width: 3, height: 1 })).toThrow(RangeError);
    expect(() => writeRegion(mask, { x: 0, y: 0, width: 2, height: 2 }, new Uint8Array(3))).toThrow(RangeError);
    expect(readRegion(mask, { x: 4, y: 4, width: 0, height: 0 })).toHaveLength(0);
  });
});
