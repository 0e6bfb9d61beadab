/** What picture sizes an inpainting engine accepts. */
export interface EngineSizeRules {
  /** Both sides must be multiples of this (8 for SD's latent grid, 64 for some models). */
  multipleOf: number;
  /** The width / height the engine wants, e.g. 1 for 512x512 models; undefined = any. */
  aspect?: number;
  /** The short side is scaled up to at least this (small crops would give the model too few pixels). */
  minSide?: number;
  /** The long side is scaled down to at most this (the engine's memory limit); wins over minSide. */
  maxSide?: number;
}

/** Fails loudly on rules that cannot produce a size. */
export function checkRules(rules: EngineSizeRules): void {
  const { multipleOf, aspect, minSide, maxSide } = rules;
  if (!(Number.isInteger(multipleOf) && multipleOf > 0)) throw new RangeError(`multipleOf must be a positive integer, got ${multipleOf}`);
  if (aspect !== undefined && !(aspect > 0 && Number.isFinite(aspect))) throw new RangeError(`aspect must be positive, got ${aspect}`);
  if (minSide !== undefined && !(minSide > 0)) throw new RangeError(`minSide must be positive, got ${minSide}`);
  if (maxSide !== undefined && !(maxSide > 0)) throw new RangeError(`maxSide must be positive, got ${maxSide}`);
}

/** The multiples of `m` allowed by min/max side; the max wins when they conflict. */
function sideLimits({ multipleOf: m, minSide, maxSide }: EngineSizeRules): [number, number] {
  const hi = maxSide === undefined ? Infinity : Math.max(m, Math.floor(maxSide / m) * m);
  const lo = minSide === undefined ? m : Math.ceil(minSide / m) * m;
  return [Math.min(lo, hi), hi];
}

/**
 * The size the engine gets for a crop of w x h: scaled (keeping its shape) so the short
 * side reaches minSide and the long side stays within maxSide, each side then rounded to
 * multipleOf. With an aspect, the sides are chosen among nearby multiples to match it as
 * closely as the multiple allows, then to stay closest to the scaled size.
 */
export function engineSize(w: number, h: number, rules: EngineSizeRules): { width: number; height: number } {
  checkRules(rules);
  const m = rules.multipleOf;
  const [lo, hi] = sideLimits(rules);
  const snap = (v: number) => Math.min(hi, Math.max(lo, Math.round(v / m) * m));
  const aspect = rules.aspect;
  // A crop that could not keep the aspect (clipped by the image) is judged at the engine's aspect.
  const cw = aspect === undefined ? w : Math.sqrt(w * h * aspect);
  const ch = aspect === undefined ? h : cw / aspect;
  let s = 1;
  if (rules.minSide !== undefined && Math.min(cw, ch) * s < rules.minSide) s = rules.minSide / Math.min(cw, ch);
  if (rules.maxSide !== undefined && Math.max(cw, ch) * s > rules.maxSide) s = rules.maxSide / Math.max(cw, ch);
  const tw = cw * s;
  const th = ch * s;
  if (aspect === undefined) return { width: snap(tw), height: snap(th) };

  let best = { width: snap(tw), height: snap(th) };
  let bestScore = Infinity;
  const k0 = Math.floor(tw / m);
  for (let k = k0 - 2; k <= k0 + 3; k++) {
    const width = Math.min(hi, Math.max(lo, k * m));
    const height = snap(width / aspect);
    // Aspect error first (the engine's training shape), then distance from the wanted size.
    const score = 8 * Math.abs(Math.log(width / height / aspect)) + Math.abs(Math.log(width / tw));
    if (score < bestScore) {
      bestScore = score;
      best = { width, height };
    }
  }
  return best;
}
