import { classOf as classOfImport, STRIP as STRIP_IMPORT, StripClasses, type FeatherJob, type StripClass } from './featherJob';

// Local copies: some loaders (tsx's CommonJS path) turn imported bindings into getters,
// which cost a call each time in these loops.
const { ZERO, FULL, MIXED } = StripClasses;
const STRIP = STRIP_IMPORT;
const classOf = classOfImport;

/**
 * The horizontal half of the feather: every source row the region can reach, blurred
 * across by the three boxes and rounded to 8 bits, plus each row strip's class so the
 * vertical half knows where it may skip.
 */
export interface BlurredRows {
  /**
   * Strip by strip, so the vertical half reads each strip's column contiguously: row y,
   * column x of the region is at stripOf(x) * rowCount * STRIP + (y - firstRow) * STRIP + x % STRIP.
   * Only MIXED strips are filled in: STRIP zeros at zeroRow and STRIP 255s at fullRow
   * stand for the others and for rows known to be 0.
   */
  values: Uint8Array;
  /** rowCount rows of `strips` StripClass values. */
  classes: Uint8Array;
  firstRow: number;
  rowCount: number;
  strips: number;
  zeroRow: number;
  fullRow: number;
}

/** Source rows are classified in aligned blocks of this many px (a multiple of 4). */
const BLOCK = 32;

// Scratch kept between calls: masks are big and a worker runs one job at a time.
// Loops use local copies: V8 optimises those better than reassigned module variables.
const scratch = {
  values: new Uint8Array(0),
  classes: new Uint8Array(0),
  line: new Int32Array(0),
  notZero: new Int32Array(0),
  notFull: new Int32Array(0),
};

function classifyBlock(src: Uint8Array, words: Uint32Array | null, start: number, end: number): StripClass {
  if (words) {
    const first = words[start >> 2];
    if (first !== 0 && first !== 0xffffffff) return MIXED;
    for (let w = (start >> 2) + 1, wEnd = end >> 2; w < wEnd; w++) if (words[w] !== first) return MIXED;
    return first === 0 ? ZERO : FULL;
  }
  const first = src[start];
  if (first !== 0 && first !== 255) return MIXED;
  for (let i = start + 1; i < end; i++) if (src[i] !== first) return MIXED;
  return first === 0 ? ZERO : FULL;
}

/** In-place running sum of width w over a[0..len); returns the shorter valid length. */
function boxPass(a: Int32Array, len: number, w: number): number {
  let s = 0;
  for (let i = 0; i < w; i++) s += a[i];
  const outLen = len - w + 1;
  let prev = a[0];
  a[0] = s;
  for (let i = 1; i < outLen; i++) {
    s += a[i + w - 1] - prev;
    prev = a[i];
    a[i] = s;
  }
  return outLen;
}

/**
 * Blurred values of row y for columns [c0, c1) (c0 at a strip's start): the first STRIP
 * go to dst[dstOff..], each next STRIP chunkStride further on.
 */
function blurSpan(
  job: FeatherJob, line: Int32Array, y: number, c0: number, c1: number,
  dst: Uint8Array, dstOff: number, chunkStride: number,
) {
  const { src, width, plan, bounds } = job;
  const [w1, w2, w3] = plan.sizes;
  const R = plan.reach;
  const n = c1 - c0;
  const from = c0 - R;
  const to = c1 + R;
  const row = y * width;
  // The row edge-clamped, and 0 outside bounds: [from, to) -> line[0, n + 2R).
  const bx0 = Math.max(0, bounds.x);
  const bx1 = Math.min(width, bounds.x + bounds.width);
  const leftEdge = bx0 === 0 ? src[row] : 0;
  const rightEdge = bx1 === width ? src[row + width - 1] : 0;
  const a = Math.min(Math.max(from, bx0), to);
  const b = Math.max(Math.min(to, bx1), a);
  line.fill(0, 0, n + 2 * R);
  if (from < 0) line.fill(leftEdge, 0, Math.min(-from, n + 2 * R));
  if (to > width) line.fill(rightEdge, Math.max(0, width - from), n + 2 * R);
  if (b > a) line.set(src.subarray(row + a, row + b), a - from);

  boxPass(line, boxPass(line, n + 2 * R, w1), w2);
  // Last box fused with the rounding to 8 bits, written STRIP values per strip.
  const inv = 1 / plan.weight;
  let s = 0;
  for (let i = 0; i < w3; i++) s += line[i];
  dst[dstOff] = (s * inv + 0.5) | 0;
  let i = 1;
  for (let chunk = 0; chunk < n; chunk += STRIP) {
    const d = dstOff + (chunk / STRIP) * chunkStride - chunk;
    for (const end = Math.min(n, chunk + STRIP); i < end; i++) {
      s += line[i + w3 - 1] - line[i - 1];
      dst[d + i] = (s * inv + 0.5) | 0;
    }
  }
}

