import { CHANNELS, FEATURE_WEIGHT, type Level } from './level';
import type { PatchSets } from './patches';
import { randomInt, type Random } from './random';

// Imported constants copied into module constants: test and script runners may turn
// imported names into property reads, too slow for inner loops.
const STRIDE = CHANNELS;
const FEATURES = FEATURE_WEIGHT;

/**
 * Sum of squared differences between the patches centred at `a` and `b`: RGB plus the
 * weighted texture features (alpha is not compared). Stops as soon as a row takes it
 * past `limit`: the candidate has lost, and its exact cost no longer matters.
 */
function patchDistance(pixels: Float32Array, width: number, radius: number, a: number, b: number, limit: number): number {
  let sum = 0;
  const side = 2 * radius + 1;
  const stride = width * STRIDE;
  let pa = (a - radius * width - radius) * STRIDE;
  let pb = (b - radius * width - radius) * STRIDE;
  for (let row = 0; row < side; row++) {
    const end = pa + side * STRIDE;
    for (let i = pa, j = pb; i < end; i += STRIDE, j += STRIDE) {
      const dr = pixels[i] - pixels[j];
      const dg = pixels[i + 1] - pixels[j + 1];
      const db = pixels[i + 2] - pixels[j + 2];
      const fx = pixels[i + 4] - pixels[j + 4];
      const fy = pixels[i + 5] - pixels[j + 5];
      sum += dr * dr + dg * dg + db * db + FEATURES * (fx * fx + fy * fy);
    }
    if (sum >= limit) return sum;
    pa += stride;
    pb += stride;
  }
  return sum;
}

/**
 * The nearest-neighbour field: for each target centre, the source centre whose patch
 * looks most like it (so far) and how far apart they look. -1 where there is no target.
 */
export interface Nnf {
  match: Int32Array;
  cost: Float32Array;
}

function emptyNnf(size: number): Nnf {
  return { match: new Int32Array(size).fill(-1), cost: new Float32Array(size) };
}

/** Every target gets a source drawn at random: the seed's say in what the fill becomes. */
export function randomNnf(level: Level, sets: PatchSets, random: Random): Nnf {
  const nnf = emptyNnf(level.width * level.height);
  for (const t of sets.targets) nnf.match[t] = sets.sources[randomInt(random, sets.sources.length)];
  return nnf;
}

/**
 * The coarse field, doubled: a target takes its coarse parent's match, shifted to the same
 * child position, so the structure found cheaply at the coarse scale carries over.
 */
export function upsampleNnf(coarse: Nnf, coarseLevel: Level, fine: Level, sets: PatchSets, random: Random): Nnf {
  const nnf = emptyNnf(fine.width * fine.height);
  const cw = coarseLevel.width;
  const ch = coarseLevel.height;
  const fw = fine.width;
  for (const t of sets.targets) {
    const x = t % fw;
    const y = (t - x) / fw;
    const parent = coarse.match[Math.min(y >> 1, ch - 1) * cw + Math.min(x >> 1, cw - 1)];
    let chosen = -1;
    if (parent >= 0) {
      const px = parent % cw;
      const py = (parent - px) / cw;
      const exact = (2 * py + (y & 1)) * fw + 2 * px + (x & 1);
      const corner = 2 * py * fw + 2 * px;
      if (sets.isSource[exact]) chosen = exact;
      else if (sets.isSource[corner]) chosen = corner;
    }
    nnf.match[t] = chosen >= 0 ? chosen : sets.sources[randomInt(random, sets.sources.length)];
  }
  return nnf;
}

/** Costs go stale once the hole's pixels change (after each vote): measure them again. */
export function refreshCosts(level: Level, sets: PatchSets, nnf: Nnf): void {
  for (const t of sets.targets) {
    nnf.cost[t] = patchDistance(level.pixels, level.width, sets.radius, t, nnf.match[t], Infinity);
  }
}

/**
 * One PatchMatch sweep (Barnes et al. 2009): each target tries its neighbours' matches
 * shifted by one (good matches come in coherent runs) and then random sources in
 * windows halving from `searchRadius` around its best. Alternate sweep directions so
 * good matches spread both ways.
 */
export function improveNnf(level: Level, sets: PatchSets, nnf: Nnf, random: Random, forward: boolean, searchRadius: number): void {
  const { width, height, pixels } = level;
  const { radius, isSource, targets } = sets;
  const { match, cost } = nnf;
  const step = forward ? 1 : -1;
  const rowStep = forward ? width : -width;
  const count = targets.length;
  for (let k = 0; k < count; k++) {
    const t = targets[forward ? k : count - 1 - k];
    let best = match[t];
    let bestCost = cost[t];
    const left = match[t - step];
    if (left >= 0) {
      const candidate = left + step;
      if (candidate !== best && isSource[candidate]) {
        const d = patchDistance(pixels, width, radius, t, candidate, bestCost);
        if (d < bestCost) { best = candidate; bestCost = d; }
      }
    }
    const up = match[t - rowStep];
    if (up >= 0) {
      const candidate = up + rowStep;
      if (candidate !== best && isSource[candidate]) {
        const d = patchDistance(pixels, width, radius, t, candidate, bestCost);
        if (d < bestCost) { best = candidate; bestCost = d; }
      }
    }
    const bx = best % width;
    const by = (best - bx) / width;
    for (let r = searchRadius; r >= 1; r >>= 1) {
      const cx = Math.min(width - 1 - radius, Math.max(radius, bx + Math.floor(random() * (2 * r + 1)) - r));
      const cy = Math.min(height - 1 - radius, Math.max(radius, by + Math.floor(random() * (2 * r + 1)) - r));
      const candidate = cy * width + cx;
      if (candidate === best || !isSource[candidate]) continue;
      const d = patchDistance(pixels, width, radius, t, candidate, bestCost);
      if (d < bestCost) { best = candidate; bestCost = d; }
    }
    match[t] = best;
    cost[t] = bestCost;
  }
}
