import { describe, expect, it } from 'vitest';
import { Scratch } from './scratch';

describe('Scratch', () => {
  it('gives the same buffer back for the same name, type and length, and a new one otherwise', () => {
    const scratch = new Scratch();
    const image = scratch.float32('image', 12);
    image[0] = 7;
    expect(scratch.float32('image', 12)).toBe(image);
    expect(scratch.float32('image', 12)[0]).toBe(7);
    expect(scratch.uint8('image', 12)).toBeInstanceOf(Uint8Array);
    expect(scratch.float32('mask', 12)).not.toBe(image);
    const bigger = scratch.float32('image', 24);
    expect(bigger).not.toBe(image);
    expect(scratch.float32('image', 24)).toBe(bigger);
    scratch.clear();
    expect(scratch.float32('image', 24)).not.toBe(bigger);
  });
});
