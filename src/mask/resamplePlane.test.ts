import { describe, expect, it } from 'vitest';
import { resampleChannel, resamplePlane } from './resamplePlane';
import { scaleMask } from './scale';

const plane = (width: number, height: number, seed: number) => Float32Array.from({ length: width * height }, (_, i) => (i * 37 + seed * 11) % 256);

describe('resamplePlane', () => {
  it('gives the mask resizer’s values before rounding, up and down, at ratios of two and odd ones', () => {
    for (const [sw, sh, dw, dh] of [
      [8, 6, 16, 12],
      [16, 12, 8, 6],
      [7, 5, 3, 11],
      [10, 10, 10, 10],
    ]) {
      const src = plane(sw, sh, sw + dh);
      const out = new Float32Array(dw * dh);
      resamplePlane(src, sw, sh, out, { width: dw, height: dh });
      const rounded = Array.from(out, (v) => Math.floor(v + 0.5));
      const expected = Array.from(scaleMask(Uint8Array.from(src), sw, sh, dw, dh));
      rounded.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1));
    }
  });

  it('reads one channel of RGBA and writes scaled and shifted into a plane further on', () => {
    // Two pixels: red 0 and 255, green 100 and 100.
    const rgba = Uint8ClampedArray.of(0, 100, 0, 255, 255, 100, 0, 255);
    const out = new Float32Array(2 + 4);
    resampleChannel(rgba, 2, 1, 0, out, { width: 4, height: 1, offset: 2, scale: 1 / 255, shift: -0.5 });
    expect(Array.from(out.subarray(0, 2))).toEqual([0, 0]);
    // Bilinear with centres aligned: 0, 0.25, 0.75, 1 of the way, then -0.5.
    Array.from(out.subarray(2)).forEach((v, i) => expect(v).toBeCloseTo([-0.5, -0.25, 0.25, 0.5][i], 6));
    const green = new Float32Array(1);
    resampleChannel(rgba, 2, 1, 1, green, { width: 1, height: 1 });
    expect(green[0]).toBeCloseTo(100, 4);
  });

  it('refuses a source smaller than its size', () => {
    expect(() => resamplePlane(new Float32Array(5), 3, 2, new Float32Array(4), { width: 2, height: 2 })).toThrow(RangeError);
    expect(() => resampleChannel(new Uint8ClampedArray(4), 2, 1, 0, new Float32Array(4), { width: 2, height: 2 })).toThrow(RangeError);
  });
});
