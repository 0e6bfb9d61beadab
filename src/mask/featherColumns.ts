import { classOf as classOfImport, STRIP as STRIP_IMPORT, StripClasses, type FeatherJob, type StripClass } from './featherJob';
import type { BlurredRows } from './featherRows';

// Local copies: some loaders (tsx's CommonJS path) turn imported bindings into getters,
// which cost a call each time in these loops.
const { ZERO, FULL, MIXED } = StripClasses;
const STRIP = STRIP_IMPORT;
const classOf = classOfImport;

/**
 * The vertical half of the feather, one STRIP-wide column strip at a time, row by row:
 * per column, acc1..3 are the three boxes' running sums and ring2/ring3 keep the last
 * w2/w3 inputs of boxes 2 and 3 so they can leave the sum. All of it stays in cache.
 */

// Read into locals by each loop: V8 optimises a loop over a local array much better
// than over a module variable that gets reassigned.
const sums = {
  acc1: new Int32Array(STRIP),
  acc2: new Int32Array(STRIP),
  acc3: new Int32Array(STRIP),
  ring2: new Int32Array(0),
  ring3: new Int32Array(0),
};
let notZero = new Int32Array(0);
let notFull = new Int32Array(0);

/** Box 1 takes row `inOff` in and `dropOff` out; boxes 2/3 join when `stages` says. */
function warmStep(h: Uint8Array, inOff: number, dropOff: number, s2: number, s3: number, stages: number, sw: number) {
  const { acc1, acc2, acc3, ring2, ring3 } = sums;
  for (let x = 0; x < sw; x++) {
    const a1 = acc1[x] + h[inOff + x] - h[dropOff + x];
    acc1[x] = a1;
    if (stages < 2) continue;
    const a2 = acc2[x] + a1 - ring2[s2 + x];
    ring2[s2 + x] = a1;
    acc2[x] = a2;
    if (stages < 3) continue;
    acc3[x] += a2 - ring3[s3 + x];
    ring3[s3 + x] = a2;
  }
}

/** All three boxes full: one finished output row into out[dst..dst + sw). */
function steadyStep(
  h: Uint8Array, inOff: number, dropOff: number, s2: number, s3: number, sw: number,
  out: Uint8Array, dst: number, inv: number,
) {
  const { acc1, acc2, acc3, ring2, ring3 } = sums;
  for (let x = 0; x < sw; x++) {
    const a1 = acc1[x] + h[inOff + x] - h[dropOff + x];
    acc1[x] = a1;
    const a2 = acc2[x] + a1 - ring2[s2 + x];
    ring2[s2 + x] = a1;
    acc2[x] = a2;
    const a3 = acc3[x] + a2 - ring3[s3 + x];
    ring3[s3 + x] = a2;
    acc3[x] = a3;
    out[dst + x] = (a3 * inv + 0.5) | 0;
  }
}

/** Where image row j's values start in strip s (edge-clamped; rows not kept are 0). */
function valueRow(j: number, s: number, rows: BlurredRows, height: number) {
  const y = j < 0 ? 0 : j >= height ? height - 1 : j;
  const r = y - rows.firstRow;
  if (r < 0 || r >= rows.rowCount) return rows.zeroRow;
  const c = rows.classes[r * rows.strips + s];
  if (c === MIXED) return (s * rows.rowCount + r) * STRIP;
  return c === FULL ? rows.fullRow : rows.zeroRow;
}

/** The sums as they stand after a window of rows that were all `c`. */
function uniformState(c: StripClass, w1: number, w2: number, w3: number) {
  const v = c === FULL ? 255 : 0;
  const { acc1, acc2, acc3, ring2, ring3 } = sums;
  acc1.fill(v * w1);
  ring2.fill(v * w1);
  acc2.fill(v * w1 * w2);
  ring3.fill(v * w1 * w2);
  acc3.fill(v * w1 * w2 * w3);
}

export function blurColumns(job: FeatherJob, rows: BlurredRows): void {
  const { height, plan, region, out, outOffset, outStride } = job;
  const { values, classes, firstRow, rowCount, strips, zeroRow } = rows;
  const [w1, w2, w3] = plan.sizes;
  const R = plan.reach;
  const n = region.width;
  const inv = 1 / plan.weight;
  if (sums.ring2.length < w2 * STRIP) sums.ring2 = new Int32Array(w2 * STRIP);
  if (sums.ring3.length < w3 * STRIP) sums.ring3 = new Int32Array(w3 * STRIP);
  if (notZero.length < height + 1) {
    notZero = new Int32Array(height + 1);
    notFull = new Int32Array(height + 1);
  }
  const top = Math.max(0, region.y - R);
  const bottom = Math.min(height, region.y + region.height + R);
  const regionEnd = region.y + region.height;

  for (let s = 0; s < strips; s++) {
    const x0 = s * STRIP;
    const sw = Math.min(STRIP, n - x0);
    // Prefix counts over image rows of this strip's rows that are not all 0 / not all 255.
    notZero[top] = 0;
    notFull[top] = 0;
    for (let y = top; y < bottom; y++) {
      const inRows = y >= firstRow && y < firstRow + rowCount;
      const c = inRows ? classes[(y - firstRow) * strips + s] : ZERO;
      notZero[y + 1] = notZero[y] + (c === ZERO ? 0 : 1);
      notFull[y + 1] = notFull[y] + (c === FULL ? 0 : 1);
    }

    let live = false; // do the sums hold the previous output row's window?
    let previous: StripClass = ZERO;
    let s2 = 0;
    let s3 = 0;
    const end2 = w2 * STRIP;
    const end3 = w3 * STRIP;
    for (let y = region.y; y < regionEnd; y++) {
      const a = Math.max(top, y - R);
      const b = Math.min(bottom, y + R + 1);
      const c = classOf(notZero[b] - notZero[a], notFull[b] - notFull[a]);
      const dst = outOffset + (y - region.y) * outStride + x0;
      if (c !== MIXED) {
        if (c === FULL) out.fill(255, dst, dst + sw); // out starts as 0
        live = false;
        previous = c;
        continue;
      }
      if (!live && y > region.y) {
        uniformState(previous, w1, w2, w3);
      } else if (!live) {
        // First row of the region: run the sums in over the rows above it.
        uniformState(ZERO, w1, w2, w3);
        s2 = s3 = 0;
        for (let t = 0; t < 2 * R; t++) {
          const j = y - R + t;
          const stages = t >= w1 + w2 - 2 ? 3 : t >= w1 - 1 ? 2 : 1;
          const drop = t >= w1 ? valueRow(j - w1, s, rows, height) : zeroRow;
          warmStep(values, valueRow(j, s, rows, height), drop, s2, s3, stages, sw);
          if (stages >= 2 && (s2 += STRIP) === end2) s2 = 0;
          if (stages >= 3 && (s3 += STRIP) === end3) s3 = 0;
        }
      }
      live = true;
      const j = y + R;
      const inRow = valueRow(j, s, rows, height);
      const dropRow = valueRow(j - w1, s, rows, height);
      steadyStep(values, inRow, dropRow, s2, s3, sw, out, dst, inv);
      if ((s2 += STRIP) === end2) s2 = 0;
      if ((s3 += STRIP) === end3) s3 = 0;
    }
  }
}
