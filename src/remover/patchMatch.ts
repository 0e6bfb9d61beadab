import type { Mask } from '../mask/types';
import { fillCrops } from './crops';
import { correctLowFrequencies } from './lowFrequency';
import { CHANNELS, type Level } from './level';
import { improveNnf, randomNnf, refreshCosts, upsampleNnf, type Nnf } from './nnf';
import { countSources, patchSets, type PatchSets } from './patches';
import { peelInit } from './peelInit';
import { cropHole, cropLevel, enlargeHole, halve, halveHole, holeDepth, pasteHole } from './pyramid';
import { mulberry32, type Random } from './random';
import { FINE_SEARCH_RADIUS, levelCount, levelWork, LOW_FREQUENCY, MIN_COARSE_SOURCES, PATCH_RADIUS, VOTE_SHARPNESS } from './schedule';
import { peelFill } from './telea';
import { type RgbaImage } from '../image/rgba';
import { throwIfAborted, type FillOptions } from './types';
import { vote, voteWeights } from './vote';

/**
 * Exemplar-based hole filling: multi-scale PatchMatch with EM voting (Wexler et al. 2007,
 * Barnes et al. 2009), as in "content-aware fill". Each hole pixel is rebuilt from
 * patches copied from the known part of the photo around it, coarse scale first.
 */

interface Progress {
  done: number;
  total: number;
  report?: (done: number, total: number) => void;
}

/** One scale of a crop with its patch bookkeeping. */
interface Scale {
  level: Level;
  sets: PatchSets;
}

function countHoles(hole: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < hole.length; i++) n += hole[i];
  return n;
}

/** The rounds a crop will run, summed (the unit of progress). */
function plannedRounds(levels: number, holePixels: number): number {
  let total = 0;
  for (let l = 0; l < levels; l++) total += levelWork(l, levels, holePixels >> (2 * l)).rounds;
  return total;
}

/**
 * How many of the `wanted` scales can be used: each needs patches wholly outside its hole
 * to copy from. A coarse pixel is a hole if any child is, so a thin frame of context (an
 * app crop with little padding) vanishes a few halvings down; the fill then starts at the
 * coarsest scale that still has enough of it, instead of giving up. 0: not even the
 * full-resolution scale has a source.
 */
export function usableLevels(hole: Uint8Array, width: number, height: number, wanted: number): number {
  let usable = 0;
  for (let level = 0; level < wanted; level++) {
    if (countSources(hole, width, height, PATCH_RADIUS) < (level === 0 ? 1 : MIN_COARSE_SOURCES)) break;
    usable = level + 1;
    hole = halveHole(hole, width, height);
    width = Math.ceil(width / 2);
    height = Math.ceil(height / 2);
  }
  return usable;
}

/** The `levels` scales of one crop, finest first (levels from usableLevels). */
function buildPyramid(finest: Level, levels: number): Scale[] {
  const pyramid: Scale[] = [];
  let level = finest;
  for (;;) {
    pyramid.push({ level, sets: patchSets(level, PATCH_RADIUS) });
    if (pyramid.length === levels) return pyramid;
    level = halve(level);
  }
}

/** Fills the hole pixels of the finest scale in place. */
function fillPyramid(pyramid: Scale[], random: Random, options: FillOptions, progress: Progress): void {
  const finestHoles = countHoles(pyramid[0].level.hole);
  let previous: { nnf: Nnf; level: Level } | null = null;
  for (let l = pyramid.length - 1; l >= 0; l--) {
    const { level, sets } = pyramid[l];
    const work = levelWork(l, pyramid.length, finestHoles >> (2 * l));
    let nnf: Nnf;
    if (previous) {
      nnf = upsampleNnf(previous.nnf, previous.level, level, sets, random);
      enlargeHole(previous.level, level);
      // Vote once with the inherited matches before searching: searching against the
      // blocky enlargement would favour flat patches and blur the result.
      refreshCosts(level, sets, nnf);
      vote(level, sets, nnf, voteWeights(sets, nnf, VOTE_SHARPNESS));
    } else {
      nnf = randomNnf(level, sets, random);
      peelInit(level, sets, nnf, random, options.signal);
    }
    // The coarsest scale searches everywhere; finer ones only refine what they inherited.
    const everywhere = Math.max(level.width, level.height);
    const searchRadius = previous ? Math.min(FINE_SEARCH_RADIUS, everywhere) : everywhere;
    for (let round = 0; round < work.rounds; round++) {
      throwIfAborted(options.signal);
      refreshCosts(level, sets, nnf);
      for (let sweep = 0; sweep < work.sweeps; sweep++) {
        improveNnf(level, sets, nnf, random, (round * work.sweeps + sweep) % 2 === 0, searchRadius);
      }
      vote(level, sets, nnf, voteWeights(sets, nnf, VOTE_SHARPNESS));
      progress.done++;
      progress.report?.(Math.min(progress.done, progress.total), progress.total);
    }
    previous = { nnf, level };
  }
}

/**
 * A new image: the hole (mask >= 128) filled with texture from the rest of the photo;
 * every other pixel is copied unchanged. Same seed, same fill. Throws an Error named
 * 'AbortError' once `options.signal.aborted` is seen (checked between iterations).
 */
export function fillHole(image: RgbaImage, mask: Mask, options: FillOptions): RgbaImage {
  if (mask.width !== image.width || mask.height !== image.height) {
    throw new RangeError(`mask ${mask.width}x${mask.height} does not match image ${image.width}x${image.height}`);
  }
  throwIfAborted(options.signal);
  const out: RgbaImage = { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data) };
  const random = mulberry32(options.seed);
  // Plan every crop first so progress can say how much is left overall.
  const plans = fillCrops(mask).map((crop) => {
    const hole = cropHole(mask, crop);
    const wanted = levelCount(crop.width, crop.height, holeDepth(hole, crop.width, crop.height));
    const levels = usableLevels(hole, crop.width, crop.height, wanted);
    return { crop, levels, rounds: plannedRounds(levels, countHoles(hole)) };
  });
  const progress: Progress = { done: 0, total: plans.reduce((sum, p) => sum + p.rounds, 0), report: options.onProgress };
  for (const { crop, levels } of plans) {
    throwIfAborted(options.signal);
    const finest = cropLevel(image, mask, crop);
    // With no whole patch to copy, a smooth fill is the best there is; with nothing
    // known at all there is nothing to fill from, and the photo stays as it was.
    let filled = true;
    if (levels > 0) {
      fillPyramid(buildPyramid(finest, levels), random, options, progress);
      // The copied texture, its broad colours pulled towards the smooth fill's.
      correctLowFrequencies(finest, LOW_FREQUENCY);
    } else {
      filled = peelFill(finest.pixels, finest.width, finest.height, finest.hole, CHANNELS);
    }
    if (filled) pasteHole(finest, crop, out);
  }
  progress.report?.(progress.total, progress.total);
  return out;
}
