import { MAX_SEED, type EngineMeta, type EngineSettingField } from '../contract';

export const label = 'Runflow';

export const DEFAULT_MODEL = 'stability-ai/sdxl-inpainting';
export const DEFAULT_IMAGE_TO_IMAGE_MODEL = 'stability-ai/sdxl-image-to-image';

export const settingsFields: EngineSettingField[] = [
  { key: 'apiKey', label: 'Runflow API key', secret: true, hint: 'Starts with rf_live_; from your Runflow dashboard.' },
  { key: 'model', label: 'Runflow model', default: DEFAULT_MODEL, hint: 'The inpainting model id, e.g. stability-ai/sdxl-inpainting.' },
  { key: 'imageToImageModel', label: 'Runflow image-to-image model', default: DEFAULT_IMAGE_TO_IMAGE_MODEL, hint: 'Used when the mask is empty.' },
];

/**
 * SDXL inpainting on Runflow: every parameter but the scheduler, one image per request so
 * each variation has its own seed (requests go out four at once), sizes around SDXL's 1024.
 */
export const meta: EngineMeta = {
  params: {
    prompt: { required: true, maxLength: 2000 },
    negativePrompt: { maxLength: 2000 },
    strength: { min: 0.01, max: 1, default: 0.95 },
    steps: { min: 1, max: 100, default: 25 },
    guidanceScale: { min: 0, max: 20, default: 7.5 },
    seed: { max: MAX_SEED },
    variations: { min: 1, max: 8, default: 2 },
    loras: { max: 5 },
    embeddings: { max: 5 },
  },
  unusedParamsNote: 'Runflow picks its own scheduler.',
  maxVariationsPerRun: 1,
  sizeRules: { multipleOf: 8, minSide: 768, maxSide: 1536 },
  maskOptional: true,
  concurrency: 4,
  resumable: true,
};
