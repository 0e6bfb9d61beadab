/**
 * Writes an EXIF orientation tag into a JPEG. The app never needs this (browsers apply
 * EXIF orientation themselves); tests use it to make rotated photos from plain JPEGs.
 */

export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const EXIF_ID = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"

/** A minimal APP1 segment: little-endian TIFF header and IFD0 with one Orientation entry. */
function orientationSegment(orientation: ExifOrientation): Uint8Array {
  const tiff = [
    0x49, 0x49, 0x2a, 0x00, // "II*\0": little-endian TIFF
    0x08, 0x00, 0x00, 0x00, // IFD0 starts right after this header
    0x01, 0x00, // one entry
    0x12, 0x01, // tag 0x0112 Orientation
    0x03, 0x00, // type SHORT
    0x01, 0x00, 0x00, 0x00, // count 1
    orientation, 0x00, 0x00, 0x00, // value, padded to 4 bytes
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ];
  const length = 2 + EXIF_ID.length + tiff.length; // the length field counts itself
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...EXIF_ID, ...tiff]);
}

function isExifSegment(jpeg: Uint8Array, at: number): boolean {
  return jpeg[at + 1] === 0xe1 && EXIF_ID.every((b, i) => jpeg[at + 4 + i] === b);
}

/**
 * Returns a copy of the JPEG with an Orientation tag placed right after SOI. Existing
 * Exif segments are dropped so that the new tag is the only one a decoder can see.
 */
export function withExifOrientation(jpeg: Uint8Array, orientation: ExifOrientation): Uint8Array {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('Not a JPEG: missing SOI marker');
  if (!Number.isInteger(orientation) || orientation < 1 || orientation > 8) {
    throw new Error(`EXIF orientation must be 1..8, got ${orientation}`);
  }
  const kept: Uint8Array[] = [];
  let at = 2;
  // Walk the header segments up to the image data (SOS), skipping old Exif blocks.
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff && jpeg[at + 1] !== 0xda) {
    const end = at + 2 + ((jpeg[at + 2] << 8) | jpeg[at + 3]);
    if (!isExifSegment(jpeg, at)) kept.push(jpeg.subarray(at, end));
    at = end;
  }
  kept.push(jpeg.subarray(at));
  const parts = [jpeg.subarray(0, 2), orientationSegment(orientation), ...kept];
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
