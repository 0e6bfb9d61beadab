import { MAX_SEED, type EngineMeta, type EngineSettingField } from '../contract';
import { implementedSchedulers } from './diffusion/schedulerIds';
import type { LocalModel } from './catalog';

export const label = 'Local model';

export const settingsFields: EngineSettingField[] = [
  { key: 'model', label: 'Model', default: 'migan', hidden: true },
  { key: 'backend', label: 'Run on', default: 'auto', hidden: true },
  { key: 'maskedContent', label: 'Masked content', default: 'original', hidden: true },
];

/** Stable Diffusion in the browser: every parameter; a Turbo model takes 1-4 steps and no guidance. */
function diffusionMeta(model: LocalModel): EngineMeta {
  return {
    params: {
      prompt: { maxLength: 2000 },
      ...(model.turbo ? {} : { negativePrompt: { maxLength: 2000 } }),
      strength: { min: 0.01, max: 1, default: 1 },
      steps: model.turbo ? { min: 1, max: 4, default: 1 } : { min: 1, max: 100, default: 25 },
      ...(model.turbo ? {} : { guidanceScale: { min: 0, max: 20, default: 7.5 } }),
      scheduler: model.turbo ? { choices: ['euler', 'euler-a', 'lcm'], default: 'euler' } : { choices: implementedSchedulers, default: 'euler-a' },
      seed: { max: MAX_SEED },
      variations: { min: 1, max: 8, default: 2 },
    },
    unusedParamsNote: model.turbo ? 'A Turbo model runs in 1 to 4 steps without guidance or a negative prompt.' : undefined,
    maxVariationsPerRun: 1,
    // Latents are 1/8 of the picture; SD 1.x was trained at 512.
    sizeRules: { multipleOf: 8, minSide: 512, maxSide: 768 },
    maskOptional: true,
    concurrency: 1,
  };
}

const removalNote = 'This model fills from the surroundings and uses no prompt, strength, steps, guidance or scheduler.';

/** What the chosen local model takes: a remover has no prompt; LaMa works on 512x512 squares, MI-GAN at any size. */
export function metaFor(model: LocalModel | undefined): EngineMeta {
  if (model?.kind === 'sd') return diffusionMeta(model);
  const base = {
    params: { variations: { min: 1, max: 1, default: 1 } },
    unusedParamsNote: removalNote,
    maxVariationsPerRun: 1,
    maskOptional: false,
    concurrency: 1,
    // Like the built-in remover, the fill replaces everything painted: no ghost in the soft edge.
    featherOutside: true,
  };
  if (model?.kind === 'lama') return { ...base, sizeRules: { multipleOf: 8, aspect: 1, minSide: 512, maxSide: 512 } };
  // MI-GAN crops around the hole and works at 512 itself; very large crops only cost memory.
  return { ...base, sizeRules: { multipleOf: 1, maxSide: 4096 } };
}

