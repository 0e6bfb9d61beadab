/**
 * The mask and the little geometry the mask code shares.
 * A mask value is 0 = keep, 255 = repaint, greys = partly repainted; one byte per image pixel.
 */
export interface Mask {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A rectangle in image pixels; the mask functions return integer rects. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A position in image coordinates; pixel (x, y) has its centre at (x + 0.5, y + 0.5). */
export interface Point {
  x: number;
  y: number;
}

/** Paint sets pixels towards 255 (repaint), erase towards 0 (keep). */
export type MaskMode = 'paint' | 'erase';

export function createMask(width: number, height: number): Mask {
  return { width, height, data: new Uint8Array(width * height) };
}

export function isEmptyRect(r: Rect): boolean {
  return !(r.width > 0 && r.height > 0);
}

/** The smallest rect holding both; an empty rect adds nothing. */
export function unionRect(a: Rect | null, b: Rect): Rect {
  if (!a || isEmptyRect(a)) return { ...b };
  if (isEmptyRect(b)) return { ...a };
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  const right = Math.max(a.x + a.width, b.x + b.width);
  const bottom = Math.max(a.y + a.height, b.y + b.height);
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * The whole pixels `r` touches, inside a width x height mask. Fractional edges round
 * outwards so nothing `r` covers is lost; a rect outside the mask comes back with size 0.
 */
export function clipRect(r: Rect, width: number, height: number): Rect {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(width, Math.ceil(r.x + r.width));
  const y1 = Math.min(height, Math.ceil(r.y + r.height));
  if (!(x1 > x0 && y1 > y0)) return { x: Math.min(x0, width), y: Math.min(y0, height), width: 0, height: 0 };
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

function assertInside(mask: Mask, rect: Rect) {
  const { x, y, width, height } = rect;
  const ok =
    Number.isInteger(x) && Number.isInteger(y) && Number.isInteger(width) && Number.isInteger(height) &&
    x >= 0 && y >= 0 && width >= 0 && height >= 0 && x + width <= mask.width && y + height <= mask.height;
  // A patch outside the mask would silently wrap onto other rows: fail loudly instead.
  if (!ok) throw new RangeError(`rect ${x},${y} ${width}x${height} is not inside the ${mask.width}x${mask.height} mask`);
}

/** Copies `rect` (integer, inside the mask) out as rect.width * rect.height values. */
export function readRegion(mask: Mask, rect: Rect): Uint8Array<ArrayBuffer> {
  assertInside(mask, rect);
  const out = new Uint8Array(rect.width * rect.height);
  for (let row = 0; row < rect.height; row++) {
    const start = (rect.y + row) * mask.width + rect.x;
    out.set(mask.data.subarray(start, start + rect.width), row * rect.width);
  }
  return out;
}

/** Copies rect-sized `data` back into the mask at `rect` (the inverse of readRegion). */
export function writeRegion(mask: Mask, rect: Rect, data: Uint8Array): void {
  assertInside(mask, rect);
  if (data.length !== rect.width * rect.height) {
    throw new RangeError(`region data has ${data.length} values, rect needs ${rect.width * rect.height}`);
  }
  for (let row = 0; row < rect.height; row++) {
    const start = row * rect.width;
    mask.data.set(data.subarray(start, start + rect.width), (rect.y + row) * mask.width + rect.x);
  }
}
