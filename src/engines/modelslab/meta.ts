import { MAX_SEED, type EngineMeta, type EngineSettingField } from '../contract';

export const label = 'ModelsLab';

/**
 * Only the key: `POST /api/v6/image_editing/inpaint` takes no model id in its contract
 * (ModelsLab picks the inpainting model itself), so there is no model to choose.
 */
export const settingsFields: EngineSettingField[] = [
  { key: 'apiKey', label: 'ModelsLab API key', secret: true, hint: 'From your ModelsLab dashboard, under API keys.' },
];

/** The most images one inpaint request makes (`samples`, max 4): more variations go as several requests. */
export const MAX_SAMPLES = 4;

/**
 * ModelsLab's v6 inpainting, with the v6 docs' ranges. Guidance is 1-5 (default 5) as the
 * v6 docs say, not the legacy v3 range of 1-20: the current endpoint is v6, and a value the
 * v6 API may refuse is one the user should not be offered. Up to four images per request,
 * their seeds consecutive from the request's seed (see request.ts). Its queue takes 5-15
 * requests by plan, so two at once stay well inside the smallest.
 */
export const meta: EngineMeta = {
  params: {
    prompt: { required: true },
    negativePrompt: {},
    strength: { min: 0, max: 1, default: 0.7 },
    steps: { min: 1, max: 50, default: 30 },
    guidanceScale: { min: 1, max: 5, default: 5 },
    seed: { max: MAX_SEED },
    variations: { min: 1, max: 8, default: 2 },
    loras: { max: 5 },
  },
  unusedParamsNote: 'ModelsLab picks its own scheduler and takes no embeddings for inpainting.',
  maxVariationsPerRun: MAX_SAMPLES,
  sizeRules: { multipleOf: 8, maxSide: 1024 },
  maskOptional: false,
  concurrency: 2,
  resumable: true,
};
