import { describe, expect, it } from 'vitest';
import { deflate, inflate } from './deflate';

describe('mask deflate', () => {
  it('round-trips a mask exactly and shrinks runs of equal values', async () => {
    const mask = new Uint8Array(1000 * 1000);
    for (let y = 300; y < 700; y++) mask.fill(255, y * 1000 + 200, y * 1000 + 800);
    mask[5] = 37;
    const packed = await deflate(mask);
    expect(packed.size).toBeLessThan(mask.length / 100);
    expect(await inflate(packed)).toEqual(mask);
  });
});