export function blurRows(job: FeatherJob): BlurredRows {
  const { src, width, height, plan, region, bounds } = job;
  const R = plan.reach;
  const n = region.width;
  const strips = Math.ceil(n / STRIP);
  // Rows outside bounds are 0, so they blur to 0 and need no storage.
  const firstRow = Math.max(0, region.y - R, bounds.y);
  const endRow = Math.min(height, region.y + region.height + R, bounds.y + bounds.height);
  const rowCount = Math.max(0, endRow - firstRow);
  const stripStride = rowCount * STRIP;
  const zeroRow = strips * stripStride;
  if (scratch.values.length < zeroRow + 2 * STRIP) scratch.values = new Uint8Array(zeroRow + 2 * STRIP);
  if (scratch.classes.length < rowCount * strips) scratch.classes = new Uint8Array(rowCount * strips);
  if (scratch.line.length < n + 2 * R) scratch.line = new Int32Array(n + 2 * R);
  const { values, classes, line } = scratch;
  values.fill(0, zeroRow, zeroRow + STRIP);
  values.fill(255, zeroRow + STRIP, zeroRow + 2 * STRIP);

  const lo = Math.max(0, region.x - R);
  const hi = Math.min(width, region.x + n + R);
  const block0 = Math.floor(lo / BLOCK);
  const blocks = Math.floor((hi - 1) / BLOCK) + 1 - block0;
  if (scratch.notZero.length < blocks + 1) {
    scratch.notZero = new Int32Array(blocks + 1);
    scratch.notFull = new Int32Array(blocks + 1);
  }
  const { notZero, notFull } = scratch;
  const words =
    width % 4 === 0 && src.byteOffset % 4 === 0 ? new Uint32Array(src.buffer, src.byteOffset, src.length >> 2) : null;

  for (let y = firstRow; y < endRow; y++) {
    const row = y * width;
    // Prefix counts of blocks that are not all 0 / not all 255.
    for (let k = 0; k < blocks; k++) {
      const x0 = (block0 + k) * BLOCK;
      const c = classifyBlock(src, words, row + x0, row + Math.min(width, x0 + BLOCK));
      notZero[k + 1] = notZero[k] + (c === ZERO ? 0 : 1);
      notFull[k + 1] = notFull[k] + (c === FULL ? 0 : 1);
    }
    const classRow = (y - firstRow) * strips;
    for (let s = 0; s < strips; s++) {
      const c0 = region.x + s * STRIP;
      const c1 = Math.min(region.x + n, c0 + STRIP);
      const ka = Math.floor(Math.max(0, c0 - R) / BLOCK) - block0;
      const kb = Math.floor((Math.min(width, c1 + R) - 1) / BLOCK) + 1 - block0;
      classes[classRow + s] = classOf(notZero[kb] - notZero[ka], notFull[kb] - notFull[ka]);
    }
    // Only edge strips are stored: the vertical half reads all-0 / all-255 strips from
    // the constant rows at zeroRow / fullRow.
    const valueRow = (y - firstRow) * STRIP;
    for (let s = 0; s < strips; s++) {
      if (classes[classRow + s] !== MIXED) continue;
      // Neighbouring edge strips are summed in one go: one warm-up instead of several.
      let end = s + 1;
      while (end < strips && classes[classRow + end] === MIXED) end++;
      const x1 = Math.min(n, end * STRIP);
      blurSpan(job, line, y, region.x + s * STRIP, region.x + x1, values, s * stripStride + valueRow, stripStride);
      s = end;
    }
  }
  return { values, classes, firstRow, rowCount, strips, zeroRow, fullRow: zeroRow + STRIP };
}
