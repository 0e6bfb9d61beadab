import { describe, expect, it } from 'vitest';
import { NOISE, SOLID, subjectToMask, subtractMask } from './subjectMask';

/** A side x side alpha with a solid square subject from `from` to `to` (exclusive) on both axes. */
function squareAlpha(side: number, from: number, to: number): Uint8Array {
  const alpha = new Uint8Array(side * side);
  for (let y = from; y < to; y++) alpha.fill(255, y * side + from, y * side + to);
  return alpha;
}

describe('subjectToMask', () => {
  it('keeps the subject, drops the speckle under NOISE, makes SOLID and above 255 and stretches the edge between', () => {
    const alpha = Uint8Array.from([0, 20, NOISE, NOISE + 1, 128, SOLID - 1, SOLID, 255]);
    const mask = subjectToMask(alpha, alpha.length, 1, { background: false });
    expect(Array.from(mask)).toEqual([0, 0, 0, 1, 128, 254, 255, 255]);
  });

  it('with no grow and no feather, the background is the exact inverse of the subject', () => {
    const alpha = Uint8Array.from([0, 20, 128, 255, 230, 90]);
    const subject = subjectToMask(alpha, 3, 2, { background: false });
    const background = subjectToMask(alpha, 3, 2, { background: true, growPx: 0, featherPx: 0 });
    expect(Array.from(background)).toEqual(Array.from(subject, (v) => 255 - v));
    expect(Array.from(background)).toEqual([255, 255, 127, 0, 0, 178]);
  });

  it('grows the background into the subject by growPx, exactly', () => {
    const alpha = Uint8Array.from([0, 0, 0, 0, 255, 255, 255, 255, 255, 255]);
    const mask = subjectToMask(alpha, 10, 1, { background: true, growPx: 2, featherPx: 0 });
    expect(Array.from(mask)).toEqual([255, 255, 255, 255, 255, 255, 0, 0, 0, 0]);
  });

  it('by default grows the background 4 px into the subject and feathers it there; the background stays 255, the subject beyond stays 0', () => {
    const side = 60;
    const mask = subjectToMask(squareAlpha(side, 10, 50), side, side, { background: true });
    const row = Array.from(mask.subarray(30 * side, 31 * side));
    expect(row.slice(0, 10).every((v) => v === 255)).toBe(true);
    expect(row.slice(50).every((v) => v === 255)).toBe(true);
    // Into the subject from its left edge (x = 10): high over the halo, half way across the grown edge (13 | 14), none past the band.
    expect(row[10]).toBeGreaterThan(240);
    expect(row[13]).toBeGreaterThan(128);
    expect(row[14]).toBeLessThan(128);
    expect(row[14]).toBeGreaterThan(64);
    expect(row[18]).toBe(0);
    for (let x = 10; x < 30; x++) expect(row[x + 1]).toBeLessThanOrEqual(row[x]);
    // The centre of the subject is kept exactly.
    expect(mask[30 * side + 30]).toBe(0);
  });

  it('grows and feathers the subject only when asked', () => {
    const side = 20;
    const alpha = squareAlpha(side, 5, 15);
    expect(Array.from(subjectToMask(alpha, side, side, { background: false }))).toEqual(Array.from(alpha));
    const grown = subjectToMask(alpha, side, side, { background: false, growPx: 2 });
    expect(grown[10 * side + 3]).toBe(255);
    expect(grown[10 * side + 2]).toBe(0);
  });

  it('refuses alpha of the wrong length', () => {
    expect(() => subjectToMask(new Uint8Array(5), 2, 2, { background: false })).toThrow(RangeError);
  });
});

describe('subtractMask', () => {
  it('lowers each value to at most 255 - remove, as the eraser does, and adds nothing', () => {
    const mask = Uint8Array.from([255, 200, 100, 0, 255]);
    subtractMask(mask, Uint8Array.from([255, 128, 0, 255, 0]));
    expect(Array.from(mask)).toEqual([0, 127, 100, 0, 255]);
  });
});
