import type { RgbaImage } from '../../../image/rgba';
import type { Mask } from '../../../mask/types';
import { Scratch } from '../scratch';
import { EngineError, type SchedulerId } from '../../contract';
import { gaussian, NOISE_STREAM } from './noise';
import {
  blendAfterStep,
  guidanceEnabled,
  guidedNoise,
  imageToTensor,
  latentMask,
  latentPreview,
  maskedImageToTensor,
  sampleLatentParameters,
  scaleLatents,
  startLatents,
  tensorToImage,
} from './pipelineMath';
import { createScheduler, NoStepsLeftError, type SchedulerConfig } from './schedulers';
import type { ClipTokenizer } from './tokenizer';

/** The prompt's (and with guidance the negative prompt's) hidden states, held by the stages until the run ends. */
export interface TextEmbeddings {
  /** 2 with guidance: [negative, prompt]. */
  readonly batch: number;
}

/** The UNet for one run: what stays the same between steps (text, mask, masked latents) is set up once. */
export interface Denoiser {
  /** Scaled latents [1, 4, h, w] at a timestep -> noise [batch, 4, h, w]; throws on NaN or infinity. */
  step(latents: Float32Array, timestep: number): Promise<Float32Array>;
  dispose(): void;
}

/**
 * The four models of a Stable Diffusion folder, as the pipeline calls them: whatever runs
 * them (onnxruntime-web in the worker, onnxruntime-node in tests) converts dtypes and names,
 * and throws when a stage gives NaN or infinity.
 */
export interface DiffusionStages {
  /** 4 for text-to-image checkpoints (SD-Turbo), 9 for inpainting UNets. */
  unetChannels: number;
  /** Token ids [batch, 77] -> last_hidden_state [batch, 77, hidden]. */
  encodeText(ids: Int32Array, batch: number): Promise<TextEmbeddings>;
  /** Image [1, 3, H, W] in [-1, 1] -> `latent_sample` [1, 4, h, w], or `latent_parameters` [1, 8, h, w] (then `parameters` is true); the pipeline may change the array it gets. */
  encodeImage(sample: Float32Array, width: number, height: number): Promise<{ data: Float32Array; parameters: boolean }>;
  /** The UNet for a run at latent size width x height; `constant` (9-channel UNets) is the latent mask [h, w] and the masked image's latents [1, 4, h, w]. */
  denoiser(text: TextEmbeddings, constant: { mask: Float32Array; maskedLatents: Float32Array } | null, width: number, height: number): Promise<Denoiser>;
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
  /** Buffers kept from one run to the next (the worker's); a fresh one by default. */
  scratch?: Scratch;
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
  const text = await stages.encodeText(ids, cfg ? 2 : 1);
  check();

  const latentsOf = async (sample: Float32Array) => {
    const encoded = await stages.encodeImage(sample, width, height);
    const latents = encoded.parameters ? sampleLatentParameters(encoded.data, 4, gaussian(seed, 4 * w * h, NOISE_STREAM.vaeSample)) : encoded.data;
    // The encoder's output is this run's own array: scaled where it is.
    return scaleLatents(latents, scalingFactor, latents);
  };
  const nine = stages.unetChannels === 9;
  const fullMask = mask ?? { width, height, data: new Uint8Array(width * height).fill(255) };
  const smallMask = latentMask(fullMask, w, h);
  // Arrays made once per run size and reused (a fresh one costs a page fault per 4 KB). One for
  // both VAE inputs: the encoder has read the first before the second is written.
  const scratch = request.scratch ?? new Scratch();
  const vaeInput = scratch.float32('vae encoder input', 3 * width * height);
  const maskedLatents = nine ? await latentsOf(maskedImageToTensor(image, fullMask, vaeInput)) : null;
  const needsImage = request.strength < 1 || !nine;
  const imageLatents = needsImage ? await latentsOf(imageToTensor(image, vaeInput)) : null;
  check();

  const noise = gaussian(seed, 4 * w * h, NOISE_STREAM.latents, scratch.float32('start noise', 4 * w * h));
  let latents = startLatents(scheduler, noise, request.strength < 1 ? imageLatents : null, request.strength, scratch.float32('latents', 4 * w * h));
  const total = scheduler.timesteps.length;
  const unet = await stages.denoiser(text, maskedLatents ? { mask: smallMask, maskedLatents } : null, w, h);
  const unetInput = scratch.float32('unet input', latents.length);
  const guided = scratch.float32('guided noise', latents.length);
  const stepNoise = scratch.float32('step noise', latents.length);
  try {
    for (let i = 0; i < total; i++) {
      check();
      const stepStarted = performance.now();
      const out = await unet.step(scheduler.scaleModelInput(latents, i, unetInput), scheduler.timesteps[i]);
      const eps = cfg ? guidedNoise(out, request.guidanceScale, guided) : out;
      // Euler and Euler a step the latents in place; the latents are this run's own array.
      latents = scheduler.step(eps, i, latents, scheduler.needsNoise ? gaussian(seed, latents.length, NOISE_STREAM.stepNoise + i, stepNoise) : undefined, latents);
      if (!nine && mask) latents = blendAfterStep(scheduler, i, latents, imageLatents!, noise, smallMask);
      const preview = (i + 1) % PREVIEW_EVERY === 0 && i + 1 < total ? latentPreview(latents, w, h) : undefined;
      performance.measure('diffusion step', { start: stepStarted });
      onStep?.({ step: i + 1, steps: total, preview });
    }
  } finally {
    unet.dispose();
  }
  check();
  const decoded = await stages.decode(scaleLatents(latents, 1 / scalingFactor, scratch.float32('decoder input', latents.length)), width, height);
  const result = tensorToImage(decoded, width, height);
  // User Timing measures (this one, each step, each session.run): profiles and `npm run bench -- local` read them.
  performance.measure('diffusion pipeline', { start: started });
  return { image: result, truncated: cond.truncated };
}
