/** Engine metas for unit tests: one that takes every parameter, one that takes none of the prompt's. */
import { MAX_SEED, type EngineMeta } from './contract';

/** A diffusion-like engine: every parameter, SD-like ranges. */
export const diffusionMeta: EngineMeta = {
  params: {
    prompt: { maxLength: 1000 },
    negativePrompt: {},
    strength: { min: 0.01, max: 1, default: 0.75 },
    steps: { min: 1, max: 150, default: 25 },
    guidanceScale: { min: 0, max: 30, default: 7.5 },
    scheduler: { choices: ['euler-a', 'euler', 'dpmpp-2m', 'ddim'], default: 'euler-a' },
    seed: { max: MAX_SEED },
    variations: { min: 1, max: 8, default: 4 },
  },
  maxVariationsPerRun: 8,
  sizeRules: { multipleOf: 8 },
  maskOptional: false,
  concurrency: 1,
};

/** A removal engine: no prompt, no strength, steps, guidance or scheduler. */
export const removerMeta: EngineMeta = {
  params: { seed: { max: MAX_SEED }, variations: { min: 1, max: 8, default: 4 } },
  unusedParamsNote: 'Fills from the surroundings; uses no prompt.',
  maxVariationsPerRun: 8,
  sizeRules: { multipleOf: 1 },
  maskOptional: false,
  concurrency: 1,
};
