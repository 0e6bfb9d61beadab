import type { Nnf } from './nnf';
import type { PatchSets } from './patches';
import { CHANNELS, FEATURE_WEIGHT, type Level } from './level';
import type { Random } from './random';
import { throwIfAborted, type AbortFlag } from './types';

// Imported constants copied into module constants: test and script runners may turn
// imported names into property reads, too slow for inner loops.
const STRIDE = CHANNELS;
const FEATURES = FEATURE_WEIGHT;

/**
 * A textured start for the coarsest scale: fill the hole ring by ring from its edge,
 * copying for each pixel the centre of the source patch that best matches what is
 * already there (known pixels only). A smooth start would lure EM into matching smooth
 * patches and blurring; this one gives it real texture and the seed a real say.
 */

/** Random sources tried per hole pixel: many on small holes, fewer on big ones (cost). */
function randomTries(holePixels: number): number {
  return Math.round(Math.min(200, Math.max(20, 4e6 / Math.max(1, holePixels))));
}

/** Mean squared RGB difference over the pixels of target patch `t` that are filled. */
function knownDistance(level: Level, filled: Uint8Array, r: number, t: number, s: number): number {
  const { width, pixels } = level;
  let sum = 0, n = 0;
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      const ti = t + dy * width + dx;
      if (!filled[ti]) continue;
      const a = ti * STRIDE, b = (s + dy * width + dx) * STRIDE;
      sum += (pixels[a] - pixels[b]) ** 2 + (pixels[a + 1] - pixels[b + 1]) ** 2 + (pixels[a + 2] - pixels[b + 2]) ** 2 +
        FEATURES * ((pixels[a + 4] - pixels[b + 4]) ** 2 + (pixels[a + 5] - pixels[b + 5]) ** 2);
      n++;
    }
  }
  return n > 0 ? sum / n : Infinity;
}

/** The hole's pixels grouped by ring: ring k is k steps (8-connected) from the known part. */
function rings(level: Level): number[][] {
  const { width, height, hole } = level;
  const seen = new Uint8Array(width * height);
  for (let i = 0; i < hole.length; i++) if (!hole[i]) seen[i] = 1;
  const grow = (from: number[] | null) => {
    const next: number[] = [];
    const visit = (i: number) => {
      const x = i % width, y = (i - x) / width;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx, ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const n = ny * width + nx;
        if (!seen[n]) { seen[n] = 1; next.push(n); }
      }
    };
    if (from) from.forEach(visit);
    else for (let i = 0; i < hole.length; i++) if (!hole[i]) visit(i);
    return next;
  };
  const all: number[][] = [];
  let ring = grow(null);
  while (ring.length > 0) { all.push(ring); ring = grow(ring); }
  return all;
}

export function peelInit(level: Level, sets: PatchSets, nnf: Nnf, random: Random, signal?: AbortFlag): void {
  const { width, height, pixels } = level;
  const { radius: r, isSource, sources } = sets;
  const filled = new Uint8Array(width * height);
  for (let i = 0; i < filled.length; i++) filled[i] = level.hole[i] ? 0 : 1;
  const all = rings(level);
  const tries = randomTries(all.reduce((sum, ring) => sum + ring.length, 0));
  for (const ring of all) {
    throwIfAborted(signal);
    const picks: number[] = [];
    for (const p of ring) {
      const px = p % width, py = (p - px) / width;
      const cx = Math.min(width - 1 - r, Math.max(r, px)), cy = Math.min(height - 1 - r, Math.max(r, py));
      const t = cy * width + cx;
      let best = nnf.match[t], bestCost = knownDistance(level, filled, r, t, best);
      const consider = (s: number) => {
        if (s < 0 || s >= isSource.length || !isSource[s]) return;
        const d = knownDistance(level, filled, r, t, s);
        if (d < bestCost) { best = s; bestCost = d; }
      };
      // Filled neighbours' matches, shifted: continues the structure they started.
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const n = t + dy * width + dx;
        if ((dx || dy) && filled[n] && level.hole[n] && nnf.match[n] >= 0) consider(nnf.match[n] - dy * width - dx);
      }
      for (let k = 0; k < tries; k++) consider(sources[Math.floor(random() * sources.length)]);
      nnf.match[t] = best;
      // p sits at (px - cx, py - cy) in the target patch; copy what the source has there.
      picks.push(best + (py - cy) * width + (px - cx));
    }
    ring.forEach((p, k) => {
      for (let c = 0; c < STRIDE; c++) pixels[p * STRIDE + c] = pixels[picks[k] * STRIDE + c];
      filled[p] = 1;
    });
  }
}
