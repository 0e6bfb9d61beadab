import type { ImageSize } from '../image/rgba';
import type { Rect } from '../mask';

/** Fails loudly on a rect that is not whole pixels inside the image: it would wrap onto other rows. */
export function assertRectInside(rect: Rect, size: ImageSize, what = 'rect'): void {
  const { x, y, width, height } = rect;
  const ok =
    Number.isInteger(x) && Number.isInteger(y) && Number.isInteger(width) && Number.isInteger(height) &&
    x >= 0 && y >= 0 && width >= 0 && height >= 0 && x + width <= size.width && y + height <= size.height;
  if (!ok) throw new RangeError(`${what} ${x},${y} ${width}x${height} is not inside the ${size.width}x${size.height} image`);
}

/** One 32-bit word per pixel when the bytes are aligned (they are for ImageData): moves whole pixels at once. */
export function pixelWords(data: Uint8ClampedArray): Uint32Array | null {
  return data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : null;
}

/** The part of `a` inside `b` (both integer rects); size 0 when they miss. */
export function intersectRect(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x);
  const height = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y);
  return { x, y, width, height };
}
