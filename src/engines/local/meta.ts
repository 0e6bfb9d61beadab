import type { EngineMeta, EngineSettingField } from '../contract';
import type { LocalModel } from './catalog';

export const label = 'Local model';

export const settingsFields: EngineSettingField[] = [
  { key: 'model', label: 'Model', default: 'migan', hidden: true },
  { key: 'backend', label: 'Run on', default: 'auto', hidden: true },
];

const removalNote = 'This model fills from the surroundings and uses no prompt, strength, steps, guidance or scheduler.';

/** What the chosen local model takes: a remover has no prompt; LaMa works on 512x512 squares, MI-GAN at any size. */
export function metaFor(model: LocalModel | undefined): EngineMeta {
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

