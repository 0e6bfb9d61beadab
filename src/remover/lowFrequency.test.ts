import { describe, expect, it } from 'vitest';
import { CHANNELS, type Level } from './level';
import { correctLowFrequencies } from './lowFrequency';

/**
 * A flat grey (100) 64x64 level with a 32x32 hole filled too bright (160) and with a
 * fine texture on top: +-20 in alternating columns.
 */
function tooBright(): Level {
  const width = 64, height = 64;
  const pixels = new Float32Array(width * height * CHANNELS);
  const hole = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      hole[i] = x >= 16 && x < 48 && y >= 16 && y < 48 ? 1 : 0;
      const v = hole[i] ? 160 + (x % 2 ? 20 : -20) : 100;
      pixels.set([v, v, v, 255, 0, 0], i * CHANNELS);
    }
  }
  return { width, height, pixels, hole };
}

const at = (level: Level, x: number, y: number) => level.pixels[(y * level.width + x) * CHANNELS];

describe('correctLowFrequencies', () => {
  it('pulls the broad colour towards the smooth fill and keeps the texture', () => {
    const level = tooBright();
    correctLowFrequencies(level, { strength: 1, sigma: 2, factor: 2 });
    // Deep inside: the mean of two neighbours is back near 100, their difference still 40.
    for (const [x, y] of [[30, 30], [24, 36], [36, 22]]) {
      const mean = (at(level, x, y) + at(level, x + 1, y)) / 2;
      expect(Math.abs(mean - 100)).toBeLessThan(3);
      expect(Math.abs(Math.abs(at(level, x, y) - at(level, x + 1, y)) - 40)).toBeLessThan(3);
    }
  });

  it('moves it by the strength asked for', () => {
    const level = tooBright();
    correctLowFrequencies(level, { strength: 0.5, sigma: 2, factor: 4 });
    const mean = (at(level, 31, 31) + at(level, 32, 31)) / 2;
    expect(Math.abs(mean - 130)).toBeLessThan(3);
  });

  it('moves a colour no further than the limit', () => {
    const level = tooBright();
    correctLowFrequencies(level, { strength: 1, sigma: 2, factor: 2, limit: 16 });
    for (const [x, y] of [[30, 30], [24, 36], [36, 22]]) {
      const mean = (at(level, x, y) + at(level, x + 1, y)) / 2;
      // Grey: the same change on R, G and B, so 16 / sqrt(3) each.
      expect(Math.abs(mean - (160 - 16 / Math.sqrt(3)))).toBeLessThan(0.5);
    }
  });

  it('changes nothing outside the hole, nor alpha and the texture features', () => {
    const level = tooBright();
    const before = level.pixels.slice();
    correctLowFrequencies(level, { strength: 1, sigma: 8, factor: 4 });
    for (let i = 0; i < level.hole.length; i++) {
      for (let c = 0; c < CHANNELS; c++) {
        if (level.hole[i] && c < 3) continue;
        expect(level.pixels[i * CHANNELS + c]).toBe(before[i * CHANNELS + c]);
      }
    }
  });

  it('does nothing at strength 0, without a hole, or with nothing known', () => {
    const level = tooBright();
    const before = level.pixels.slice();
    correctLowFrequencies(level, { strength: 0, sigma: 8, factor: 4 });
    expect(level.pixels).toEqual(before);
    correctLowFrequencies({ ...level, hole: new Uint8Array(level.hole.length) }, { strength: 1, sigma: 8, factor: 4 });
    expect(level.pixels).toEqual(before);
    correctLowFrequencies({ ...level, hole: new Uint8Array(level.hole.length).fill(1) }, { strength: 1, sigma: 8, factor: 4 });
    expect(level.pixels).toEqual(before);
  });
});
