/** Browser glue: turns a picked, dropped or pasted file into an editable bitmap, or a problem. */
import type { ImageProblem } from '../image/errors';
import { MAX_DECODE_PIXELS, MAX_SIDE, fitWithin, formatFromName, isSupportedFormat, sniffImageFormat, type ImageFormat } from '../image/formats';
import { HEADER_BYTES, readHeaderSize } from '../image/imageSize';

export { imageFilesFrom } from '../image/droppedFiles';

export interface LoadedImage {
  /** What to persist: the original file, or the PNG re-encode when it was downscaled. */
  blob: Blob;
  name: string;
  width: number;
  height: number;
  /** Oriented per EXIF, at the size being edited. */
  bitmap: ImageBitmap;
}

export type LoadImageResult =
  | { ok: true; image: LoadedImage; format?: ImageFormat; nameSays?: ImageFormat | null }
  | { ok: false; problem: ImageProblem };

// Keep pixels exactly as stored: edits and masks must line up with the saved file.
const DECODE_OPTIONS: ImageBitmapOptions = {
  imageOrientation: 'from-image',
  premultiplyAlpha: 'none',
  colorSpaceConversion: 'none',
};

function fileName(file: File | Blob): string {
  return file instanceof File && file.name ? file.name : 'Pasted image';
}

/**
 * Reads the oriented size from the header only: an unattached <img> loads metadata without
 * decoding pixels, so a giant image can be refused before it costs hundreds of MB.
 * Chromium's naturalWidth/Height already honour EXIF orientation.
 */
function readOrientedSize(blob: Blob): Promise<{ width: number; height: number } | null> {
  const url = URL.createObjectURL(blob);
  const img = new Image();
  return new Promise<{ width: number; height: number } | null>((resolve) => {
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => resolve(null);
    img.src = url;
  }).finally(() => URL.revokeObjectURL(url));
}

/** Full decode; null when the browser can't decode it (or yields an empty bitmap). */
async function decode(blob: Blob, resizeTo?: { width: number; height: number }): Promise<ImageBitmap | null> {
  const options: ImageBitmapOptions = resizeTo
    ? { ...DECODE_OPTIONS, resizeWidth: resizeTo.width, resizeHeight: resizeTo.height, resizeQuality: 'high' }
    : DECODE_OPTIONS;
  try {
    const bitmap = await createImageBitmap(blob, options);
    if (bitmap.width > 0 && bitmap.height > 0) return bitmap;
    bitmap.close();
    return null;
  } catch {
    return null;
  }
}

/** Re-encodes a downscaled bitmap losslessly so the persisted file matches what is edited. */
async function encodePng(bitmap: ImageBitmap): Promise<Blob> {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2D canvas unavailable');
  context.drawImage(bitmap, 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}

/**
 * Checks and decodes a user's file. Never throws for a bad file: every failure comes back
 * as a problem so the caller can keep the current work and show describeImageProblem().
 */
export async function loadImageFile(
  file: File | Blob,
  name: string = fileName(file),
  options: { downscale?: boolean } = {},
): Promise<LoadImageResult> {
  if (file.size === 0) return { ok: false, problem: { kind: 'empty' } };

  const head = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  // The bytes decide the format, never the name.
  const format = sniffImageFormat(head);
  if (!isSupportedFormat(format)) return { ok: false, problem: { kind: 'unsupported', format, name } };

  // What the header claims, before any decoder sees it: a 100 KB file may claim 30000 x 30000.
  const claimed = readHeaderSize(head, format);
  if (claimed && Math.max(claimed.width, claimed.height) > MAX_SIDE) {
    const decodable = claimed.width * claimed.height <= MAX_DECODE_PIXELS;
    if (!options.downscale || !decodable) return { ok: false, problem: { kind: 'too-large', ...claimed, name, decodable } };
  }

  const size = await readOrientedSize(file);
  if (!size || size.width === 0 || size.height === 0) return { ok: false, problem: { kind: 'corrupt', name } };

  const tooLarge = Math.max(size.width, size.height) > MAX_SIDE;
  if (tooLarge && !options.downscale) {
    return { ok: false, problem: { kind: 'too-large', width: size.width, height: size.height, name, decodable: size.width * size.height <= MAX_DECODE_PIXELS } };
  }

  const target = tooLarge ? fitWithin(size.width, size.height, MAX_SIDE) : undefined;
  const bitmap = await decode(file, target);
  if (!bitmap) return { ok: false, problem: { kind: 'corrupt', name } };

  const blob = target ? await encodePng(bitmap) : file;
  return { ok: true, image: { blob, name, width: bitmap.width, height: bitmap.height, bitmap }, format, nameSays: formatFromName(name) };
}

/**
 * Reloads a persisted image (already checked when it was first loaded). A size that no
 * longer matches the record would misalign the saved mask, so it counts as corrupt.
 */
export async function restoreImage(blob: Blob, name: string, width: number, height: number): Promise<LoadImageResult> {
  const bitmap = await decode(blob);
  if (!bitmap || bitmap.width !== width || bitmap.height !== height) {
    bitmap?.close();
    return { ok: false, problem: { kind: 'corrupt', name } };
  }
  return { ok: true, image: { blob, name, width, height, bitmap } };
}
