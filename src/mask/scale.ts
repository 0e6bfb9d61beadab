/**
 * Resizing a mask (an imported mask picture of another size than the photo): per axis,
 * bilinear when enlarging, area average when reducing, so no value is skipped over.
 */

/** For each destination index: the source indices it reads and their weights (sum 1). */
interface Taps {
  start: Int32Array;
  count: Int32Array;
  index: Int32Array;
  weight: Float32Array;
}

function bilinearTaps(from: number, to: number): Taps {
  const start = new Int32Array(to);
  const count = new Int32Array(to);
  const index = new Int32Array(to * 2);
  const weight = new Float32Array(to * 2);
  const ratio = from / to;
  for (let d = 0; d < to; d++) {
    // Pixel centres line up: destination centre d + 0.5 sits at source (d + 0.5) * ratio.
    const s = Math.min(from - 1, Math.max(0, (d + 0.5) * ratio - 0.5));
    const i0 = Math.floor(s);
    const i1 = Math.min(from - 1, i0 + 1);
    const t = s - i0;
    start[d] = d * 2;
    count[d] = 2;
    index[d * 2] = i0;
    index[d * 2 + 1] = i1;
    weight[d * 2] = 1 - t;
    weight[d * 2 + 1] = t;
  }
  return { start, count, index, weight };
}

function areaTaps(from: number, to: number): Taps {
  const ratio = from / to; // > 1: each destination pixel covers `ratio` source pixels
  const maxCount = Math.ceil(ratio) + 1;
  const start = new Int32Array(to);
  const count = new Int32Array(to);
  const index = new Int32Array(to * maxCount);
  const weight = new Float32Array(to * maxCount);
  let k = 0;
  for (let d = 0; d < to; d++) {
    const lo = d * ratio;
    const hi = Math.min(from, (d + 1) * ratio);
    start[d] = k;
    for (let i = Math.floor(lo); i < hi; i++) {
      const overlap = Math.min(hi, i + 1) - Math.max(lo, i);
      if (overlap <= 0) continue;
      index[k] = i;
      weight[k++] = overlap / ratio;
    }
    count[d] = k - start[d];
  }
  return { start, count, index, weight };
}

const tapsFor = (from: number, to: number) => (to > from ? bilinearTaps(from, to) : areaTaps(from, to));

/**
 * The mask resized from sw x sh to dw x dh values. Equal sizes give an exact copy.
 */
export function scaleMask(src: Uint8Array, sw: number, sh: number, dw: number, dh: number): Uint8Array<ArrayBuffer> {
  if (src.length !== sw * sh) throw new RangeError(`expected ${sw * sh} values, got ${src.length}`);
  if (sw === dw && sh === dh) return src.slice();
  // Storing into a Uint8Array truncates, so writing sum + 0.5 rounds (sums stay within 0..255).
  const out = new Uint8Array(dw * dh);
  if (dw === 0 || dh === 0 || sw === 0 || sh === 0) return out;

  // Across first (each source row to dw values), then down, a destination row at a time.
  const across = tapsFor(sw, dw);
  const down = tapsFor(sh, dh);
  const rows = new Float32Array(sh * dw);
  for (let y = 0; y < sh; y++) {
    const srcRow = y * sw;
    const dstRow = y * dw;
    for (let x = 0; x < dw; x++) {
      let sum = 0;
      for (let k = across.start[x], end = k + across.count[x]; k < end; k++) {
        sum += across.weight[k] * src[srcRow + across.index[k]];
      }
      rows[dstRow + x] = sum;
    }
  }
  for (let y = 0; y < dh; y++) {
    const first = down.start[y];
    const taps = down.count[y];
    const dstRow = y * dw;
    if (taps === 2) {
      // Bilinear rows (and most area rows at ratios under 2): one pass.
      const a = down.index[first] * dw;
      const b = down.index[first + 1] * dw;
      const wa = down.weight[first];
      const wb = down.weight[first + 1];
      for (let x = 0; x < dw; x++) out[dstRow + x] = wa * rows[a + x] + wb * rows[b + x] + 0.5;
      continue;
    }
    for (let x = 0; x < dw; x++) {
      let sum = 0.5;
      for (let k = first, end = first + taps; k < end; k++) sum += down.weight[k] * rows[down.index[k] * dw + x];
      out[dstRow + x] = sum;
    }
  }
  return out;
}
