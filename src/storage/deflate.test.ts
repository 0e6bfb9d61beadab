import { describe, expect, it } from 'vitest';
import { deflate, inflate } from './deflate';

describe('mask deflate', () => {
  it('round-trips a mask exactly and shrinks runs of equal values', async () => {
    const mask = new Uint8Array(400 * 400);
    for (let y = 120; y < 280; y++) mask.fill(255, y * 400 + 80, y * 400 + 320);
    mask[5] = 37;
    const packed = await deflate(mask);
    expect(packed.size).toBeLessThan(mask.length / 100);
    expect(await inflate(packed)).toEqual(mask);
  });
});
