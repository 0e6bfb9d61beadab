/** Image formats we can recognise from a file's first bytes. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'heic' | 'bmp' | 'tiff' | 'svg';

/** Formats the editor opens; the rest are recognised only to name them in a message. */
export const SUPPORTED_FORMATS: readonly ImageFormat[] = ['jpeg', 'png', 'webp', 'gif', 'avif'];

/** Longest side edited at full resolution; beyond this memory and GPU limits bite. */
export const MAX_SIDE = 8192;

/** Beyond this many pixels even a downscaled open would have to decode gigabytes first: refused outright. */
export const MAX_DECODE_PIXELS = 250_000_000;

const extensions: Record<string, ImageFormat> = {
  jpg: 'jpeg', jpeg: 'jpeg', jpe: 'jpeg', jfif: 'jpeg', png: 'png', webp: 'webp', gif: 'gif', avif: 'avif',
  heic: 'heic', heif: 'heic', bmp: 'bmp', tif: 'tiff', tiff: 'tiff', svg: 'svg',
};

/** The format a file's name says it is, or null when the name has no image extension. */
export function formatFromName(name: string): ImageFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return extension ? (extensions[extension] ?? null) : null;
}

/** The format's name for people: "JPEG", "PNG", "WebP". */
export function formatLabel(format: ImageFormat): string {
  return format === 'webp' ? 'WebP' : format.toUpperCase();
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, expected: readonly number[], at = 0): boolean {
  if (bytes.length < at + expected.length) return false;
  return expected.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/** Reads the ISO-BMFF 'ftyp' box (HEIF family) and classifies it by its brands. */
function sniffIsoBmff(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length < 12 || ascii(bytes, 4, 4) !== 'ftyp') return null;
  const boxSize = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  // Brands: major at 8, minor version at 12, compatible brands from 16 to the box end.
  const end = Math.min(boxSize >= 16 ? boxSize : 16, bytes.length);
  const brands = [ascii(bytes, 8, 4)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, 4));
  if (brands.includes('avif') || brands.includes('avis')) return 'avif';
  const heicBrands = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx'];
  if (brands.some((b) => heicBrands.includes(b))) return 'heic';
  // A bare 'mif1'/'msf1' without avif brands is a HEIF still image; browsers treat it like HEIC.
  if (brands.includes('mif1') || brands.includes('msf1')) return 'heic';
  return null;
}

/** SVG is text: skip a BOM and whitespace, then look for an XML or svg opening tag. */
function sniffSvg(bytes: Uint8Array): boolean {
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return text.startsWith('<svg') || text.startsWith('<?xml');
}

/** Identifies an image format from magic bytes, ignoring the (often wrong) file name and MIME type. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return 'gif';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  const isoFormat = sniffIsoBmff(bytes);
  if (isoFormat) return isoFormat;
  if (startsWith(bytes, [0x42, 0x4d])) return 'bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (sniffSvg(bytes)) return 'svg';
  return null;
}

export function isSupportedFormat(format: ImageFormat | null): format is ImageFormat {
  return format !== null && SUPPORTED_FORMATS.includes(format);
}

/** Scales a size down so its long side is at most maxSide, keeping aspect ratio; never returns 0. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const longSide = Math.max(width, height);
  if (longSide <= maxSide) return { width, height };
  const scale = maxSide / longSide;
  return {
    width: Math.max(1, Math.min(maxSide, Math.round(width * scale))),
    height: Math.max(1, Math.min(maxSide, Math.round(height * scale))),
  };
}
