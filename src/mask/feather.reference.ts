import { featherPlan, featherScale } from './feather';
import type { BoxPlan } from './featherJob';

/** Slow, obvious versions of the feather for the tests to compare against (not app code). */

/** The same integer box cascade as a full convolution (edge-clamped, rounding once per axis). */
export function boxCascadeReference(src: Uint8Array, w: number, h: number, radius: number, plan?: BoxPlan): Uint8Array {
  const { sizes, reach: R, weight } = plan ?? featherPlan(radius);
  if (R === 0) return src.slice();
  let kernel = [1];
  for (const size of sizes) {
    const next = new Array<number>(kernel.length + size - 1).fill(0);
    kernel.forEach((k, i) => {
      for (let j = 0; j < size; j++) next[i + j] += k;
    });
    kernel = next;
  }
  const across = new Uint8Array(w * h);
  const out = new Uint8Array(w * h);
  const round = (s: number) => Math.round(s / weight);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -R; k <= R; k++) s += kernel[k + R] * src[y * w + Math.min(w - 1, Math.max(0, x + k))];
      across[y * w + x] = round(s);
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -R; k <= R; k++) s += kernel[k + R] * across[Math.min(h - 1, Math.max(0, y + k)) * w + x];
      out[y * w + x] = round(s);
    }
  }
  return out;
}

/**
 * The scaled feather spelled out: cell c averages the (edge-clamped) pixels
 * [c * k - k / 2, c * k + k / 2) each way; the cells from one before the first to one
 * after the last are box-blurred (edge-clamped), then each pixel interpolates linearly
 * between the centres (c * k) of the cells around it.
 */
export function scaledReference(src: Uint8Array, w: number, h: number, radius: number): Uint8Array {
  const { factor: k, plan } = featherScale(radius);
  const at = (x: number, y: number) => src[Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))];
  const first = -1;
  const cw = Math.floor((w - 1 + k / 2) / k) + 2 - first;
  const ch = Math.floor((h - 1 + k / 2) / k) + 2 - first;
  const cells = new Uint8Array(cw * ch);
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let s = 0;
      for (let y = 0; y < k; y++) for (let x = 0; x < k; x++) s += at((cx + first) * k - k / 2 + x, (cy + first) * k - k / 2 + y);
      cells[cy * cw + cx] = Math.floor((s + (k * k) / 2) / (k * k));
    }
  }
  const blurred = boxCascadeReference(cells, cw, ch, radius, plan);
  const cell = (cx: number, cy: number) => blurred[(cy - first) * cw + cx - first];
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const j = Math.floor(y / k);
    const fy = 2 * (y - j * k) + 1;
    for (let x = 0; x < w; x++) {
      const i = Math.floor(x / k);
      const fx = 2 * (x - i * k) + 1;
      const column = (c: number) => cell(c, j) * (2 * k - fy) + cell(c, j + 1) * fy;
      const v = column(i) * (2 * k - fx) + column(i + 1) * fx;
      out[y * w + x] = Math.floor((v + 2 * k * k) / (4 * k * k));
    }
  }
  return out;
}

/** A true separable Gaussian (float, edge-clamped, 4 sigma). */
export function gaussianReference(src: Uint8Array, w: number, h: number, sigma: number): Float64Array {
  const R = Math.ceil(4 * sigma);
  const raw = Array.from({ length: 2 * R + 1 }, (_, i) => Math.exp(-((i - R) ** 2) / (2 * sigma * sigma)));
  const total = raw.reduce((a, b) => a + b, 0);
  const kernel = raw.map((v) => v / total);
  const tmp = new Float64Array(w * h);
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -R; k <= R; k++) s += kernel[k + R] * src[y * w + Math.min(w - 1, Math.max(0, x + k))];
      tmp[y * w + x] = s;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -R; k <= R; k++) s += kernel[k + R] * tmp[Math.min(h - 1, Math.max(0, y + k)) * w + x];
      out[y * w + x] = s;
    }
  }
  return out;
}

/** A seeded random source, so failures reproduce. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

/** Discs of 255 (or one grey each when soft), sometimes a band along the top edge. */
export function shapes(rnd: () => number, w: number, h: number, soft = false): Uint8Array {
  const src = new Uint8Array(w * h);
  const blobs = 1 + Math.floor(rnd() * 4);
  for (let b = 0; b < blobs; b++) {
    const cx = rnd() * w;
    const cy = rnd() * h;
    const r = 3 + rnd() * Math.min(w, h) * 0.4;
    const value = soft ? Math.floor(rnd() * 256) : 255;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) if ((x - cx) ** 2 + (y - cy) ** 2 < r * r) src[y * w + x] = value;
    }
  }
  if (rnd() < 0.5) src.fill(255, 0, Math.floor(rnd() * w * 3)); // a band along the top edge
  return src;
}
