/**
 * The fill's tuning and how much work each scale gets. Coarse scales are cheap and decide
 * the structure, so they get many iterations; the full-resolution scale only refines
 * texture and is where a 12-megapixel photo spends its time, so its iterations are
 * capped by the size of the hole. Values chosen with scripts/bench/remover.
 */

/**
 * 5x5 patches. 7x7 kept structure slightly better (coarse PSNR) but copied flatter
 * texture (texture ratio 0.83 against 0.87 on the benchmark holes).
 */
export const PATCH_RADIUS = 2;
/** Random search window (pixels) below the coarsest scale, where matches only need refining. */
export const FINE_SEARCH_RADIUS = 16;
/** Higher: the vote listens only to the best-matching patches (sharper, less averaging). */
export const VOTE_SHARPNESS = 10;
/**
 * A coarser scale is used only if this many whole patches lie outside its hole: with
 * fewer, the coarse fill would repeat the same few patches everywhere.
 */
export const MIN_COARSE_SOURCES = 16;
/**
 * After the fill, its broad colours are moved towards the smooth fill's (lowFrequency.ts):
 * blurred over a sigma of 8 px, worked out on a 4x coarser grid, by at most 16 grey levels
 * (length of the RGB change). Chosen on the tuned photos (scripts/bench/remover/photos.ts)
 * only; see the README for the figures. Without the cap, a fill that copied bricks where
 * the hole's edge holds a bench and a pavement was tinted grey-brown by their blend; with
 * it the correction evens out shading and colour drift and leaves such choices alone.
 */
export const LOW_FREQUENCY = { strength: 1, sigma: 8, factor: 4, limit: 16 } as const;
/** Stop halving when the crop's short side would drop below this. */
const MIN_SIDE = 4 * (2 * PATCH_RADIUS + 1);
/**
 * Coarsest scale: the hole is at most this deep. Deeper keeps more detail for the coarse
 * search to go on (better broad colours); shallower lets patches span the hole.
 */
const COARSEST_DEPTH = 5;
/** Target-pixel iterations the full-resolution scale may spend. */
const FINEST_WORK = 1_500_000;

export interface LevelWork {
  /** Expectation-maximisation rounds: match, then vote. */
  rounds: number;
  /** PatchMatch sweeps per round. */
  sweeps: number;
}

/** Number of scales: halve until the hole is thin enough or the crop too small. */
export function levelCount(width: number, height: number, depth: number): number {
  let levels = 1;
  let w = width, h = height, d = depth;
  while (d > COARSEST_DEPTH && Math.min(w, h) / 2 >= MIN_SIDE) {
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
    d = Math.ceil(d / 2) + 1; // a coarse pixel is a hole if any child is
    levels++;
  }
  return levels;
}

/** Work for scale `level` (0 = full resolution) of `levels`, with ~`holePixels` to fill there. */
export function levelWork(level: number, levels: number, holePixels: number): LevelWork {
  if (level === 0) {
    // A single scale has no coarse answer to start from, so it needs more rounds.
    const wanted = levels === 1 ? 8 : 3;
    const affordable = Math.floor(FINEST_WORK / Math.max(1, holePixels));
    return { rounds: Math.max(1, Math.min(wanted, affordable)), sweeps: levels === 1 ? 2 : 1 };
  }
  const fromCoarsest = levels - 1 - level;
  return { rounds: Math.max(3, 8 - fromCoarsest), sweeps: 2 };
}
