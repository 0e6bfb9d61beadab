/**
 * The row kernels of featherExpand: one output row (or two) from a row of cells that is
 * already interpolated vertically, linearly between cell centres along the row.
 */

/**
 * A row of the cells, interpolated between two cell rows: cell column j's value (times 2k)
 * is base[j - first] + t * step[j - first]. rowWords keeps it in now[] instead: the value
 * for this row, stepped on to the next row's as it is read.
 */
export interface Line {
  base: Int32Array;
  step: Int32Array;
  now: Int32Array;
  t: number;
  first: number;
}

/** One output row, image columns [X0, X1) to out[at + X], a byte at a time. */
export function rowBytes(line: Line, out: Uint8Array, at: number, X0: number, X1: number, k: number) {
  const { base, step, t, first } = line;
  const shift = 31 - Math.clz32(k);
  const shOut = 2 * shift + 2;
  const half = 2 * k * k;
  for (let X = X0; X < X1; ) {
    const j = X >> shift;
    const end = Math.min(X1, (j + 1) << shift);
    const a = base[j - first] + t * step[j - first];
    const d = base[j + 1 - first] + t * step[j + 1 - first] - a;
    if (a === 0 && d === 0) {
      X = end; // out already holds 0
      continue;
    }
    let v = a * 2 * k + d * (2 * (X - (j << shift)) + 1) + half;
    for (; X < end; X++, v += 2 * d) out[at + X] = v >> shOut;
  }
}

/**
 * 4 output bytes as an int, for k = 2 (pixels 2j .. 2j + 3 from cells a, c, b at j, j + 1,
 * j + 2) and for k = 4 (pixels 4j .. 4j + 3 from cells a, b at j, j + 1). The values
 * (< 2^16) of pixels 0 and 2, and of 1 and 3, share an int as two 16-bit lanes, so one
 * shift and mask gives two bytes.
 */
const pack2 = (a: number, c: number, b: number) => {
  const even = 3 * a + c + 8 + ((3 * c + b + 8) << 16);
  const odd = even + 2 * (c - a) + ((2 * (b - c)) << 16);
  return ((even >>> 4) & 0xff00ff) | (((odd >>> 4) & 0xff00ff) << 8);
};
const pack4 = (a: number, b: number) => {
  const v = 7 * a + b + 32;
  const even = v + ((v + 4 * (b - a)) << 16);
  const odd = even + 2 * (b - a) * 0x10001;
  return ((even >>> 6) & 0xff00ff) | (((odd >>> 6) & 0xff00ff) << 8);
};

/**
 * The same with words[] over out, 4 bytes at a time; X0 and X1 are multiples of max(4, k)
 * and `at` of 4. The row's cell values are read from now[] and stepped on to the next row.
 */
export function rowWords(line: Line, words: Uint32Array, at: number, X0: number, X1: number, k: number) {
  const { now, step } = line;
  const shift = 31 - Math.clz32(k);
  const shOut = 2 * shift + 2;
  const half = 2 * k * k;
  const ints = Math.max(1, k >> 2);
  let i = (X0 >> shift) - line.first;
  let b = now[i];
  now[i] = b + step[i];
  for (let w = (at + X0) >> 2, wEnd = (at + X1) >> 2; w < wEnd; w += ints) {
    const a = b;
    b = now[++i];
    now[i] = b + step[i];
    if (k === 2) {
      // Two segments per int.
      const c = b;
      b = now[++i];
      now[i] = b + step[i];
      if ((a | c | b) !== 0) words[w] = pack2(a, c, b); // else out already holds 0
      continue;
    }
    const d = b - a;
    if ((a | d) === 0) continue;
    for (let n = 0, v = a * 2 * k + d + half; n < ints; n++, v += 8 * d) {
      words[w + n] = (v >> shOut) | (((v + 2 * d) >> shOut) << 8) | (((v + 4 * d) >> shOut) << 16) | (((v + 6 * d) >> shOut) << 24);
    }
  }
}

/** rowWords for k = 2 or 4 and two rows at once: this one and the next, `next` ints on. */
export function rowWordsTwice(line: Line, words: Uint32Array, at: number, X0: number, X1: number, next: number, k: number) {
  // Separate loops: V8 optimises each better than one with a branch on k.
  if (k === 2) twice2(line.now, line.step, (X0 >> 1) - line.first, words, (at + X0) >> 2, (at + X1) >> 2, next);
  else twice4(line.now, line.step, (X0 >> 2) - line.first, words, (at + X0) >> 2, (at + X1) >> 2, next);
}

/** Two rows for k = 4: ints w0 .. w1 - 1 from cells i, i + 1, ... */
function twice4(now: Int32Array, step: Int32Array, i: number, words: Uint32Array, w0: number, w1: number, next: number) {
  let s = step[i];
  let b = now[i];
  let b2 = b + s;
  now[i] = b2 + s;
  for (let w = w0; w < w1; w++) {
    const a = b;
    const a2 = b2;
    s = step[++i];
    b = now[i];
    b2 = b + s;
    now[i] = b2 + s;
    if ((a | b | a2 | b2) === 0) continue; // out already holds 0
    words[w] = pack4(a, b);
    words[w + next] = pack4(a2, b2);
  }
}

/** Two rows for k = 2: each int from cells i, i + 1, i + 2, then i moves on by 2. */
function twice2(now: Int32Array, step: Int32Array, i: number, words: Uint32Array, w0: number, w1: number, next: number) {
  let s = step[i];
  let b = now[i];
  let b2 = b + s;
  now[i] = b2 + s;
  for (let w = w0; w < w1; w++) {
    const a = b;
    const a2 = b2;
    s = step[++i];
    const c = now[i];
    const c2 = c + s;
    now[i] = c2 + s;
    s = step[++i];
    b = now[i];
    b2 = b + s;
    now[i] = b2 + s;
    if ((a | c | b | a2 | c2 | b2) === 0) continue;
    words[w] = pack2(a, c, b);
    words[w + next] = pack2(a2, c2, b2);
  }
}
