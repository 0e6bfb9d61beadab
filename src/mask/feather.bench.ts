import { paintSegment } from './brush';
import { featherMask } from './feather';
import { maskCoverage } from './ops';
import { createMask, type Mask } from './types';

/**
 * Feather timings on a 4096 x 4096 mask (run by `npm run bench`; plain TS, no test runner).
 * Medians of 10 runs after warm-up, reusing the output buffer as the worker can.
 */

const SIZE = 4096;

/** An object-removal style mask: a few thick blobs and strokes, ~15% of the image. */
export function realisticMask(): Mask {
  const mask = createMask(SIZE, SIZE);
  const blob = (x: number, y: number, size: number) =>
    paintSegment(mask, { x, y }, { x, y }, { size, hardness: 1, mode: 'paint' });
  const stroke = (x0: number, y0: number, x1: number, y1: number, size: number) =>
    paintSegment(mask, { x: x0, y: y0 }, { x: x1, y: y1 }, { size, hardness: 0.8, mode: 'paint' });
  blob(1500, 1400, 900);
  blob(2500, 1900, 700);
  blob(1900, 2700, 800);
  stroke(900, 2300, 1600, 3200, 220);
  stroke(2700, 900, 3200, 2500, 180);
  stroke(1200, 800, 2200, 1100, 160);
  return mask;
}

/** The slow case for bounding-box skipping: strokes criss-crossing the whole image. */
export function spreadMask(): Mask {
  const mask = createMask(SIZE, SIZE);
  const opts = { size: 48, hardness: 0.7, mode: 'paint' } as const;
  for (let k = -SIZE; k < SIZE; k += 512) {
    paintSegment(mask, { x: k, y: 0 }, { x: k + SIZE, y: SIZE }, opts);
    paintSegment(mask, { x: k + SIZE, y: 0 }, { x: k, y: SIZE }, opts);
  }
  return mask;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timeFeather(mask: Mask, radius: number, out: Uint8Array): number {
  for (let i = 0; i < 3; i++) featherMask(mask.data, mask.width, mask.height, radius, out);
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    featherMask(mask.data, mask.width, mask.height, radius, out);
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function featherBenchmark(): Promise<{ name: string; medianMs: number }[]> {
  const realistic = realisticMask();
  const spread = spreadMask();
  const out = new Uint8Array(SIZE * SIZE);
  const pct = (m: Mask) => `${Math.round(maskCoverage(m.data) * 100)}%`;
  const cases: [string, Mask, number][] = [
    [`feather 4096² realistic (${pct(realistic)}) r=8`, realistic, 8],
    [`feather 4096² realistic (${pct(realistic)}) r=32`, realistic, 32],
    [`feather 4096² realistic (${pct(realistic)}) r=128`, realistic, 128],
    [`feather 4096² spread strokes (${pct(spread)}) r=8`, spread, 8],
    [`feather 4096² spread strokes (${pct(spread)}) r=32`, spread, 32],
    [`feather 4096² spread strokes (${pct(spread)}) r=128`, spread, 128],
  ];
  const results: { name: string; medianMs: number }[] = [];
  for (const [name, mask, radius] of cases) {
    results.push({ name, medianMs: Math.round(timeFeather(mask, radius, out) * 100) / 100 });
    // Let a caller's progress output through between cases.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return results;
}
