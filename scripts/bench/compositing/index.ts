import { pathToFileURL } from 'node:url';
import { createMask, featherMask, maskBounds, paintSegment, type Mask, type Rect } from '../../../src/mask';
import { compositeResult, createImage, planCrop, type RgbaImage } from '../../../src/compositing';
import { median } from '../stats';

/**
 * Paste-back with colour match on a 6000 x 4000 (24 MP) photo, the work the app does when
 * an inpaint comes back: median of 7 runs after warm-up, target < 300 ms. Runnable alone:
 * `npx tsx scripts/bench/compositing/index.ts`.
 */

const W = 6000;
const H = 4000;
const RUNS = 7;

/** A photo-like picture, filled a word at a time so setup stays quick. */
function photo(width: number, height: number, seed: number): RgbaImage {
  const img = createImage(width, height);
  const words = new Uint32Array(img.data.buffer);
  let s = seed;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      const n = s >>> 28;
      const r = 60 + ((x >> 3) % 100) + n;
      const g = 50 + ((y >> 3) % 120) + n;
      const b = 70 + (((x + y) >> 4) % 90) + n;
      words[y * width + x] = (255 << 24) | (b << 16) | (g << 8) | r; // little-endian RGBA
    }
  }
  return img;
}

/** An object-removal mask: a few blobs and strokes (~12% of the photo), feathered by 16 px. */
function objectMask(): Mask {
  const mask = createMask(W, H);
  const blob = (x: number, y: number, size: number) =>
    paintSegment(mask, { x, y }, { x, y }, { size, hardness: 1, mode: 'paint' });
  blob(2600, 1800, 1300);
  blob(3300, 2300, 1000);
  paintSegment(mask, { x: 2100, y: 1300 }, { x: 3800, y: 2800 }, { size: 400, hardness: 0.8, mode: 'paint' });
  return { width: W, height: H, data: featherMask(mask.data, W, H, 16) };
}

function time(run: () => void): number {
  for (let i = 0; i < 2; i++) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return Math.round(median(times) * 100) / 100;
}

export async function pasteBackBenchmark(): Promise<{ name: string; medianMs: number }[]> {
  const original = photo(W, H, 1);
  const mask = objectMask();
  const bounds = maskBounds(mask);
  if (!bounds) throw new Error('the benchmark mask is empty');
  const { crop } = planCrop({ width: W, height: H }, bounds, 64, { multipleOf: 8 });
  const engine = planCrop({ width: W, height: H }, bounds, 64, { multipleOf: 64, maxSide: 1024 });
  const area = (r: Rect) => `${Math.round((100 * r.width * r.height) / (W * H))}%`;
  const regionResult = photo(crop.width, crop.height, 2);
  const engineResult = photo(engine.outputWidth, engine.outputHeight, 3);
  const wholeResult = photo(W, H, 4);
  const out = createImage(W, H);
  const whole = { x: 0, y: 0, width: W, height: H };

  const cases: [string, () => void][] = [
    [`region result ${crop.width}x${crop.height} (${area(crop)}), into out`, () =>
      compositeResult(original, regionResult, crop, mask, { out })],
    [`region result ${crop.width}x${crop.height} (${area(crop)}), in place`, () =>
      compositeResult(out, regionResult, crop, mask, { out })],
    [`engine result ${engine.outputWidth}x${engine.outputHeight} resized to the region, into out`, () =>
      compositeResult(original, engineResult, engine.crop, mask, { out })],
    [`whole-image result ${W}x${H}, into out`, () => compositeResult(original, wholeResult, whole, mask, { out })],
    [`whole-image result ${W}x${H}, in place`, () => compositeResult(out, wholeResult, whole, mask, { out })],
  ];
  const results: { name: string; medianMs: number }[] = [];
  for (const [name, run] of cases) {
    results.push({ name: `paste-back + colour match 24 MP, ${name}`, medianMs: time(run) });
    // Let a caller's progress output through between cases.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`Paste-back (Node, V8): median of ${RUNS} runs, target < 300 ms`);
  for (const r of await pasteBackBenchmark()) console.log(`  ${r.name.padEnd(96)} ${r.medianMs.toFixed(1).padStart(8)} ms`);
}
