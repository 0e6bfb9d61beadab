/**
 * The tensor arithmetic of diffusers' StableDiffusionInpaintPipeline around the models: images and
 * masks to tensors, classifier-free guidance, the latent mask, the 9-channel UNet input, the
 * 4-channel re-noised blend, the VAE's latent parameters, the decoded image, NaN checks and a cheap
 * latent preview. Tensors are Float32Array in NCHW order with batch 1 unless said otherwise.
 */
import { pixelsOver, rgbPlanes, type RgbaImage } from '../../../image/rgba';
import type { Mask } from '../../../mask/types';
import type { Scheduler } from './schedulers';

/** SD 1.x and 2.x VAEs; SDXL's is 0.13025. Read `scaling_factor` from the VAE's config.json when it has one. */
export const SD_SCALING_FACTOR = 0.18215;

/**
 * Scaled SD 1.x latent (4 channels) -> RGB in about [-1, 1]: ComfyUI's `latent_rgb_factors` of the SD15
 * latent format (comfy/latent_formats.py), written here as rows R, G, B.
 */
export const SD15_LATENT_TO_RGB: readonly (readonly number[])[] = [
  [0.3512, 0.325, -0.2829, -0.212],
  [0.2297, 0.4974, 0.1762, -0.2616],
  [0.3227, 0.235, 0.2721, -0.7177],
];

// ---------------------------------------------------------------------------------------------
// guidance

/** Guidance runs (a batch of two: negative prompt, prompt) only when the scale is above 1. */
export function guidanceEnabled(guidanceScale: number): boolean {
  return guidanceScale > 1;
}

/** uncond + g (cond - uncond); with guidance off (g <= 1) the prompt's prediction as it is. */
export function classifierFreeGuidance(uncond: Float32Array, cond: Float32Array, guidanceScale: number, out: Float32Array = new Float32Array(cond.length)): Float32Array {
  if (uncond.length !== cond.length) throw new RangeError(`uncond has ${uncond.length} values, cond ${cond.length}`);
  if (!guidanceEnabled(guidanceScale)) return cond;
  for (let k = 0; k < out.length; k++) out[k] = uncond[k] + guidanceScale * (cond[k] - uncond[k]);
  return out;
}

/** The UNet output of a batch [uncond, cond] (first half, second half) combined by guidance, into `out` when given. */
export function guidedNoise(batchOutput: Float32Array, guidanceScale: number, out?: Float32Array): Float32Array {
  if (batchOutput.length % 2 !== 0) throw new RangeError('a guidance batch has an even number of values');
  const half = batchOutput.length / 2;
  return classifierFreeGuidance(batchOutput.subarray(0, half), batchOutput.subarray(half), guidanceScale, out);
}

/** `copies` copies of a tensor one after another (the batch dimension). */
export function repeatBatch(x: Float32Array, copies: number): Float32Array {
  if (copies === 1) return x;
  const out = new Float32Array(x.length * copies);
  for (let c = 0; c < copies; c++) out.set(x, c * x.length);
  return out;
}

// ---------------------------------------------------------------------------------------------
// images and masks

/** byte -> (byte / 255) * 2 - 1, worked out once: a 512x512 photo has 786,432 of them. */
const TO_SIGNED = Float32Array.from({ length: 256 }, (_, v) => (v / 255) * 2 - 1);

/** RGBA bytes -> [1, 3, H, W] in [-1, 1] (alpha ignored): x / 255 * 2 - 1. */
export function imageToTensor(image: RgbaImage, out?: Float32Array<ArrayBuffer>): Float32Array {
  return maskedImageToTensor(image, null, out);
}

/**
 * RGBA bytes -> [1, 3, H, W] in [-1, 1], with the pixels to repaint (mask value / 255 >= 0.5) at 0:
 * diffusers' `image * (mask < 0.5)`. A null mask keeps every pixel.
 * `out`: a buffer to write into (every value is written), reused between runs.
 */
export function maskedImageToTensor(image: RgbaImage, mask: Mask | null, out = new Float32Array(3 * image.width * image.height)): Float32Array {
  rgbPlanes(image, out, TO_SIGNED);
  if (!mask) return out;
  const plane = image.width * image.height;
  const repaint = mask.data;
  for (let p = 0; p < plane; p++) {
    if (repaint[p] < 128) continue;
    out[p] = 0;
    out[plane + p] = 0;
    out[2 * plane + p] = 0;
  }
  return out;
}

