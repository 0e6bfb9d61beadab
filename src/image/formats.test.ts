import { describe, expect, it } from 'vitest';
import { MAX_SIDE, SUPPORTED_FORMATS, fitWithin, formatFromName, isSupportedFormat, sniffImageFormat } from './formats';

const text = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

/** An ISO-BMFF 'ftyp' box: size, 'ftyp', major brand, minor version, compatible brands. */
function ftyp(major: string, compatible: string[]): Uint8Array {
  const size = 16 + 4 * compatible.length;
  return concat([0, 0, 0, size], text('ftyp'), text(major), [0, 0, 0, 0], text(compatible.join('')));
}

describe('sniffImageFormat', () => {
  it.each([
    ['jpeg', [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...text('JFIF\0')]],
    ['jpeg', [0xff, 0xd8, 0xff, 0xe1, 0x00, 0x22, ...text('Exif\0\0')]],
    ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...text('IHDR')]],
    ['gif', [...text('GIF87a'), 1, 0, 1, 0]],
    ['gif', [...text('GIF89a'), 1, 0, 1, 0]],
    ['webp', [...text('RIFF'), 0x24, 0, 0, 0, ...text('WEBPVP8 ')]],
    ['avif', [...ftyp('avif', ['mif1', 'miaf'])]],
    ['avif', [...ftyp('avis', ['avif', 'msf1'])]],
    ['avif', [...ftyp('mif1', ['avif', 'miaf'])]],
    ['heic', [...ftyp('heic', ['mif1', 'heic'])]],
    ['heic', [...ftyp('heix', ['mif1'])]],
    ['heic', [...ftyp('mif1', ['heic'])]],
    ['bmp', [...text('BM'), 0x36, 0, 0, 0]],
    ['tiff', [...text('II*\0'), 8, 0, 0, 0]],
    ['tiff', [...text('MM\0*'), 0, 0, 0, 8]],
    ['svg', [...text('<svg xmlns="http://www.w3.org/2000/svg">')]],
    ['svg', [...text('\uFEFF  <?xml version="1.0"?><svg/>')]],
  ] as const)('recognises %s', (format, bytes) => {
    expect(sniffImageFormat(Uint8Array.from(bytes))).toBe(format);
  });

  it('returns null for text, empty and too-short input', () => {
    expect(sniffImageFormat(text('Shopping list: eggs, milk'))).toBeNull();
    expect(sniffImageFormat(new Uint8Array())).toBeNull();
    expect(sniffImageFormat(Uint8Array.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImageFormat(text('RIFF\0\0\0\0WAVE'))).toBeNull();
  });

  it('returns null for ISO-BMFF video brands', () => {
    expect(sniffImageFormat(ftyp('isom', ['iso2', 'mp41']))).toBeNull();
  });
});

describe('supported formats', () => {
  it('accepts only what browsers decode for editing', () => {
    expect([...SUPPORTED_FORMATS].sort()).toEqual(['avif', 'gif', 'jpeg', 'png', 'webp']);
    expect(isSupportedFormat('heic')).toBe(false);
    expect(isSupportedFormat(null)).toBe(false);
    expect(isSupportedFormat('webp')).toBe(true);
    expect(MAX_SIDE).toBe(8192);
  });
});

describe('fitWithin', () => {
  it('scales a landscape image to the long side', () => {
    expect(fitWithin(12000, 9000, 8192)).toEqual({ width: 8192, height: 6144 });
  });

  it('scales a portrait image to the long side', () => {
    expect(fitWithin(3000, 10000, 8192)).toEqual({ width: 2458, height: 8192 });
  });

  it('leaves an image that already fits alone', () => {
    expect(fitWithin(640, 480, 8192)).toEqual({ width: 640, height: 480 });
    expect(fitWithin(8192, 8192, 8192)).toEqual({ width: 8192, height: 8192 });
  });

  it('never rounds a side to 0', () => {
    expect(fitWithin(100000, 1, 8192)).toEqual({ width: 8192, height: 1 });
    expect(fitWithin(1, 100000, 8192)).toEqual({ width: 1, height: 8192 });
  });
});

describe('formatFromName', () => {
  it('reads the extension, in any case, and nothing else', () => {
    expect(formatFromName('IMG_0001.JPG')).toBe('jpeg');
    expect(formatFromName('photo.final.png')).toBe('png');
    expect(formatFromName('scan.tif')).toBe('tiff');
    expect(formatFromName('Pasted image')).toBeNull();
    expect(formatFromName('notes.txt')).toBeNull();
  });
});
