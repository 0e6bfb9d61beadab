import { pathToFileURL } from 'node:url';
import type { Mask } from '../../../src/mask/types';
import { makeHoles } from '../../../src/remover/holes';
import { fillHole } from '../../../src/remover/patchMatch';
import { measureFill, type Metrics } from '../../../src/remover/quality';
import { teleaFill } from '../../../src/remover/telea';
import type { RgbaImage } from '../../../src/image/rgba';
import { loadPhotos, makeBigPhoto } from './photos';
import { printTable } from './table';

/**
 * The built-in remover against the photos it will meet: holes cut out of real photos,
 * filled by PatchMatch and by the Telea-style baseline, scored against what was there.
 */

export type { Metrics };

export interface PhotoResult {
  photo: string;
  kind: string;
  coverage: number;
  patchMatch: Metrics;
  telea: Metrics;
  /** PatchMatch's fill time (median). */
  seconds: number;
}

export interface RemoverBenchmark {
  perPhoto: PhotoResult[];
  average: { patchMatch: Metrics; telea: Metrics; seconds: number };
  timing: { photo512Seconds: number; photo12mpSeconds: number };
}

const KINDS = ['strokes', 'blobs'] as const;
const COVERAGE = 0.05;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median seconds of `runs` fills (the machine is shared, so single runs are noisy). */
function timeFill(image: RgbaImage, mask: Mask, runs: number): { seconds: number; result: RgbaImage } {
  const times: number[] = [];
  let result = image;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    result = fillHole(image, mask, { seed: 1 });
    times.push((performance.now() - start) / 1000);
  }
  return { seconds: median(times), result };
}

function averageOf(list: Metrics[]): Metrics {
  const mean = (pick: (m: Metrics) => number) => list.reduce((sum, m) => sum + pick(m), 0) / list.length;
  return {
    psnr: mean((m) => m.psnr),
    ssim: mean((m) => m.ssim),
    coarsePsnr: mean((m) => m.coarsePsnr),
    textureRatio: mean((m) => m.textureRatio),
  };
}

export async function removerBenchmark(options: { runs?: number; timing?: boolean } = {}): Promise<RemoverBenchmark> {
  const runs = options.runs ?? 3;
  const photos = loadPhotos();
  const perPhoto: PhotoResult[] = [];
  photos.forEach((photo, index) => {
    for (const kind of KINDS) {
      const { width, height } = photo.image;
      const mask = makeHoles(width, height, { coverage: COVERAGE, seed: index + 1, kind });
      const { seconds, result } = timeFill(photo.image, mask, runs);
      perPhoto.push({
        photo: photo.name,
        kind,
        coverage: COVERAGE,
        patchMatch: measureFill(result, photo.image, mask),
        telea: measureFill(teleaFill(photo.image, mask), photo.image, mask),
        seconds,
      });
    }
  });
  const average = {
    patchMatch: averageOf(perPhoto.map((r) => r.patchMatch)),
    telea: averageOf(perPhoto.map((r) => r.telea)),
    seconds: perPhoto.reduce((sum, r) => sum + r.seconds, 0) / perPhoto.length,
  };
  let timing = { photo512Seconds: NaN, photo12mpSeconds: NaN };
  if (options.timing ?? true) {
    // A 512x512 photo with the hole its example came with, and a 12 MP photo with a 5% hole
    // in one piece (the biggest crop; scattered pieces get smaller crops and go faster).
    const example = photos[0];
    const big = makeBigPhoto(photos);
    const bigMask = makeHoles(big.width, big.height, { coverage: COVERAGE, seed: 1, kind: 'blobs', blobs: 1 });
    timing = {
      photo512Seconds: timeFill(example.image, example.mask, Math.max(runs, 5)).seconds,
      photo12mpSeconds: timeFill(big, bigMask, runs).seconds,
    };
  }
  return { perPhoto, average, timing };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.env.RUNS ?? 3);
  printTable(await removerBenchmark({ runs, timing: process.env.TIMING !== '0' }));
}
