import { describe, expect, it } from 'vitest';
import { featherMask, featherReach } from './feather';
import { featherOutside } from './featherOutside';
import { growMask } from './morphology';

const W = 96, H = 80;

/** A disc of 255 with a soft (grey) rim, as a soft brush paints it. */
function softDisc(cx: number, cy: number, r: number): Uint8Array {
  const data = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      data[y * W + x] = d <= r ? 255 : d <= r + 3 ? Math.round(255 * (1 - (d - r) / 3)) : 0;
    }
  }
  return data;
}

/** The same made on the whole image, no window. */
function reference(src: Uint8Array, radius: number): Uint8Array {
  const painted = src.map((v) => (v > 0 ? 255 : 0));
  const soft = featherMask(growMask({ width: W, height: H, data: painted }, Math.ceil(radius)), W, H, radius);
  return painted.map((v, i) => (v ? 255 : soft[i]));
}

describe('featherOutside', () => {
  it('replaces every painted pixel entirely, soft rim included, and softens only outside', () => {
    const src = softDisc(48, 40, 14);
    const out = featherOutside(src, W, H, 4);
    let band = 0;
    for (let i = 0; i < src.length; i++) {
      if (src[i] > 0) expect(out[i]).toBe(255);
      else if (out[i] > 0 && out[i] < 255) band++;
    }
    expect(band).toBeGreaterThan(100);
    // Along a row out of the disc: from (almost) 255 at the painted edge down to 0, never rising.
    const row = 40 * W;
    let x = 48;
    while (src[row + x] > 0) x++;
    expect(out[row + x]).toBeGreaterThanOrEqual(240);
    for (; x < W - 1; x++) expect(out[row + x + 1]).toBeLessThanOrEqual(out[row + x]);
    expect(out[row + W - 1]).toBe(0);
  });

  it('reaches no further than the grown edge plus the feather', () => {
    const src = softDisc(48, 40, 10);
    const radius = 6;
    const out = featherOutside(src, W, H, radius);
    const limit = 10 + 3 + Math.ceil(radius) + featherReach(radius) + 1;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) if (Math.hypot(x + 0.5 - 48, y + 0.5 - 40) > limit) expect(out[y * W + x]).toBe(0);
    }
  });

  it('gives what the whole image would give, on the border too (wide radii: within a grey level)', () => {
    for (const [cx, cy] of [[48, 40], [4, 6], [94, 78]]) {
      const src = softDisc(cx, cy, 9);
      for (const radius of [2, 5]) expect(featherOutside(src, W, H, radius)).toEqual(reference(src, radius));
      // From radius 16 the blur runs on a shrunk copy whose cells are fixed to the window.
      const out = featherOutside(src, W, H, 24);
      const whole = reference(src, 24);
      for (let i = 0; i < out.length; i++) expect(Math.abs(out[i] - whole[i])).toBeLessThanOrEqual(1);
    }
  });

  it('without a feather paints every painted pixel 255; an empty mask stays empty', () => {
    const src = softDisc(30, 30, 8);
    expect(featherOutside(src, W, H, 0)).toEqual(src.map((v) => (v > 0 ? 255 : 0)));
    expect(featherOutside(new Uint8Array(W * H), W, H, 8).every((v) => v === 0)).toBe(true);
    expect(() => featherOutside(new Uint8Array(5), W, H, 4)).toThrow(RangeError);
  });
});
