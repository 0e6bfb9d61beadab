import { MAX_SEED, type EngineMeta } from '../contract';

export const label = 'Built-in remover';

/** A PatchMatch exemplar fill: no prompt, any size, one variation per seed, one job at a time. */
export const meta: EngineMeta = {
  params: {
    seed: { max: MAX_SEED },
    variations: { min: 1, max: 8, default: 4 },
  },
  unusedParamsNote: 'The built-in remover fills from the surroundings and uses no prompt, strength, steps, guidance or scheduler.',
  maxVariationsPerRun: 8,
  // It fills at the crop's own resolution: no size rules beyond whole pixels.
  sizeRules: { multipleOf: 1 },
  maskOptional: false,
  concurrency: 1,
  // Removing: the soft edge must not let the object show through.
  featherOutside: true,
};
