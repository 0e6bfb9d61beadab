import type { Mask } from '../../mask/types';
import type { EngineJob } from '../contract';
import { modelFamily, modelOf, schedulerNames } from './meta';

/**
 * The mask as the model reads it: white repaints for SD, SDXL and Flux models; Scenario's
 * Ideogram models take the opposite (black repaints), so theirs is inverted.
 */
export function maskForModel(mask: Mask, modelId: string): Mask {
  if (modelFamily(modelId) !== 'ideogram') return mask;
  const data = new Uint8Array(mask.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 255 - mask.data[i];
  return { width: mask.width, height: mask.height, data };
}

/**
 * `POST /generate/inpaint` for one request: the crop and mask inline as data URLs, the seed
 * as a string (Scenario's type), one sample per seed, only the parameters the job has.
 */
export function inpaintRequest(job: EngineJob, inline: { image: string; mask: string }): Record<string, unknown> {
  const { params, settings } = job;
  const body: Record<string, unknown> = {
    modelId: modelOf(settings),
    prompt: params.prompt ?? '',
    image: inline.image,
    mask: inline.mask,
    numSamples: job.seeds.length,
    seed: String(job.seeds[0]),
    width: job.image.width,
    height: job.image.height,
  };
  if (params.negativePrompt) body.negativePrompt = params.negativePrompt;
  if (params.strength !== undefined) body.strength = params.strength;
  if (params.guidanceScale !== undefined) body.guidance = params.guidanceScale;
  if (params.steps !== undefined) body.numInferenceSteps = params.steps;
  const scheduler = params.scheduler && schedulerNames[params.scheduler];
  if (scheduler) body.scheduler = scheduler;
  if (params.loras?.length) body.concepts = params.loras.map((l) => ({ modelId: l.model, scale: l.weight }));
  return body;
}
