import { describe, expect, it } from 'vitest';
import { colourMatch, measureColourShift } from './colourMatch';
import { colourTables } from './colourTransform';
import { compositeResult } from './composite';
import { pasteBack } from './pasteBack';
import { maskRing } from './ring';
import { featheredRectMask, mapImage, sameBytes, seededRandom, texturedImage } from './testImages';
import { cropImage } from './cropToMask';

const W = 96;
const H = 80;
const rect = { x: 8, y: 8, width: 80, height: 64 };
const original = texturedImage(W, H, 11);
const mask = featheredRectMask(W, H, { x: 32, y: 28, width: 32, height: 24 }, 4);
// What the engine was meant to reproduce: the original under the crop.
const truth = cropImage(original, rect);
// An engine that adds a red tint and more contrast over all of its output.
const shift = (v: number, c: number) => (v - 110) * 1.25 + 110 + (c === 0 ? 30 : 0);

/** Mean absolute difference from the original over the ring, after the table is applied. */
function ringError(result: typeof truth, table: Uint8Array): number {
  const { pixels, count } = maskRing(mask, rect, 16);
  let sum = 0;
  for (const p of pixels.subarray(0, count)) {
    const x = p % W;
    const y = (p - x) / W;
    const r = ((y - rect.y) * rect.width + x - rect.x) * 4;
    for (let c = 0; c < 3; c++) sum += Math.abs(table[c * 256 + result.data[r + c]] - original.data[p * 4 + c]);
  }
  return sum / (count * 3);
}

describe('maskRing', () => {
  /** The slow definition: keep pixels in the rect with a masked pixel of the rect within R (a square). */
  function slowRing(m: typeof mask, r: typeof rect, R: number): number[] {
    const inRect = (x: number, y: number) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
    const want: number[] = [];
    for (let y = r.y; y < r.y + r.height; y++) {
      for (let x = r.x; x < r.x + r.width; x++) {
        if (m.data[y * m.width + x] !== 0) continue;
        let near = false;
        for (let dy = -R; dy <= R && !near; dy++) {
          for (let dx = -R; dx <= R && !near; dx++) near = inRect(x + dx, y + dy) && m.data[(y + dy) * m.width + x + dx] > 0;
        }
        if (near) want.push(y * m.width + x);
      }
    }
    return want;
  }

  const rnd = seededRandom(5);
  const speckled = { width: 37, height: 29, data: Uint8Array.from({ length: 37 * 29 }, () => (rnd() < 0.03 ? 1 + Math.floor(rnd() * 255) : 0)) };

  it('lists the keep pixels within the ring width of the mask, inside the rect only', () => {
    for (const [m, r, R] of [
      [mask, rect, 6],
      [mask, { x: 35, y: 30, width: 37, height: 29 }, 5], // the mask crosses the rect's edges
      [featheredRectMask(W, H, { x: 1, y: 2, width: 7, height: 5 }, 0), { x: 0, y: 0, width: W, height: H }, 3],
      [speckled, { x: 2, y: 1, width: 33, height: 26 }, 2], // odd width: rows start off word boundaries
    ] as const) {
      const { pixels, count } = maskRing(m, r, R);
      expect(Array.from(pixels.subarray(0, count))).toEqual(slowRing(m, r, R));
    }
  });
});

describe('colourMatch', () => {
  it('undoes a red tint and a contrast change so the ring matches within a few levels', () => {
    const result = mapImage(truth, shift);
    expect(ringError(result, colourTables(null))).toBeGreaterThan(15);
    const t = measureColourShift(result, original, mask, rect)!;
    expect(t.gain[0]).toBeCloseTo(0.8, 1);
    expect(t.offset[0]).toBeLessThan(0);
    expect(ringError(result, colourTables(t))).toBeLessThan(3);

    // Inside the mask the corrected result is back near the original too.
    const fixed = colourMatch(result, original, mask, rect);
    let sum = 0;
    let n = 0;
    for (let y = 0; y < rect.height; y++) {
      for (let x = 0; x < rect.width; x++) {
        if (mask.data[(y + rect.y) * W + x + rect.x] !== 255) continue;
        for (let c = 0; c < 3; c++) sum += Math.abs(fixed.data[(y * rect.width + x) * 4 + c] - truth.data[(y * rect.width + x) * 4 + c]);
        n += 3;
      }
    }
    expect(sum / n).toBeLessThan(3);
    expect(sameBytes(result.data, mapImage(truth, shift).data)).toBe(true); // a copy unless inPlace
  });

  it('leaves an already matching result unchanged', () => {
    const t = measureColourShift(truth, original, mask, rect)!;
    for (let c = 0; c < 3; c++) {
      expect(t.gain[c]).toBeCloseTo(1, 9);
      expect(t.offset[c]).toBeCloseTo(0, 9);
    }
    expect(sameBytes(colourMatch(truth, original, mask, rect).data, truth.data)).toBe(true);
  });

  it('changes only masked pixels, and nothing when there is no ring to compare', () => {
    const result = mapImage(truth, shift);
    const fixed = colourMatch(result, original, mask, rect, { inPlace: true });
    expect(fixed).toBe(result);
    const full = featheredRectMask(W, H, rect, 0); // the mask fills the rect: no keep pixels in it
    expect(measureColourShift(result, original, full, rect)).toBeNull();
    const again = colourMatch(result, original, full, rect);
    expect(sameBytes(again.data, result.data)).toBe(true);
  });

  it('gives the same picture fused into paste-back as applied first', () => {
    const result = mapImage(truth, shift);
    const fused = compositeResult(original, result, rect, mask);
    const apart = pasteBack(original, colourMatch(result, original, mask, rect), rect, mask);
    expect(sameBytes(fused.data, apart.data)).toBe(true);
    const plain = compositeResult(original, result, rect, mask, { colourMatch: false });
    expect(sameBytes(plain.data, pasteBack(original, result, rect, mask).data)).toBe(true);
  });
});
