import { describe, expect, it } from 'vitest';
import { maskFromRgba, maskToGreyRgba, paintOverlay } from './convert';

describe('maskFromRgba', () => {
  it('takes Rec. 601 luminance times alpha', () => {
    const rgba = Uint8ClampedArray.from([
      255, 255, 255, 255, // white: repaint
      0, 0, 0, 255, // black: keep
      255, 255, 255, 0, // transparent white: keep
      255, 0, 0, 255, // red: 0.299
      0, 255, 0, 255, // green: 0.587
      0, 0, 255, 255, // blue: 0.114
      200, 200, 200, 128, // grey at half alpha
    ]);
    expect([...maskFromRgba(rgba, 7, 1)]).toEqual([255, 0, 0, 76, 150, 29, 100]);
  });

  it('accepts a Uint8Array and refuses a short one', () => {
    expect([...maskFromRgba(new Uint8Array([128, 128, 128, 255]), 1, 1)]).toEqual([128]);
    expect(() => maskFromRgba(new Uint8Array(7), 2, 1)).toThrow(RangeError);
  });
});

describe('maskToGreyRgba', () => {
  it('writes opaque grey pixels', () => {
    expect([...maskToGreyRgba(Uint8Array.from([0, 128, 255]))]).toEqual([
      0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255,
    ]);
  });
});

describe('paintOverlay', () => {
  it('writes the colour with alpha = mask value, in ImageData byte order', () => {
    const mask = Uint8Array.from([
      1, 2, 3, 4,
      5, 6, 7, 8,
      9, 10, 11, 12,
    ]);
    const out = new Uint32Array(4);
    paintOverlay(mask, 4, { x: 1, y: 1, width: 2, height: 2 }, { r: 255, g: 59, b: 107 }, out);
    const bytes = [...new Uint8Array(out.buffer)];
    expect(bytes).toEqual([255, 59, 107, 6, 255, 59, 107, 7, 255, 59, 107, 10, 255, 59, 107, 11]);
  });

  it('handles full alpha and refuses a short buffer', () => {
    const out = new Uint32Array(1);
    paintOverlay(Uint8Array.from([255]), 1, { x: 0, y: 0, width: 1, height: 1 }, { r: 1, g: 2, b: 3 }, out);
    expect([...new Uint8Array(out.buffer)]).toEqual([1, 2, 3, 255]);
    expect(() => paintOverlay(new Uint8Array(4), 2, { x: 0, y: 0, width: 2, height: 2 }, { r: 0, g: 0, b: 0 }, out)).toThrow(
      RangeError,
    );
  });
});
