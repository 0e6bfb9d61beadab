import type { EngineJob } from '../contract';

export interface RunflowRunRequest {
  /** The model id, which may have more than two path segments. */
  model: string;
  body: { input: Record<string, unknown>; client_ref: string };
}

/** The asset to register before uploading the bytes. */
export function assetUpload(name: string, blob: Blob) {
  return { filename: name, mime_type: blob.type || 'image/png', size_bytes: blob.size };
}

/**
 * The run for one variation: our engine job as Runflow's inputs, `client_ref` our own id so
 * a repeated submit can be recognised. An empty mask runs the image-to-image model.
 */
export function runRequest(job: EngineJob, urls: { image: string; mask: string | null }, clientRef: string): RunflowRunRequest {
  const { params, settings } = job;
  const input: Record<string, unknown> = {
    prompt: params.prompt ?? '',
    image_url: urls.image,
    image_size: { width: job.image.width, height: job.image.height },
    num_images: job.seeds.length,
    seed: job.seeds[0],
    format: 'png',
  };
  if (urls.mask) input.mask_url = urls.mask;
  else input.preserve_aspect_ratio = true;
  if (params.negativePrompt) input.negative_prompt = params.negativePrompt;
  if (params.strength !== undefined) input.strength = params.strength;
  if (params.steps !== undefined) input.num_inference_steps = params.steps;
  if (params.guidanceScale !== undefined) input.guidance_scale = params.guidanceScale;
  if (params.loras?.length) input.loras = params.loras.map((l) => ({ path: l.model, scale: l.weight }));
  if (params.embeddings?.length) input.embeddings = params.embeddings.map((e) => ({ path: e.model }));
  const model = urls.mask ? settings.model : settings.imageToImageModel;
  return { model: model || '', body: { input, client_ref: clientRef } };
}

/** The model id as a path: each segment escaped, the slashes between them kept. */
export const modelPath = (model: string) => model.split('/').filter(Boolean).map(encodeURIComponent).join('/');
