import { describe, expect, it } from 'vitest';
import { fillPolygon, fillRect } from './fill';
import { createMask, type Mask } from './types';

const count = (m: Mask, value: number) => m.data.filter((v) => v === value).length;

describe('fillRect', () => {
  it('fills an integer rect exactly and returns it', () => {
    const m = createMask(10, 8);
    const dirty = fillRect(m, { x: 2, y: 3, width: 4, height: 2 }, 'paint');
    expect(dirty).toEqual({ x: 2, y: 3, width: 4, height: 2 });
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 10; x++) {
        const inside = x >= 2 && x < 6 && y >= 3 && y < 5;
        expect(m.data[y * 10 + x]).toBe(inside ? 255 : 0);
      }
    }
  });

  it('clips to the mask, accepts a rect dragged backwards, and erases', () => {
    const m = createMask(10, 10);
    m.data.fill(255);
    const dirty = fillRect(m, { x: 12, y: 12, width: -9, height: -20 }, 'erase');
    expect(dirty).toEqual({ x: 3, y: 0, width: 7, height: 10 });
    expect(count(m, 0)).toBe(70);
    expect(fillRect(m, { x: 20, y: 0, width: 5, height: 5 }, 'paint').width).toBe(0);
  });

  it('takes the pixels whose centres a fractional rect covers', () => {
    const m = createMask(10, 10);
    const dirty = fillRect(m, { x: 1.6, y: 1.4, width: 2, height: 1 }, 'paint');
    // Centres 2.5, 3.5 lie in [1.6, 3.6); centre 1.5 lies in [1.4, 2.4).
    expect(dirty).toEqual({ x: 2, y: 1, width: 2, height: 1 });
  });
});

describe('fillPolygon', () => {
  it('fills a triangle with its area', () => {
    const m = createMask(200, 200);
    const dirty = fillPolygon(m, [{ x: 10, y: 10 }, { x: 190, y: 30 }, { x: 60, y: 180 }], 'paint');
    const area = Math.abs((190 - 10) * (180 - 10) - (60 - 10) * (30 - 10)) / 2;
    expect(Math.abs(count(m, 255) - area) / area).toBeLessThan(0.01);
    expect(dirty.x).toBeGreaterThanOrEqual(10);
    expect(dirty.x + dirty.width).toBeLessThanOrEqual(190);
    expect(dirty.y).toBeGreaterThanOrEqual(10);
    expect(dirty.y + dirty.height).toBeLessThanOrEqual(180);
    expect(m.data[50 * 200 + 60]).toBe(255);
    expect(m.data[150 * 200 + 150]).toBe(0);
  });

  it('fills an axis-aligned square exactly', () => {
    const m = createMask(20, 20);
    fillPolygon(m, [{ x: 5, y: 5 }, { x: 15, y: 5 }, { x: 15, y: 12 }, { x: 5, y: 12 }], 'paint');
    for (let y = 0; y < 20; y++) {
      for (let x = 0; x < 20; x++) {
        expect(m.data[y * 20 + x]).toBe(x >= 5 && x < 15 && y >= 5 && y < 12 ? 255 : 0);
      }
    }
  });

  it('uses the even-odd rule where a lasso crosses itself', () => {
    const m = createMask(40, 40);
    // Two overlapping squares drawn as one path: the overlap is outside.
    const path = [
      { x: 5, y: 5 }, { x: 25, y: 5 }, { x: 25, y: 25 }, { x: 15, y: 25 }, { x: 15, y: 15 },
      { x: 35, y: 15 }, { x: 35, y: 35 }, { x: 15, y: 35 }, { x: 15, y: 25 }, { x: 5, y: 25 },
    ];
    fillPolygon(m, path, 'paint');
    expect(m.data[10 * 40 + 10]).toBe(255);
    expect(m.data[30 * 40 + 30]).toBe(255);
    expect(m.data[20 * 40 + 20]).toBe(0);
  });

  it('erases, clips to the mask and ignores degenerate lassos', () => {
    const m = createMask(30, 30);
    m.data.fill(255);
    const dirty = fillPolygon(m, [{ x: -10, y: -10 }, { x: 20, y: -10 }, { x: 20, y: 20 }, { x: -10, y: 20 }], 'erase');
    expect(dirty).toEqual({ x: 0, y: 0, width: 20, height: 20 });
    expect(count(m, 0)).toBe(400);
    expect(fillPolygon(m, [{ x: 1, y: 1 }, { x: 9, y: 9 }], 'paint').width).toBe(0);
    expect(fillPolygon(m, [{ x: 1, y: 1 }, { x: 9, y: 1 }, { x: 20, y: 1 }], 'paint').width).toBe(0);
    expect(count(m, 0)).toBe(400);
  });
});
