import { describe, expect, it } from 'vitest';
import { paintSegment } from './brush';
import { createMask, type Mask, type Rect } from './types';

const at = (m: Mask, x: number, y: number) => m.data[y * m.width + x];

/** The rect of every pixel that differs, or null. */
function diffBounds(a: Uint8Array, b: Uint8Array, width: number): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const x = i % width;
    const y = Math.floor(i / width);
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

const contains = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

describe('paintSegment', () => {
  it('paints a hard dot: 255 at the centre, nothing beyond the radius, symmetric', () => {
    const m = createMask(41, 41);
    const dot = { x: 20.5, y: 20.5 };
    paintSegment(m, dot, dot, { size: 10, hardness: 1, mode: 'paint' });
    expect(at(m, 20, 20)).toBe(255);
    expect(at(m, 24, 20)).toBe(255); // distance 4
    expect(at(m, 27, 20)).toBe(0); // distance 7
    expect(at(m, 20, 13)).toBe(0);
    expect(at(m, 25, 25)).toBe(0); // distance ~7.07
    for (let y = 0; y < 41; y++) {
      for (let x = 0; x < 41; x++) {
        const v = at(m, x, y);
        expect(at(m, 40 - x, y)).toBe(v);
        expect(at(m, x, 40 - y)).toBe(v);
        expect(at(m, y, x)).toBe(v);
      }
    }
    // The antialiased edge is about 1 px wide around r = 5.
    expect(at(m, 25, 20)).toBeGreaterThan(0); // distance 5
    expect(at(m, 25, 20)).toBeLessThan(255);
  });

  it('with hardness 0.5 is solid to r/2 and fades between r/2 and r', () => {
    const m = createMask(61, 61);
    const c = { x: 30.5, y: 30.5 };
    paintSegment(m, c, c, { size: 40, hardness: 0.5, mode: 'paint' }); // r = 20
    expect(at(m, 30 + 9, 30)).toBe(255);
    const fade = [12, 14, 16, 18].map((d) => at(m, 30 + d, 30));
    for (const v of fade) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(255);
    }
    for (let i = 1; i < fade.length; i++) expect(fade[i]).toBeLessThan(fade[i - 1]);
    expect(at(m, 30 + 20, 30)).toBe(0);
  });

  it('sweeps a capsule between the two points', () => {
    const m = createMask(100, 40);
    paintSegment(m, { x: 20, y: 20 }, { x: 80, y: 20 }, { size: 10, hardness: 1, mode: 'paint' });
    for (let x = 20; x < 80; x += 7) {
      expect(at(m, x, 19)).toBe(255);
      expect(at(m, x, 27)).toBe(0);
    }
    expect(at(m, 83, 19)).toBe(255); // the round end, 3.5 px past the end point
    expect(at(m, 87, 19)).toBe(0);
  });

  it('erases with the same profile', () => {
    const m = createMask(41, 41);
    m.data.fill(255);
    const c = { x: 20.5, y: 20.5 };
    paintSegment(m, c, c, { size: 20, hardness: 0.5, mode: 'erase' });
    expect(at(m, 20, 20)).toBe(0);
    expect(at(m, 20 + 7, 20)).toBeGreaterThan(0);
    expect(at(m, 20 + 7, 20)).toBeLessThan(255);
    expect(at(m, 20 + 12, 20)).toBe(255);
  });

  it('does not build up when a soft stroke goes over itself', () => {
    const m = createMask(80, 40);
    const opts = { size: 30, hardness: 0, mode: 'paint' } as const;
    paintSegment(m, { x: 20, y: 20 }, { x: 60, y: 20 }, opts);
    const once = m.data.slice();
    paintSegment(m, { x: 20, y: 20 }, { x: 60, y: 20 }, opts);
    paintSegment(m, { x: 60, y: 20 }, { x: 20, y: 20 }, opts);
    expect(m.data).toEqual(once);
    const soft = [...once].filter((v) => v > 0 && v < 255).length;
    expect(soft).toBeGreaterThan(100);
  });

  it('matches a per-pixel reference of the documented profile', () => {
    // Reference: distance to the segment, 255 inside r * hardness, smoothstep to 0 at r,
    // the band widened to 1 px around its middle when narrower.
    const reference = (w: number, h: number, a: { x: number; y: number }, b: { x: number; y: number }, size: number, hardness: number) => {
      const out = new Uint8Array(w * h);
      const r = size / 2;
      let inner = r * hardness;
      let outer = r;
      if (outer - inner < 1) {
        const mid = (inner + outer) / 2;
        inner = mid - 0.5;
        outer = mid + 0.5;
      }
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const px = x + 0.5 - a.x;
          const py = y + 0.5 - a.y;
          const dx = b.x - a.x;
          const dy = b.y - a.y;
          const len2 = dx * dx + dy * dy;
          const t = len2 ? Math.min(1, Math.max(0, (px * dx + py * dy) / len2)) : 0;
          const d = Math.hypot(px - t * dx, py - t * dy);
          const s = Math.min(1, Math.max(0, (outer - d) / (outer - inner)));
          out[y * w + x] = d >= outer ? 0 : d <= inner ? 255 : Math.round(255 * s * s * (3 - 2 * s));
        }
      }
      return out;
    };
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let k = 0; k < 40; k++) {
      const m = createMask(70, 50);
      const a = { x: rnd() * 90 - 10, y: rnd() * 70 - 10 };
      const b = k % 5 === 0 ? a : { x: rnd() * 90 - 10, y: rnd() * 70 - 10 };
      const size = 0.5 + rnd() * 40;
      const hardness = rnd();
      paintSegment(m, a, b, { size, hardness, mode: 'paint' });
      const expected = reference(70, 50, a, b, size, hardness);
      let worst = 0;
      for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(m.data[i] - expected[i]));
      expect(worst).toBeLessThanOrEqual(1);
    }
  });

  it('returns a dirty rect holding every changed pixel', () => {
    const m = createMask(64, 48);
    const cases = [
      [{ x: 10.2, y: 30.7 }, { x: 50.9, y: 5.1 }, 7.3, 0.3],
      [{ x: -5, y: 20 }, { x: 12, y: 60 }, 20, 1],
      [{ x: 33, y: 33 }, { x: 33, y: 33 }, 1.5, 0.8],
      [{ x: 63.9, y: 0.1 }, { x: 40, y: 47.5 }, 3, 0],
    ] as const;
    for (const [from, to, size, hardness] of cases) {
      const before = m.data.slice();
      const dirty = paintSegment(m, from, to, { size, hardness, mode: 'paint' });
      const changed = diffBounds(before, m.data, m.width);
      expect(changed).not.toBeNull();
      expect(contains(dirty, changed!)).toBe(true);
      expect(contains({ x: 0, y: 0, width: 64, height: 48 }, dirty)).toBe(true);
    }
  });

  it('returns an empty rect and changes nothing when the brush is off the mask', () => {
    const m = createMask(20, 20);
    const dirty = paintSegment(m, { x: -50, y: -50 }, { x: -30, y: -40 }, { size: 10, hardness: 1, mode: 'paint' });
    expect(dirty.width * dirty.height).toBe(0);
    expect(m.data.every((v) => v === 0)).toBe(true);
  });
});
