import { describe, expect, it } from 'vitest';
import { withExifOrientation, type ExifOrientation } from './exifOrientation';

/** A stand-in JPEG: SOI, a JFIF APP0, a start-of-scan with some data, EOI. */
const jfif = Uint8Array.from([
  0xff, 0xd8,
  0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  0xff, 0xda, 0x00, 0x02, 0x12, 0x34, 0x56,
  0xff, 0xd9,
]);

interface Segment {
  marker: number;
  body: Uint8Array;
}

/** Lists header segments up to SOS, independently of the writer. */
function segments(jpeg: Uint8Array): Segment[] {
  const found: Segment[] = [];
  let at = 2;
  while (jpeg[at] === 0xff && jpeg[at + 1] !== 0xda) {
    const length = (jpeg[at + 2] << 8) | jpeg[at + 3];
    found.push({ marker: jpeg[at + 1], body: jpeg.subarray(at + 4, at + 2 + length) });
    at += 2 + length;
  }
  return found;
}

/** Reads Orientation from an Exif APP1 body, honouring the TIFF byte order. */
function readOrientation(body: Uint8Array): number | null {
  if (new TextDecoder().decode(body.subarray(0, 6)) !== 'Exif\0\0') return null;
  const tiff = new DataView(body.buffer, body.byteOffset + 6, body.length - 6);
  const little = tiff.getUint16(0) === 0x4949;
  if (tiff.getUint16(2, little) !== 42) return null;
  const ifd = tiff.getUint32(4, little);
  const count = tiff.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (tiff.getUint16(entry, little) === 0x0112 && tiff.getUint16(entry + 2, little) === 3) {
      return tiff.getUint16(entry + 8, little);
    }
  }
  return null;
}

describe('withExifOrientation', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8] as ExifOrientation[])('writes orientation %i right after SOI', (orientation) => {
    const out = withExifOrientation(jfif, orientation);
    expect(Array.from(out.subarray(0, 4))).toEqual([0xff, 0xd8, 0xff, 0xe1]);
    const [exif, app0] = segments(out);
    expect(readOrientation(exif.body)).toBe(orientation);
    expect(app0.marker).toBe(0xe0);
    // Everything after the new segment is the original file, byte for byte.
    expect(Array.from(out.subarray(2 + 2 + exif.body.length + 2))).toEqual(Array.from(jfif.subarray(2)));
  });

  it('replaces an existing Exif segment instead of stacking a second one', () => {
    const once = withExifOrientation(jfif, 3);
    const twice = withExifOrientation(once, 6);
    const exifSegments = segments(twice).filter((s) => readOrientation(s.body) !== null);
    expect(exifSegments).toHaveLength(1);
    expect(readOrientation(exifSegments[0].body)).toBe(6);
    expect(twice.length).toBe(once.length);
  });

  it('refuses bytes that are not a JPEG', () => {
    expect(() => withExifOrientation(Uint8Array.from([0x89, 0x50]), 1)).toThrow(/JPEG/);
  });
});
