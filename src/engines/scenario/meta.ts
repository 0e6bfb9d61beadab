import { MAX_SEED, type EngineMeta, type EngineSettingField, type EngineSettings, type SchedulerId } from '../contract';

export const label = 'Scenario';

/** Scenario's public SDXL base model; any model id of the user's team works (model_...). */
export const DEFAULT_MODEL = 'stable-diffusion-xl-base-1.0';

export const settingsFields: EngineSettingField[] = [
  { key: 'apiKey', label: 'Scenario API key', secret: true, hint: 'From your Scenario workspace: Settings, API keys.' },
  { key: 'apiSecret', label: 'Scenario API secret', secret: true, hint: 'Shown once beside the key when you create it.' },
  {
    key: 'model',
    label: 'Scenario model',
    default: DEFAULT_MODEL,
    hint: 'The model id to inpaint with, e.g. stable-diffusion-xl-base-1.0 or one of your own (model_...). SD 1.5, Flux and Ideogram ids change the ranges.',
  },
];

/** Scenario's scheduler names (diffusers' classes) for the editor's choices it has. */
export const schedulerNames: Partial<Record<SchedulerId, string>> = {
  'euler-a': 'EulerAncestralDiscreteScheduler',
  euler: 'EulerDiscreteScheduler',
  'dpmpp-2m': 'DPMSolverMultistepScheduler',
  ddim: 'DDIMScheduler',
  lms: 'LMSDiscreteScheduler',
  pndm: 'PNDMScheduler',
  lcm: 'LCMScheduler',
};

export type ModelFamily = 'sdxl' | 'sd15' | 'flux' | 'ideogram';

/** The model's family, as far as its id tells: SDXL unless the id says SD 1.5, Flux or Ideogram. */
export function modelFamily(modelId: string): ModelFamily {
  const id = modelId.toLowerCase();
  if (id.includes('ideogram')) return 'ideogram';
  if (id.includes('flux')) return 'flux';
  if (/(^|[^a-z0-9])(sd|stable-diffusion)[-_ ]?v?1[-_.]?5([^0-9]|$)/.test(id)) return 'sd15';
  return 'sdxl';
}

/** The model id the settings name, else the default. */
export const modelOf = (settings: EngineSettings) => settings.model?.trim() || DEFAULT_MODEL;

const guidance: Record<ModelFamily, EngineMeta['params']['guidanceScale']> = {
  sdxl: { min: 0, max: 20, default: 6 },
  sd15: { min: 0, max: 20, default: 7.5 },
  flux: { min: 0, max: 10, default: 3.5 },
  ideogram: { min: 0, max: 20, default: 6 },
};

/**
 * Scenario's /generate/inpaint: every parameter, LoRAs as concepts, one image per request so
 * each variation has its own seed (two requests at once: Scenario limits a team's concurrent
 * jobs), sizes in multiples of 8 from 512 up to 2048 (1024 for SD 1.5 models).
 */
export function metaFor(settings: EngineSettings): EngineMeta {
  const family = modelFamily(modelOf(settings));
  return {
    params: {
      prompt: { required: true },
      negativePrompt: {},
      strength: { min: 0.01, max: 1, default: 0.75 },
      steps: { min: 1, max: 150, default: 30 },
      guidanceScale: guidance[family],
      scheduler: { choices: Object.keys(schedulerNames) as SchedulerId[], default: 'euler-a' },
      seed: { max: MAX_SEED },
      variations: { min: 1, max: 8, default: 2 },
      loras: { max: 5 },
    },
    unusedParamsNote: 'Scenario takes LoRAs (its concepts) but no textual-inversion embeddings.',
    maxVariationsPerRun: 1,
    sizeRules: { multipleOf: 8, minSide: 512, maxSide: family === 'sd15' ? 1024 : 2048 },
    maskOptional: false,
    concurrency: 2,
    resumable: true,
  };
}
