import { MAX_SEED, type EngineMeta, type EngineSettingField, type EngineSettings, type SchedulerId } from '../contract';

export const label = 'Runware';

/** FLUX Fill, Runware's own inpainting model: made for filling a mask, it ignores strength. */
export const FLUX_FILL = 'runware:102@1';
export const DEFAULT_MODEL = FLUX_FILL;

export const settingsFields: EngineSettingField[] = [
  { key: 'apiKey', label: 'Runware API key', secret: true, hint: 'From your Runware dashboard (API keys).' },
  {
    key: 'model',
    label: 'Runware model',
    default: DEFAULT_MODEL,
    hint: 'An AIR id: runware:102@1 is FLUX Fill; an SD or SDXL checkpoint looks like civitai:403361@456538.',
  },
];

/** The model the settings choose, else FLUX Fill. */
export const modelOf = (settings: EngineSettings) => settings.model?.trim() || DEFAULT_MODEL;

/** FLUX models (FLUX Fill among them) take no strength and do not use the SD schedulers. */
export const isFlux = (model: string) => model === FLUX_FILL;

/** The editor's schedulers by the names Runware takes (its A1111-style names; Diffusers class names where it has no short one). */
export const schedulerNames: Record<SchedulerId, string> = {
  'euler-a': 'Euler a',
  euler: 'Euler',
  'dpmpp-2m': 'DPM++ 2M',
  'dpmpp-2m-karras': 'DPM++ 2M Karras',
  ddim: 'DDIM',
  lms: 'LMS',
  pndm: 'PNDMScheduler',
  lcm: 'LCM',
};

const base: EngineMeta = {
  params: {
    prompt: { required: true, minLength: 2, maxLength: 3000 },
    negativePrompt: { minLength: 2, maxLength: 3000 },
    strength: { min: 0, max: 1, default: 0.8 },
    steps: { min: 1, max: 100, default: 20 },
    guidanceScale: { min: 0, max: 50, default: 7 },
    scheduler: { choices: ['dpmpp-2m-karras', 'dpmpp-2m', 'euler-a', 'euler', 'ddim', 'lms', 'pndm', 'lcm'], default: 'dpmpp-2m-karras' },
    seed: { max: MAX_SEED },
    variations: { min: 1, max: 8, default: 2 },
    loras: { max: 5 },
  },
  unusedParamsNote: 'Runware takes no textual-inversion embeddings here.',
  // One variation per request: the job runner keys what a request remembers by the
  // variations it makes, so after a reload that cut a request of several short, the ones
  // not yet made would be submitted (and paid for) again. Requests go out four at once.
  maxVariationsPerRun: 1,
  // Width and height: multiples of 64 from 128 to 2048; the crop is scaled up to 512 at least for detail.
  sizeRules: { multipleOf: 64, minSide: 512, maxSide: 2048 },
  // No mask: image to image, the seed image reworked as strength says.
  maskOptional: true,
  concurrency: 4,
  resumable: true,
};

const { strength: _strength, scheduler: _scheduler, ...fluxParams } = base.params;
const flux: EngineMeta = {
  ...base,
  params: fluxParams,
  unusedParamsNote: 'FLUX Fill ignores strength and picks its own scheduler; Runware takes no embeddings here.',
  // It fills a mask: without one there is nothing for it to do.
  maskOptional: false,
};

/**
 * Runware's imageInference: every parameter but embeddings; the chosen model decides the
 * rest (FLUX Fill, the default, ignores strength and schedulers).
 */
export const meta = (settings: EngineSettings = {}): EngineMeta => (isFlux(modelOf(settings)) ? flux : base);
