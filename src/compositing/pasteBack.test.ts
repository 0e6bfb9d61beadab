import { describe, expect, it } from 'vitest';
import { createMask, type Mask } from '../mask';
import { pasteBack, pasteBackInPlace } from './pasteBack';
import { resizeImage } from './resize';
import { featheredRectMask, mapImage, pixel, solidImage, texturedImage, sameBytes } from './testImages';
import { createImage } from '../image/rgba';

const W = 64;
const H = 48;
const rect = { x: 8, y: 6, width: 40, height: 32 };

describe('pasteBack', () => {
  const original = texturedImage(W, H, 1);
  // A mask whose feather spills past the rect: outside the rect the original must still win.
  const mask = featheredRectMask(W, H, { x: 12, y: 10, width: 32, height: 24 }, 6);
  // An engine that tints and shifts everything and even changes alpha.
  const result = mapImage(texturedImage(rect.width, rect.height, 2), (v, c) => (c === 0 ? v + 40 : v - 20));
  for (let i = 3; i < result.data.length; i += 4) result.data[i] = 128;

  it('keeps every byte of the original where the mask is 0 and outside the rect', () => {
    const out = pasteBack(original, result, rect, mask);
    let changed = 0;
    let wrong = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const inRect = x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height;
        if (mask.data[y * W + x] !== 0 && inRect) changed++;
        else if (!sameBytes(pixel(out, x, y), pixel(original, x, y))) wrong++;
      }
    }
    expect(wrong).toBe(0);
    expect(changed).toBeGreaterThan(600);
    expect(mask.data[20 * W + rect.x - 1]).toBeGreaterThan(0); // the feather did spill past the rect
  });

  it('gives the result exactly where the mask is 255', () => {
    const out = pasteBack(original, result, rect, mask);
    let full = 0;
    for (let y = rect.y; y < rect.y + rect.height; y++) {
      for (let x = rect.x; x < rect.x + rect.width; x++) {
        if (mask.data[y * W + x] !== 255) continue;
        expect(pixel(out, x, y)).toEqual(pixel(result, x - rect.x, y - rect.y));
        full++;
      }
    }
    expect(full).toBeGreaterThan(100);
  });

  it('blends with exactly rounded integers, monotonically in the mask value', () => {
    // Pixel (m, v): mask m, result v, original 255 - v, in every channel.
    const size = 256;
    const orig = createImage(size, size);
    const res = createImage(size, size);
    const m: Mask = createMask(size, size);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const p = y * size + x;
        orig.data.fill(255 - y, p * 4, p * 4 + 4);
        res.data.fill(y, p * 4, p * 4 + 4);
        m.data[p] = x;
      }
    }
    const out = pasteBack(orig, res, { x: 0, y: 0, width: size, height: size }, m);
    let wrong = 0;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const want = Math.floor((x * y + (255 - x) * (255 - y) + 127) / 255);
        if (out.data[(y * size + x) * 4 + 1] !== want) wrong++;
      }
    }
    expect(wrong).toBe(0);
    // Black under white: the output follows the mask step for step.
    const bw = pasteBack(solidImage(256, 1, [0, 0, 0, 255]), solidImage(256, 1, [255, 255, 255, 255]),
      { x: 0, y: 0, width: 256, height: 1 }, { width: 256, height: 1, data: Uint8Array.from({ length: 256 }, (_, i) => i) });
    for (let x = 1; x < 256; x++) expect(bw.data[x * 4]).toBeGreaterThan(bw.data[(x - 1) * 4]);
  });

  it('blends monotonically across a feathered edge', () => {
    const out = pasteBack(solidImage(W, H, [0, 0, 0, 255]), solidImage(rect.width, rect.height, [255, 255, 255, 255]), rect, mask);
    const row = 23;
    let last = -1;
    for (let x = rect.x; x < 29; x++) {
      const v = out.data[(row * W + x) * 4];
      expect(v).toBe(mask.data[row * W + x]);
      expect(v).toBeGreaterThanOrEqual(last);
      last = v;
    }
    expect(last).toBe(255);
  });

  it('scales a result of another size into the rect', () => {
    const small = texturedImage(20, 16, 3);
    const out = pasteBack(original, small, rect, mask);
    const same = pasteBack(original, resizeImage(small, rect.width, rect.height), rect, mask);
    expect(sameBytes(out.data, same.data)).toBe(true);
    const flat = pasteBack(original, solidImage(10, 8, [9, 99, 199, 255]), rect, mask);
    expect(pixel(flat, 28, 22)).toEqual([9, 99, 199, 255]);
  });

  it('writes into `out` or in place with the same bytes, leaving the original alone otherwise', () => {
    const before = original.data.slice();
    const fresh = pasteBack(original, result, rect, mask);
    const out = createImage(W, H);
    expect(pasteBack(original, result, rect, mask, { out })).toBe(out);
    expect(sameBytes(out.data, fresh.data)).toBe(true);
    expect(sameBytes(original.data, before)).toBe(true);
    const copy = { ...original, data: original.data.slice() };
    expect(pasteBackInPlace(copy, result, rect, mask).data).toBe(copy.data);
    expect(sameBytes(copy.data, fresh.data)).toBe(true);
  });

  it('rejects a rect outside the image or a mask of another size', () => {
    expect(() => pasteBack(original, result, { ...rect, x: 30 }, mask)).toThrow(RangeError);
    expect(() => pasteBack(original, result, rect, createMask(W, H - 1))).toThrow(RangeError);
  });
});
