import { describe, expect, it } from 'vitest';
import { rgbPlanes, type RgbaImage } from './rgba';

/** 3x1: red, green, blue-ish pixels with alpha that must not leak into the planes. */
const image: RgbaImage = { width: 3, height: 1, data: Uint8ClampedArray.of(255, 0, 10, 7, 1, 128, 2, 9, 20, 30, 255, 0) };

describe('rgbPlanes', () => {
  it('splits the pixels into red, green and blue planes, alpha left out', () => {
    expect(Array.from(rgbPlanes(image, new Uint8Array(9)))).toEqual([255, 1, 20, 0, 128, 30, 10, 2, 255]);
  });

  it('maps each byte through the table', () => {
    const half = Float32Array.from({ length: 256 }, (_, v) => v / 2);
    expect(Array.from(rgbPlanes(image, new Float32Array(9), half))).toEqual([127.5, 0.5, 10, 0, 64, 15, 5, 1, 127.5]);
  });

  it('reads a picture whose bytes do not start on a 4-byte boundary', () => {
    const shifted = new Uint8ClampedArray(13);
    shifted.set(image.data, 1);
    expect(Array.from(rgbPlanes({ ...image, data: shifted.subarray(1) }, new Uint8Array(9)))).toEqual([255, 1, 20, 0, 128, 30, 10, 2, 255]);
  });

  it('refuses an array too small for three planes', () => {
    expect(() => rgbPlanes(image, new Uint8Array(8))).toThrow(RangeError);
  });
});
