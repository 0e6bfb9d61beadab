/**
 * Resizing a mask (an imported mask picture of another size than the photo): per axis,
 * bilinear when enlarging, area average when reducing, so no value is skipped over.
 */
import { tapsFor } from './resampleTaps';

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

/** Where a picture of sw x sh lands when fitted, centred and uncut, inside dw x dh. */
export function fitRect(sw: number, sh: number, dw: number, dh: number): { x: number; y: number; width: number; height: number } {
  const scale = Math.min(dw / sw, dh / sh);
  const width = Math.max(1, Math.min(dw, Math.round(sw * scale)));
  const height = Math.max(1, Math.min(dh, Math.round(sh * scale)));
  return { x: Math.floor((dw - width) / 2), y: Math.floor((dh - height) / 2), width, height };
}

/** The mask scaled to fit inside dw x dh keeping its shape, centred; the rest is 0 (keep). */
export function fitMask(src: Uint8Array, sw: number, sh: number, dw: number, dh: number): Uint8Array<ArrayBuffer> {
  const box = fitRect(sw, sh, dw, dh);
  const scaled = scaleMask(src, sw, sh, box.width, box.height);
  const out = new Uint8Array(dw * dh);
  for (let y = 0; y < box.height; y++) out.set(scaled.subarray(y * box.width, (y + 1) * box.width), (box.y + y) * dw + box.x);
  return out;
}
