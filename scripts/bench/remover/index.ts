import { pathToFileURL } from 'node:url';
import { prepareCrop } from '../../../src/compositing/prepareCrop';
import { holeForFill } from '../../../src/engines/builtinRemover/hole';
import { meta } from '../../../src/engines/builtinRemover/meta';
import { defaultParams } from '../../../src/jobs/params';
import type { Mask } from '../../../src/mask/types';
import { makeHoles } from '../../../src/remover/holes';
import { fillHole } from '../../../src/remover/patchMatch';
import { meanDifferenceInHole, measureFill, type Metrics } from '../../../src/remover/quality';
import { teleaFill } from '../../../src/remover/telea';
import type { RgbaImage } from '../../../src/image/rgba';
import { HELD_OUT, loadPhotos, makeBigPhoto, type Photo } from './photos';
import { printTable } from './table';

/**
 * The built-in remover against the photos it will meet: holes cut out of real photos,
 * filled by PatchMatch and by the Telea-style baseline, scored against what was there.
 * PatchMatch's scores are the mean of two variations (seeds 1 and 2), whose difference
 * inside the hole is reported too. The photos held out from tuning (photos.ts) are
 * averaged apart.
 */

export type { Metrics };

export interface PhotoResult {
  photo: string;
  kind: string;
  coverage: number;
  /** Held out from tuning (photos.ts). */
  heldOut: boolean;
  /** Mean of the seed 1 and seed 2 fills' scores. */
  patchMatch: Metrics;
  telea: Metrics;
  /** Mean absolute difference (0-255) between the seed 1 and seed 2 fills, inside the hole. */
  variation: number;
  /** PatchMatch's fill time (median, seed 1). */
  seconds: number;
}

export interface GroupAverage {
  patchMatch: Metrics;
  telea: Metrics;
  variation: number;
  seconds: number;
}

/** A mask sent as the app sends it: the variations' difference. */
export interface OwnMaskResult {
  photo: string;
  /** The crop the engine got. */
  width: number;
  height: number;
  variation: number;
}

export interface RemoverBenchmark {
  perPhoto: PhotoResult[];
  average: { tuned: GroupAverage; heldOut: GroupAverage; all: GroupAverage };
  ownMasks: OwnMaskResult[];
  /** A centred square over 5% of each photo, sent as the app sends it (what the in-app bench paints). */
  centredSquares: OwnMaskResult[];
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

function groupAverage(rows: PhotoResult[]): GroupAverage {
  const mean = (pick: (r: PhotoResult) => number) => rows.reduce((sum, r) => sum + pick(r), 0) / rows.length;
  return {
    patchMatch: averageOf(rows.map((r) => r.patchMatch)),
    telea: averageOf(rows.map((r) => r.telea)),
    variation: mean((r) => r.variation),
    seconds: mean((r) => r.seconds),
  };
}

/** `hardMask` over the photo as the app sends it (default feather and padding, only the masked area), filled with seeds 42 and 43. */
function appVariation(photo: Photo, hardMask: Mask): OwnMaskResult {
  const { feather, inpaintArea, padding } = defaultParams;
  const crop = prepareCrop(photo.image, hardMask, { feather, inpaintArea, padding, featherOutside: meta.featherOutside }, meta.sizeRules);
  const mask = crop.mask!;
  const hole = holeForFill(mask);
  const a = fillHole(crop.image, hole, { seed: 42 });
  const b = fillHole(crop.image, hole, { seed: 43 });
  return { photo: photo.name, width: crop.image.width, height: crop.image.height, variation: meanDifferenceInHole(a, b, hole) };
}

function centredSquare(width: number, height: number, coverage: number): Mask {
  const side = Math.round(Math.sqrt(coverage * width * height));
  const x0 = Math.round((width - side) / 2), y0 = Math.round((height - side) / 2);
  const data = new Uint8Array(width * height);
  for (let y = y0; y < y0 + side; y++) data.fill(255, y * width + x0, y * width + x0 + side);
  return { width, height, data };
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
      const second = fillHole(photo.image, mask, { seed: 2 });
      perPhoto.push({
        photo: photo.name,
        kind,
        coverage: COVERAGE,
        heldOut: HELD_OUT.includes(photo.name),
        patchMatch: averageOf([measureFill(result, photo.image, mask), measureFill(second, photo.image, mask)]),
        telea: measureFill(teleaFill(photo.image, mask), photo.image, mask),
        variation: meanDifferenceInHole(result, second, mask),
        seconds,
      });
    }
  });
  const average = {
    tuned: groupAverage(perPhoto.filter((r) => !r.heldOut)),
    heldOut: groupAverage(perPhoto.filter((r) => r.heldOut)),
    all: groupAverage(perPhoto),
  };
  const ownMasks = photos.map((photo) => appVariation(photo, photo.mask));
  const centredSquares = photos.map((photo) => appVariation(photo, centredSquare(photo.image.width, photo.image.height, COVERAGE)));
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
  return { perPhoto, average, ownMasks, centredSquares, timing };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.env.RUNS ?? 3);
  printTable(await removerBenchmark({ runs, timing: process.env.TIMING !== '0' }));
}
