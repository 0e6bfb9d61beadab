import type { RgbaImage } from '../../../image/rgba';
import type { Mask } from '../../../mask/types';
import { EngineError, type SchedulerId } from '../../contract';
import { gaussian, NOISE_STREAM } from './noise';
import {
  binaryMask,
  blendAfterStep,
  findNonFinite,
  guidanceEnabled,
  guidedNoise,
  imageToTensor,
  latentMask,
  latentPreview,
  maskedImageTensor,
  sampleLatentParameters,
  scaleLatents,
  startLatents,
  tensorToImage,
  unetSample,
} from './pipelineMath';
import { createScheduler, NoStepsLeftError, type SchedulerConfig } from './schedulers';
import type { ClipTokenizer } from './tokenizer';

/**
 * The four models of a Stable Diffusion folder, as the pipeline calls them: whatever runs
 * them (onnxruntime-web in the worker, onnxruntime-node in tests) converts dtypes and names.
 */
export interface DiffusionStages {
  /** 4 for text-to-image checkpoints (SD-Turbo), 9 for inpainting UNets. */
  unetChannels: number;
  /** Token ids [batch, 77] -> last_hidden_state [batch, 77, hidden]. */
  encodeText(ids: Int32Array, batch: number): Promise<Float32Array>;
  /** Image [1, 3, H, W] in [-1, 1] -> `latent_sample` [1, 4, h, w], or `latent_parameters` [1, 8, h, w] (then `parameters` is true). */
  encodeImage(sample: Float32Array, width: number, height: number): Promise<{ data: Float32Array; parameters: boolean }>;
  /** sample [batch, C, h, w], one timestep for the batch, hidden states [batch, 77, hidden] -> noise [batch, 4, h, w]. */
  unet(sample: Float32Array, batch: number, timestep: number, hidden: Float32Array, width: number, height: number): Promise<Float32Array>;
  /** Latents [1, 4, h, w] (already divided by the scaling factor) -> image [1, 3, H, W]. */
  decode(latents: Float32Array, width: number, height: number): Promise<Float32Array>;
}

export interface DiffusionRequest {
  /** The crop, its sides multiples of 8. */
  image: RgbaImage;
  /** Null: no mask, the whole picture reworked (image to image). */
  mask: Mask | null;
  prompt: string;
  negativePrompt: string;
  steps: number;
  strength: number;
  guidanceScale: number;
  scheduler: SchedulerId;
  seed: number;
  schedulerConfig: SchedulerConfig;
  tokenizer: ClipTokenizer;
  /** The VAE's latent scale (0.18215 for SD 1/2). */
  scalingFactor: number;
}

export interface DiffusionProgress {
  step: number;
  steps: number;
  /** A cheap look at the picture so far, every few steps. */
  preview?: RgbaImage;
}

export interface DiffusionResult {
  image: RgbaImage;
  /** The prompt was cut to CLIP's 77 tokens. */
  truncated: boolean;
}

const PREVIEW_EVERY = 4;

function checkFinite(values: Float32Array, stage: string) {
  const bad = findNonFinite(values);
  if (bad) throw new EngineError('unknown', `The ${stage} produced invalid numbers (${bad.nan ? 'NaN' : 'infinity'}): nothing is shown rather than a black picture.`);
}

/**
 * Masked diffusion inpainting (diffusers' StableDiffusionInpaintPipeline): the masked image's
 * latents beside the noise for a 9-channel UNet, or the known area pasted back after each
 * step for a 4-channel one; classifier-free guidance in one batched UNet call; seeded noise,
 * so the same seed, parameters and backend give the same bytes. Cancel takes effect between
 * steps.
 */
export async function runDiffusion(
  request: DiffusionRequest,
  stages: DiffusionStages,
  { signal, onStep }: { signal: AbortSignal; onStep?: (progress: DiffusionProgress) => void },
): Promise<DiffusionResult> {
  const started = performance.now();
  const { image, mask, seed, scalingFactor } = request;
  const { width, height } = image;
  if (width % 8 || height % 8) throw new EngineError('invalid-input', `The picture is ${width}x${height}; diffusion needs sides that are multiples of 8.`);
  const w = width / 8;
  const h = height / 8;
  const check = () => {
    if (signal.aborted) throw EngineError.cancelled();
  };

  let scheduler;
  try {
    scheduler = createScheduler(request.scheduler, request.schedulerConfig, request.steps, { strength: request.strength });
  } catch (error) {
    if (error instanceof NoStepsLeftError) throw new EngineError('invalid-input', error.message);
    throw error;
  }

  const cfg = guidanceEnabled(request.guidanceScale);
  const cond = request.tokenizer.encode(request.prompt);
  const ids = new Int32Array(cond.ids.length * (cfg ? 2 : 1));
  if (cfg) {
    // Unconditioned first, as diffusers batches them: [negative, prompt].
    ids.set(request.tokenizer.encode(request.negativePrompt).ids, 0);
    ids.set(cond.ids, cond.ids.length);
  } else ids.set(cond.ids);
  const hidden = await stages.encodeText(ids, cfg ? 2 : 1);
  check();

  const latentsOf = async (sample: Float32Array) => {
    const encoded = await stages.encodeImage(sample, width, height);
    const latents = encoded.parameters ? sampleLatentParameters(encoded.data, 4, gaussian(seed, 4 * w * h, NOISE_STREAM.vaeSample)) : encoded.data;
    return scaleLatents(latents, scalingFactor);
  };
  const pixels = imageToTensor(image);
  const nine = stages.unetChannels === 9;
  const fullMask = mask ?? { width, height, data: new Uint8Array(width * height).fill(255) };
  const smallMask = latentMask(fullMask, w, h);
  const maskedLatents = nine ? await latentsOf(maskedImageTensor(pixels, binaryMask(fullMask))) : null;
  const needsImage = request.strength < 1 || !nine;
  const imageLatents = needsImage ? await latentsOf(pixels) : null;
  check();

  const noise = gaussian(seed, 4 * w * h, NOISE_STREAM.latents);
  let latents = startLatents(scheduler, noise, request.strength < 1 ? imageLatents : null, request.strength);
  const total = scheduler.timesteps.length;
  for (let i = 0; i < total; i++) {
    check();
    const stepStarted = performance.now();
    const input = scheduler.scaleModelInput(latents, i);
    const sample = unetSample(input, nine ? smallMask : null, maskedLatents, cfg ? 2 : 1);
    const out = await stages.unet(sample, cfg ? 2 : 1, scheduler.timesteps[i], hidden, w, h);
    checkFinite(out, 'UNet');
    const eps = cfg ? guidedNoise(out, request.guidanceScale) : out;
    latents = scheduler.step(eps, i, latents, scheduler.needsNoise ? gaussian(seed, latents.length, NOISE_STREAM.stepNoise + i) : undefined);
    if (!nine && mask) latents = blendAfterStep(scheduler, i, latents, imageLatents!, noise, smallMask);
    const preview = (i + 1) % PREVIEW_EVERY === 0 && i + 1 < total ? latentPreview(latents, w, h) : undefined;
    performance.measure('diffusion step', { start: stepStarted });
    onStep?.({ step: i + 1, steps: total, preview });
  }
  check();
  const decoded = await stages.decode(scaleLatents(latents, 1 / scalingFactor), width, height);
  checkFinite(decoded, 'VAE decoder');
  // User Timing measures (this one, each step, each session.run): profiles and `npm run bench -- local` read them.
  performance.measure('diffusion pipeline', { start: started });
  return { image: tensorToImage(decoded, width, height), truncated: cond.truncated };
}
