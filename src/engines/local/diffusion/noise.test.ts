import { describe, expect, it } from 'vitest';
import { fmix32, gaussian, uniform } from './noise';

function moments(values: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += (values[i] - mean) ** 2;
  return { mean, variance: sq / values.length };
}

describe('seeded noise', () => {
  it('the same seed and stream give identical values', () => {
    const a = gaussian(1234, 4096);
    const b = gaussian(1234, 4096);
    expect(new Uint8Array(a.buffer)).toEqual(new Uint8Array(b.buffer));
  });

  it('another seed or another stream gives other values', () => {
    const a = gaussian(1234, 64);
    const b = gaussian(1235, 64);
    const c = gaussian(1234, 64, 1);
    const same = (x: Float32Array, y: Float32Array) => x.filter((v, i) => v === y[i]).length;
    expect(same(a, b)).toBe(0);
    expect(same(a, c)).toBe(0);
  });

  it('a longer request starts with the values of a shorter one (odd counts too)', () => {
    const long = gaussian(7, 101);
    expect(Array.from(gaussian(7, 33))).toEqual(Array.from(long.subarray(0, 33)));
  });

  it('standard normal: mean ~0, variance ~1, symmetric tails', () => {
    const values = gaussian(42, 200_000);
    const { mean, variance } = moments(values);
    // Standard errors: mean 1/sqrt(n) ~ 0.0022, variance sqrt(2/n) ~ 0.0032; bounds are 5 of them.
    expect(Math.abs(mean)).toBeLessThan(0.012);
    expect(Math.abs(variance - 1)).toBeLessThan(0.016);
    const beyond2 = values.filter((v) => Math.abs(v) > 2).length / values.length;
    expect(beyond2).toBeGreaterThan(0.0435); // P(|z| > 2) = 0.0455
    expect(beyond2).toBeLessThan(0.0475);
    expect(values.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('several seeds all give unit variance (no bad seeds such as 0 or 2^32-1)', () => {
    for (const seed of [0, 1, 2, 0xffffffff, 0x80000000]) {
      const { mean, variance } = moments(gaussian(seed, 20_000));
      expect(Math.abs(mean)).toBeLessThan(0.04);
      expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    }
  });

  it('uniform values lie in [0, 1) with mean ~1/2', () => {
    const u = uniform(9, 100_000);
    expect(u.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(Math.abs(moments(u).mean - 0.5)).toBeLessThan(0.005);
  });

  it('values do not change between versions (pinned: regenerate only on purpose)', () => {
    // Pinned from this implementation when it was written, so a change to the generator shows up
    // as a failing test (saved seeds would give other pictures).
    expect(Array.from(gaussian(0, 4)).map((v) => v.toFixed(6))).toEqual(PINNED_SEED0);
  });

  it('fmix32 is MurmurHash3 fmix32', () => {
    // Expected values from a separate Python transcription of MurmurHash3's fmix32 (smhasher MurmurHash3.cpp).
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
    expect(fmix32(0x12345678)).toBe(0xe37cd1bc);
  });

  it('rejects seeds outside 0..2^32-1 and bad counts', () => {
    expect(() => gaussian(-1, 4)).toThrow(RangeError);
    expect(() => gaussian(2 ** 32, 4)).toThrow(RangeError);
    expect(() => gaussian(1.5, 4)).toThrow(RangeError);
    expect(() => gaussian(1, -1)).toThrow(RangeError);
    expect(gaussian(1, 0).length).toBe(0);
  });
});

const PINNED_SEED0 = ['-0.409468', '-1.337094', '1.750301', '0.183633'];
