import type { Point, Rect } from './types';

/**
 * The box-average half of the scaled feather (see featherScaled): cell c of the image's
 * grid averages image pixels [c * k - k / 2, c * k + k / 2) each way, rounded, where
 * pixels past src's edge repeat the edge pixel, as the full-size blur clamps.
 */

/** Words are read as bytes in little-endian order (the byte path serves the others). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Sums have this many spare slots each side for the pixels of partly read words. */
const PAD = 2;

// Scratch kept between calls; loops read it into locals (V8 optimises those better).
const scratch = { sums: new Int32Array(0) };

/**
 * Adds rows [y0, y1), columns [x0, x1) of src into sums[(x + off) >> shift],
 * 4 pixels at a time: a 32-bit word as two pairs of 16-bit lanes (bytes 0 + 2 and 1 + 3),
 * summed down the rows (2 * 255 * k fits a lane for k <= 128). With `pairs` (cells split
 * words only between bytes 1 and 2), bytes 0 + 1 and 2 + 3 go in at once.
 */
function sumByWords(words: Uint32Array, width: number, y0: number, y1: number, x0: number, x1: number, off: number, shift: number, pairs: boolean) {
  const { sums } = scratch;
  const stride = width >> 2;
  const first = y0 * stride;
  const last = y1 * stride;
  const four = last - first === 4 * stride; // the usual band for k = 4, unrolled
  for (let i = x0 >> 2, end = (x1 + 3) >> 2; i < end; i++) {
    let even = 0;
    let odd = 0;
    if (four) {
      const p = first + i;
      const w0 = words[p];
      const w1 = words[p + stride];
      const w2 = words[p + 2 * stride];
      const w3 = words[p + 3 * stride];
      even = (w0 & 0xff00ff) + (w1 & 0xff00ff) + (w2 & 0xff00ff) + (w3 & 0xff00ff);
      odd = ((w0 >>> 8) & 0xff00ff) + ((w1 >>> 8) & 0xff00ff) + ((w2 >>> 8) & 0xff00ff) + ((w3 >>> 8) & 0xff00ff);
    } else {
      for (let p = first + i; p < last; p += stride) {
        const w = words[p];
        even += w & 0xff00ff;
        odd += (w >>> 8) & 0xff00ff;
      }
    }
    if ((even | odd) === 0) continue;
    const x = (i << 2) + off;
    if (pairs) {
      const both = even + odd;
      sums[x >> shift] += both & 0xffff;
      sums[(x + 2) >> shift] += both >>> 16;
    } else {
      sums[x >> shift] += even & 0xffff;
      sums[(x + 1) >> shift] += odd & 0xffff;
      sums[(x + 2) >> shift] += even >>> 16;
      sums[(x + 3) >> shift] += odd >>> 16;
    }
  }
}

function sumByBytes(src: Uint8Array, width: number, y0: number, y1: number, x0: number, x1: number, off: number, shift: number) {
  const { sums } = scratch;
  for (let y = y0; y < y1; y++) {
    const row = y * width;
    for (let x = x0; x < x1; x++) sums[(x + off) >> shift] += src[row + x];
  }
}

/**
 * Averages the cells of `rect` into cells[] (row stride cellsWidth). Cell coordinates
 * count from grid cell (grid.x, grid.y); src's pixel (0, 0) lies at `origin` in the image.
 */
export function shrinkCells(
  src: Uint8Array, width: number, height: number, origin: Point, k: number,
  grid: Point, rect: Rect, cells: Uint8Array, cellsWidth: number,
): void {
  const shift = 31 - Math.clz32(k);
  const half = k >> 1;
  const start = (grid.x + rect.x) * k - half - origin.x; // first src column of cell rect.x
  const off = -start; // src column x is in cell rect.x + ((x + off) >> shift)
  const xs = Math.max(0, start);
  const xe = Math.min(width, start + rect.width * k);
  const words = LITTLE_ENDIAN && width % 4 === 0 && src.byteOffset % 4 === 0
    ? new Uint32Array(src.buffer, src.byteOffset, src.length >> 2)
    : null;
  const pairs = (off & 1) === 0;
  if (scratch.sums.length < rect.width + 2 * PAD) scratch.sums = new Int32Array(rect.width + 2 * PAD);
  const sums = scratch.sums;
  // Adds rows [y0, y1), `times` over, with copies of their edge pixels for the columns past src.
  const addRows = (y0: number, y1: number, times: number) => {
    for (let n = 0; n < times && y0 < y1; n++) {
      if (xe > xs && words) sumByWords(words, width, y0, y1, xs, xe, off + PAD * k, shift, pairs);
      else if (xe > xs) sumByBytes(src, width, y0, y1, xs, xe, off + PAD * k, shift);
      for (let y = y0; y < y1; y++) {
        for (let x = start; x < 0; x++) sums[PAD + ((x + off) >> shift)] += src[y * width];
        for (let x = width; x < start + rect.width * k; x++) sums[PAD + ((x + off) >> shift)] += src[y * width + width - 1];
      }
    }
  };
  const round = k * k >> 1;
  const shiftOut = 2 * shift;
  for (let cy = rect.y; cy < rect.y + rect.height; cy++) {
    const top = (grid.y + cy) * k - half - origin.y;
    const ys = Math.max(0, Math.min(height, top));
    const ye = Math.max(ys, Math.min(height, top + k));
    sums.fill(0, 0, rect.width + 2 * PAD);
    addRows(ys, ye, 1);
    addRows(0, 1, Math.min(k, Math.max(0, -top))); // rows above src repeat row 0
    addRows(height - 1, height, Math.min(k, Math.max(0, top + k - height))); // and below
    const out = cy * cellsWidth + rect.x;
    for (let c = 0; c < rect.width; c++) cells[out + c] = (sums[PAD + c] + round) >> shiftOut;
  }
}
