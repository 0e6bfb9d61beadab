import type { EngineJob } from '../contract';
import { MAX_SAMPLES } from './meta';

/** The paths exactly as ModelsLab's contract writes them; the app's server adds its base URL and the key. */
export const INPAINT_PATH = '/api/v6/image_editing/inpaint';
export const UPLOAD_PATH = '/api/v6/image_editing/base64_to_url';
export const fetchPath = (id: string) => `/api/v6/image_editing/fetch/${encodeURIComponent(id)}`;

/** Variations first..first+count-1 of one engine request, made by one ModelsLab request with this seed. */
export interface SampleGroup {
  first: number;
  count: number;
  seed: number;
}

/**
 * The request's seeds as ModelsLab requests. One request of `samples` N with seed S makes
 * images with seeds S, S+1, … (as A1111-style backends do), and our job's seeds are
 * consecutive (seed + i), so a request of up to 4 samples whose seed is its first
 * variation's gives every variation its own seed. Seeds that do not follow on (variations
 * left over after a reload, a wrap past the largest seed) start a request of their own.
 */
export function sampleGroups(seeds: readonly number[]): SampleGroup[] {
  const groups: SampleGroup[] = [];
  seeds.forEach((seed, index) => {
    const last = groups.at(-1);
    if (last && last.count < MAX_SAMPLES && last.seed + last.count === seed) last.count++;
    else groups.push({ first: index, count: 1, seed });
  });
  return groups;
}

/** A picture for `base64_to_url`, which answers with a URL the inpaint request can name. */
export const uploadBody = (dataUri: string) => ({ init_image: dataUri });

/**
 * One inpaint request: our engine job as ModelsLab's fields. The key is not here: the app's
 * server puts it first into the body. Sizes, samples and steps go as strings, the way
 * ModelsLab's own examples send them; guidance, strength and the seed as numbers, as there.
 * No webhook (the browser has no public URL; we poll) and no track_id (only webhooks read it).
 */
export function inpaintBody(job: EngineJob, urls: { image: string; mask: string }, group: SampleGroup): Record<string, unknown> {
  const { params } = job;
  const body: Record<string, unknown> = {
    prompt: params.prompt ?? '',
    init_image: urls.image,
    mask_image: urls.mask,
    width: String(job.image.width),
    height: String(job.image.height),
    samples: String(group.count),
    seed: group.seed,
  };
  if (params.negativePrompt) body.negative_prompt = params.negativePrompt;
  if (params.steps !== undefined) body.num_inference_steps = String(params.steps);
  if (params.guidanceScale !== undefined) body.guidance_scale = params.guidanceScale;
  if (params.strength !== undefined) body.strength = params.strength;
  // Documented for text-to-image, unconfirmed for inpainting: sent, and a refusal is shown in ModelsLab's words.
  if (params.loras?.length) {
    body.lora_model = params.loras.map((l) => l.model.trim()).join(',');
    body.lora_strength = params.loras.map((l) => String(l.weight)).join(',');
  }
  return body;
}