/**
 * The mask on the latent grid: binarised at 0.5, then torch's `interpolate(mode="nearest")`
 * (source index floor(dst * in / out)): for an exact 8x reduction, the top-left pixel of each
 * 8x8 block. [h, w], 1 = repaint.
 */
export function latentMask(mask: Mask, latentWidth: number, latentHeight: number): Float32Array {
  const out = new Float32Array(latentWidth * latentHeight);
  const sx = mask.width / latentWidth;
  const sy = mask.height / latentHeight;
  for (let y = 0; y < latentHeight; y++) {
    const srcY = Math.min(Math.floor(y * sy), mask.height - 1);
    for (let x = 0; x < latentWidth; x++) {
      const srcX = Math.min(Math.floor(x * sx), mask.width - 1);
      out[y * latentWidth + x] = mask.data[srcY * mask.width + srcX] / 255 >= 0.5 ? 1 : 0;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// latents

/** latents x factor (after the VAE encoder) or, with 1 / factor, before the decoder; into `out` when given (it may be `latents`). */
export function scaleLatents(latents: Float32Array, factor: number, out: Float32Array = new Float32Array(latents.length)): Float32Array {
  for (let k = 0; k < out.length; k++) out[k] = latents[k] * factor;
  return out;
}

/**
 * The VAE encoder's `latent_parameters` [B, 2C, h, w] (mean, then log-variance) -> a latent sample
 * [B, C, h, w]: mean + exp(0.5 logvar) noise, logvar clamped to [-30, 20] as diffusers'
 * DiagonalGaussianDistribution does; without noise, the mean (the distribution's mode). An encoder with
 * `latent_sample` output gives the sample already.
 */
export function sampleLatentParameters(parameters: Float32Array, channels = 4, noise?: Float32Array, batch = 1): Float32Array {
  const perBatch = parameters.length / batch;
  const plane = perBatch / (2 * channels);
  if (!Number.isInteger(plane)) throw new RangeError(`latent_parameters of ${parameters.length} values is not ${batch} x ${2 * channels} planes`);
  const out = new Float32Array(batch * channels * plane);
  if (noise && noise.length !== out.length) throw new RangeError(`noise has ${noise.length} values, the latent ${out.length}`);
  for (let b = 0; b < batch; b++) {
    for (let k = 0; k < channels * plane; k++) {
      const mean = parameters[b * perBatch + k];
      const o = b * channels * plane + k;
      if (!noise) {
        out[o] = mean;
        continue;
      }
      const logvar = Math.min(Math.max(parameters[b * perBatch + channels * plane + k], -30), 20);
      out[o] = mean + Math.exp(0.5 * logvar) * noise[o];
    }
  }
  return out;
}

/**
 * The inpainting UNet's `sample`: per batch copy, cat([latents (4), mask (1), masked_image_latents (4)])
 * along channels; with no mask (a 4-channel UNet) the latents alone. `copies` is 2 with guidance.
 */
export function unetSample(latents: Float32Array, mask: Float32Array | null, maskedLatents: Float32Array | null, copies = 1): Float32Array {
  if (!mask || !maskedLatents) return repeatBatch(latents, copies);
  const plane = mask.length;
  if (latents.length !== 4 * plane || maskedLatents.length !== 4 * plane) throw new RangeError('latents and masked latents must be 4 planes of the mask size');
  const one = new Float32Array(9 * plane);
  one.set(latents, 0);
  one.set(mask, 4 * plane);
  one.set(maskedLatents, 5 * plane);
  return repeatBatch(one, copies);
}

/** Overwrites the latent planes of every batch copy of a UNet `sample` (mask and masked latents stay): the per-step part. */
export function setSampleLatents(sample: Float32Array | Uint16Array, latents: Float32Array | Uint16Array, copies: number): void {
  const stride = sample.length / copies;
  for (let c = 0; c < copies; c++) sample.set(latents, c * stride);
}

/** (1 - m) known + m latents, m a [h, w] mask broadcast over the channels. */
export function blendLatents(latents: Float32Array, known: Float32Array, mask: Float32Array): Float32Array {
  if (latents.length !== known.length || latents.length % mask.length !== 0) throw new RangeError('latents, known latents and mask sizes disagree');
  const plane = mask.length;
  const out = new Float32Array(latents.length);
  for (let k = 0; k < out.length; k++) {
    const m = mask[k % plane];
    out[k] = (1 - m) * known[k] + m * latents[k];
  }
  return out;
}

/**
 * 4-channel UNets (SD-Turbo, base checkpoints) inpaint by pasting the known area back after each step:
 * latents = (1 - m) addNoise(imageLatents, noise, t_next) + m latents, with the clean image latents
 * (no re-noise) after the last step; `i` is the step just taken. diffusers StableDiffusionInpaintPipeline,
 * `num_channels_unet == 4`.
 */
export function blendAfterStep(scheduler: Scheduler, i: number, latents: Float32Array, imageLatents: Float32Array, noise: Float32Array, mask: Float32Array): Float32Array {
  const known = i < scheduler.timesteps.length - 1 ? scheduler.addNoise(imageLatents, noise, i + 1) : imageLatents;
  return blendLatents(latents, known, mask);
}

/** The latents a run starts from: pure noise x initNoiseSigma at strength 1 (into `out` when given), else the image latents noised to the first step. */
export function startLatents(scheduler: Scheduler, noise: Float32Array, imageLatents: Float32Array | null, strength: number, out?: Float32Array): Float32Array {
  if (strength >= 1 || !imageLatents) {
    if (strength < 1) throw new RangeError('a strength below 1 needs the image latents');
    return scaleLatents(noise, scheduler.initNoiseSigma, out);
  }
  return scheduler.addNoise(imageLatents, noise, 0);
}

// ---------------------------------------------------------------------------------------------
// output

/** Decoded [1, 3, H, W] -> RGBA: clip(x / 2 + 0.5, 0, 1) x 255, rounded as numpy does, alpha 255; in the decoded floats' buffer when it can (pixelsOver). */
export function tensorToImage(tensor: Float32Array, width: number, height: number): RgbaImage {
  const plane = width * height;
  if (tensor.length < 3 * plane) throw new RangeError(`tensor has ${tensor.length} values, ${3 * plane} needed for ${width}x${height}`);
  const data = pixelsOver(tensor, plane);
  // Uint8ClampedArray stores with round-half-to-even and clamps to 0..255, as numpy's round and clip do.
  for (let p = 0, q = 0; p < plane; p++, q += 4) {
    data[q] = (tensor[p] / 2 + 0.5) * 255;
    data[q + 1] = (tensor[plane + p] / 2 + 0.5) * 255;
    data[q + 2] = (tensor[2 * plane + p] / 2 + 0.5) * 255;
    data[q + 3] = 255;
  }
  return { width, height, data };
}

export interface NonFinite {
  nan: number;
  infinite: number;
  /** Index of the first bad value. */
  first: number;
}

/**
 * True when no value is NaN or +-Infinity: one multiply-add a value (x * 0 is NaN only for those),
 * in four sums so that each add need not wait for the one before.
 */
export function allFinite(values: ArrayLike<number>): boolean {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  const whole = values.length - (values.length % 4);
  for (let k = 0; k < whole; k += 4) {
    a += values[k] * 0;
    b += values[k + 1] * 0;
    c += values[k + 2] * 0;
    d += values[k + 3] * 0;
  }
  for (let k = whole; k < values.length; k++) a += values[k] * 0;
  return a + b + c + d === 0;
}

/** Counts NaN and +-Infinity values (fp16 UNets on some GPUs give NaN: say so instead of showing black). */
export function findNonFinite(values: ArrayLike<number>): NonFinite | null {
  let nan = 0;
  let infinite = 0;
  let first = -1;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (Number.isFinite(v)) continue;
    if (Number.isNaN(v)) nan++;
    else infinite++;
    if (first < 0) first = k;
  }
  return first < 0 ? null : { nan, infinite, first };
}

/**
 * A cheap preview of scaled latents [1, 4, h, w]: each cell through SD15_LATENT_TO_RGB to [-1, 1], then
 * to bytes like a decoded image. The picture is h x w (1/8 of the final size).
 */
export function latentPreview(latents: Float32Array, width: number, height: number, factors: readonly (readonly number[])[] = SD15_LATENT_TO_RGB): RgbaImage {
  const plane = width * height;
  if (latents.length < 4 * plane) throw new RangeError(`latents have ${latents.length} values, ${4 * plane} needed for ${width}x${height}`);
  const rgb = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) {
      let v = 0;
      for (let k = 0; k < 4; k++) v += factors[c][k] * latents[k * plane + p];
      rgb[c * plane + p] = v;
    }
  }
  return tensorToImage(rgb, width, height);
}
