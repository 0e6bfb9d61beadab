import { describe, expect, it } from 'vitest';
import { resizeImage } from './resize';
import { solidImage, texturedImage, sameBytes } from './testImages';
import { createImage } from '../image/rgba';

describe('resizeImage', () => {
  it('gives an exact copy at the same size', () => {
    const img = texturedImage(9, 7);
    const out = resizeImage(img, 9, 7);
    expect(sameBytes(out.data, img.data)).toBe(true);
    expect(out.data).not.toBe(img.data);
  });

  it('keeps a flat colour flat both ways', () => {
    const img = solidImage(30, 20, [12, 200, 77, 255]);
    for (const [w, h] of [[71, 45], [7, 3], [30, 5]]) {
      const out = resizeImage(img, w, h);
      for (let i = 0; i < out.data.length; i += 4) expect(Array.from(out.data.subarray(i, i + 4))).toEqual([12, 200, 77, 255]);
    }
  });

  it('averages whole blocks when halving', () => {
    const img = createImage(4, 2);
    [0, 10, 20, 30, 40, 50, 60, 70].forEach((v, p) => img.data.set([v, v, v, 255], p * 4));
    const out = resizeImage(img, 2, 1);
    expect(out.data[0]).toBe(25); // (0 + 10 + 40 + 50) / 4
    expect(out.data[4]).toBe(45); // (20 + 30 + 60 + 70) / 4
  });

  it('interpolates between pixel centres when doubling', () => {
    const img = createImage(2, 1);
    img.data.set([0, 0, 0, 255, 200, 200, 200, 255]);
    const out = resizeImage(img, 4, 1);
    expect([0, 1, 2, 3].map((p) => out.data[p * 4])).toEqual([0, 50, 150, 200]);
  });
});

describe('resizeImage enlarging (fixed point)', () => {
  it('stays within a level of exact bilinear interpolation', () => {
    const img = texturedImage(13, 9, 4);
    const [w, h] = [40, 23];
    const out = resizeImage(img, w, h);
    const at = (x: number, y: number, c: number) => img.data[(y * 13 + x) * 4 + c];
    const clampTo = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
    let worst = 0;
    for (let y = 0; y < h; y++) {
      const sy = clampTo((y + 0.5) * (9 / h) - 0.5, 9);
      const y0 = Math.floor(sy);
      const y1 = Math.min(8, y0 + 1);
      for (let x = 0; x < w; x++) {
        const sx = clampTo((x + 0.5) * (13 / w) - 0.5, 13);
        const x0 = Math.floor(sx);
        const x1 = Math.min(12, x0 + 1);
        for (let c = 0; c < 4; c++) {
          const top = at(x0, y0, c) + (at(x1, y0, c) - at(x0, y0, c)) * (sx - x0);
          const bottom = at(x0, y1, c) + (at(x1, y1, c) - at(x0, y1, c)) * (sx - x0);
          const exact = top + (bottom - top) * (sy - y0);
          worst = Math.max(worst, Math.abs(out.data[(y * w + x) * 4 + c] - exact));
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });
});
