import { tapsFor, type Taps } from './resampleTaps';

/**
 * Resizing float planes (a model's map, the channels of a picture) in two separable passes,
 * with the taps of resampleTaps.ts: bilinear up, area average down. Floats all the way, so a
 * model's map is resized before it is rounded to bytes, once. Each pass reads one kind of
 * typed array only: a loop fed two kinds is deoptimised and runs several times slower.
 */

/** Where the values go: `width` x `height` from `offset`, each as `value * scale + shift`. */
export interface PlaneTarget {
  width: number;
  height: number;
  offset?: number;
  scale?: number;
  shift?: number;
}

/** The rows resized across, kept between calls: three calls per photo would each allocate megabytes. */
let scratch = new Float32Array(0);

function rowsFor(length: number): Float32Array {
  if (scratch.length < length) scratch = new Float32Array(length);
  return scratch;
}

/** Per destination column, the source offsets of its taps (times `step`, plus `channel`). */
function columnOffsets(taps: Taps, step: number, channel: number): Int32Array {
  const offsets = new Int32Array(taps.index.length);
  for (let k = 0; k < offsets.length; k++) offsets[k] = taps.index[k] * step + channel;
  return offsets;
}

/** Float source rows across (`step` apart). */
function acrossFloats(src: Float32Array, sw: number, sh: number, step: number, channel: number, across: Taps, rows: Float32Array, dw: number) {
  const { start, count, weight } = across;
  const offsets = columnOffsets(across, step, channel);
  const pairs = everyTwo(across);
  for (let y = 0; y < sh; y++) {
    const base = y * sw * step;
    const o = y * dw;
    if (pairs) {
      for (let x = 0, k = 0; x < dw; x++, k += 2) rows[o + x] = weight[k] * src[base + offsets[k]] + weight[k + 1] * src[base + offsets[k + 1]];
      continue;
    }
    for (let x = 0; x < dw; x++) {
      let sum = 0;
      for (let k = start[x], end = k + count[x]; k < end; k++) sum += weight[k] * src[base + offsets[k]];
      rows[o + x] = sum;
    }
  }
}

/** Byte source rows across: one channel of RGBA (`step` 4). */
function acrossBytes(src: Uint8ClampedArray, sw: number, sh: number, step: number, channel: number, across: Taps, rows: Float32Array, dw: number) {
  const { start, count, weight } = across;
  const offsets = columnOffsets(across, step, channel);
  const pairs = everyTwo(across);
  for (let y = 0; y < sh; y++) {
    const base = y * sw * step;
    const o = y * dw;
    if (pairs) {
      for (let x = 0, k = 0; x < dw; x++, k += 2) rows[o + x] = weight[k] * src[base + offsets[k]] + weight[k + 1] * src[base + offsets[k + 1]];
      continue;
    }
    for (let x = 0; x < dw; x++) {
      let sum = 0;
      for (let k = start[x], end = k + count[x]; k < end; k++) sum += weight[k] * src[base + offsets[k]];
      rows[o + x] = sum;
    }
  }
}

/** Whether every destination reads two taps laid out in order (bilinear up, halving down): a loop without the tap counts. */
function everyTwo({ start, count }: Taps): boolean {
  for (let x = 0; x < count.length; x++) if (count[x] !== 2 || start[x] !== 2 * x) return false;
  return true;
}

/** The rows down to the target, a destination row at a time, scaled and shifted on the way out. */
function down(rows: Float32Array, sh: number, dw: number, out: Float32Array, target: PlaneTarget) {
  const { height: dh, offset = 0, scale = 1, shift = 0 } = target;
  const { start, count, index, weight } = tapsFor(sh, dh);
  for (let y = 0; y < dh; y++) {
    const o = offset + y * dw;
    const first = start[y];
    if (count[y] === 2) {
      const a = index[first] * dw;
      const b = index[first + 1] * dw;
      const wa = weight[first] * scale;
      const wb = weight[first + 1] * scale;
      for (let x = 0; x < dw; x++) out[o + x] = wa * rows[a + x] + wb * rows[b + x] + shift;
      continue;
    }
    for (let x = 0; x < dw; x++) {
      let sum = 0;
      for (let k = first, end = first + count[y]; k < end; k++) sum += weight[k] * rows[index[k] * dw + x];
      out[o + x] = sum * scale + shift;
    }
  }
}

/** The same down pass, rounded and clamped into bytes (`shift` should carry the + 0.5 that rounds): no float plane at the target's size. */
function downToBytes(rows: Float32Array, sh: number, dw: number, out: Uint8Array, target: PlaneTarget) {
  const { height: dh, offset = 0, scale = 1, shift = 0 } = target;
  const { start, count, index, weight } = tapsFor(sh, dh);
  for (let y = 0; y < dh; y++) {
    const o = offset + y * dw;
    const first = start[y];
    if (count[y] === 2) {
      const a = index[first] * dw;
      const b = index[first + 1] * dw;
      const wa = weight[first] * scale;
      const wb = weight[first + 1] * scale;
      for (let x = 0; x < dw; x++) {
        const v = wa * rows[a + x] + wb * rows[b + x] + shift;
        out[o + x] = v <= 0 ? 0 : v >= 255 ? 255 : v;
      }
      continue;
    }
    for (let x = 0; x < dw; x++) {
      let sum = 0;
      for (let k = first, end = first + count[y]; k < end; k++) sum += weight[k] * rows[index[k] * dw + x];
      const v = sum * scale + shift;
      // A byte store truncates: with the + 0.5 in shift, that rounds.
      out[o + x] = v <= 0 ? 0 : v >= 255 ? 255 : v;
    }
  }
}

function check(length: number, sw: number, sh: number, step: number) {
  if (length < (sw * sh - 1) * step + 1) throw new RangeError(`expected ${sw}x${sh} values, got ${length}`);
}

/** A `sw` x `sh` plane of floats resized into `out`. */
export function resamplePlane(src: Float32Array, sw: number, sh: number, out: Float32Array, target: PlaneTarget): void {
  check(src.length, sw, sh, 1);
  const dw = target.width;
  if (!dw || !target.height || !sw || !sh) return;
  const rows = rowsFor(sh * dw);
  acrossFloats(src, sw, sh, 1, 0, tapsFor(sw, dw), rows, dw);
  down(rows, sh, dw, out, target);
}

/** One channel (0 red, 1 green, 2 blue) of `sw` x `sh` RGBA bytes resized into `out`. */
export function resampleChannel(rgba: Uint8ClampedArray, sw: number, sh: number, channel: number, out: Float32Array, target: PlaneTarget): void {
  check(rgba.length - channel, sw, sh, 4);
  const dw = target.width;
  if (!dw || !target.height || !sw || !sh) return;
  const rows = rowsFor(sh * dw);
  acrossBytes(rgba, sw, sh, 4, channel, tapsFor(sw, dw), rows, dw);
  down(rows, sh, dw, out, target);
}

/** A `sw` x `sh` plane of floats resized, scaled and shifted, then rounded and clamped to bytes into `out`. */
export function resamplePlaneToBytes(src: Float32Array, sw: number, sh: number, out: Uint8Array, target: PlaneTarget): void {
  check(src.length, sw, sh, 1);
  const dw = target.width;
  if (!dw || !target.height || !sw || !sh) return;
  const rows = rowsFor(sh * dw);
  acrossFloats(src, sw, sh, 1, 0, tapsFor(sw, dw), rows, dw);
  downToBytes(rows, sh, dw, out, target);
}
