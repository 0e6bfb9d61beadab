import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../../image/rgba';
import type { Mask } from '../../../mask/types';
import {
  SD15_LATENT_TO_RGB,
  allFinite,
  blendAfterStep,
  blendLatents,
  classifierFreeGuidance,
  findNonFinite,
  guidanceEnabled,
  guidedNoise,
  imageToTensor,
  latentMask,
  latentPreview,
  maskedImageToTensor,
  repeatBatch,
  sampleLatentParameters,
  scaleLatents,
  setSampleLatents,
  startLatents,
  tensorToImage,
  unetSample,
} from './pipelineMath';
import { createScheduler } from './schedulers';

/*
 * Expected values are worked by hand from the formulas of diffusers' StableDiffusionInpaintPipeline
 * (pipelines/stable_diffusion/pipeline_stable_diffusion_inpaint.py: guidance, masked_image, the 4-channel
 * blend), image_processor.py (normalize 2x - 1, denormalize x / 2 + 0.5 clamped, binarize at 0.5),
 * torch.nn.functional.interpolate(mode="nearest") and DiagonalGaussianDistribution (vae.py).
 */

const f32 = (values: number[]) => Float32Array.from(values);
const near = (actual: ArrayLike<number>, expected: number[], digits = 6) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, k) => expect(actual[k]).toBeCloseTo(v, digits));
};

describe('classifier-free guidance', () => {
  it('uncond + g (cond - uncond)', () => {
    near(classifierFreeGuidance(f32([1, 2, -1]), f32([3, 0, -1]), 7.5), [1 + 7.5 * 2, 2 + 7.5 * -2, -1]);
  });

  it('is off at g <= 1: the prompt prediction unchanged', () => {
    const cond = f32([3, 0, -1]);
    expect(guidanceEnabled(1)).toBe(false);
    expect(guidanceEnabled(0)).toBe(false);
    expect(guidanceEnabled(1.01)).toBe(true);
    expect(classifierFreeGuidance(f32([1, 2, 3]), cond, 1)).toBe(cond);
    expect(classifierFreeGuidance(f32([1, 2, 3]), cond, 0)).toBe(cond);
  });

  it('splits a batch [uncond, cond]', () => {
    near(guidedNoise(f32([1, 2, 3, 5]), 2), [1 + 2 * 2, 2 + 2 * 3]);
    // Into a buffer a run reuses.
    const into = new Float32Array(2);
    expect(guidedNoise(f32([1, 2, 3, 5]), 2, into)).toBe(into);
    near(into, [1 + 2 * 2, 2 + 2 * 3]);
    expect(() => guidedNoise(f32([1, 2, 3]), 2)).toThrow(RangeError);
  });

  it('repeats a tensor along the batch', () => {
    expect(Array.from(repeatBatch(f32([1, 2]), 2))).toEqual([1, 2, 1, 2]);
  });
});

function image2x2(): RgbaImage {
  // pixels: red, white, black, (64, 128, 191) ; alpha varies and is ignored
  return { width: 2, height: 2, data: Uint8ClampedArray.from([255, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0, 128, 64, 128, 191, 255]) };
}

describe('images and masks', () => {
  it('image -> [1,3,H,W] in [-1, 1], channel planes', () => {
    const t = imageToTensor(image2x2());
    near(t, [1, 1, -1, (64 / 255) * 2 - 1, -1, 1, -1, (128 / 255) * 2 - 1, -1, 1, -1, (191 / 255) * 2 - 1]);
  });

  it('tensor -> RGBA: clip(x / 2 + 0.5) x 255, rounded half to even, opaque', () => {
    const t = f32([1, -1, 0, 3, -5, 0.5, 0.002, -0.002, 0, 0, 0, 0]);
    const img = tensorToImage(t, 2, 2);
    // R plane: 1 -> 255, -1 -> 0, 0 -> 127.5 -> 128 (half to even), 3 -> clipped 255
    // G plane: -5 -> 0, 0.5 -> 191.25 -> 191, 0.002 -> 127.755 -> 128, -0.002 -> 127.245 -> 127
    // B plane: 0 -> 128
    expect(Array.from(img.data)).toEqual([255, 0, 128, 255, 0, 191, 128, 255, 128, 128, 128, 255, 255, 127, 128, 255]);
  });

  it('tensor -> RGBA in the tensor\'s own buffer gives the pixels a new array gets', () => {
    const values = f32(Array.from({ length: 3 * 64 }, (_, k) => Math.sin(k * 0.37)));
    const own = values.slice();
    const inPlace = tensorToImage(own, 8, 8);
    expect(inPlace.data.buffer).toBe(own.buffer);
    const view = new Float32Array(values.length + 1).subarray(1);
    view.set(values);
    const copied = tensorToImage(view, 8, 8);
    expect(copied.data.buffer).not.toBe(view.buffer);
    expect(Array.from(inPlace.data)).toEqual(Array.from(copied.data));
  });

  it('image -> tensor -> image is exact', () => {
    const img = image2x2();
    const back = tensorToImage(imageToTensor(img), 2, 2);
    for (let p = 0; p < 4; p++) for (let c = 0; c < 3; c++) expect(back.data[p * 4 + c]).toBe(img.data[p * 4 + c]);
  });

  it('masked image = image * (mask < 0.5), binarised at 0.5 (127 keep, 128 repaint): the hole becomes 0 in every channel', () => {
    const mask: Mask = { width: 2, height: 2, data: Uint8Array.from([0, 128, 127, 255]) };
    near(maskedImageToTensor(image2x2(), mask), [1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0]);
    near(maskedImageToTensor(image2x2(), null), Array.from(imageToTensor(image2x2())));
    // Into a reused buffer: every value is written, the holes too.
    const reused = new Float32Array(12).fill(9);
    expect(maskedImageToTensor(image2x2(), mask, reused)).toBe(reused);
    near(reused, [1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0]);
  });

  it('tensor -> RGBA rounds every value half to even, as numpy (x / 2 + 0.5) * 255 does', () => {
    const values = f32(Array.from({ length: 3 * 64 }, (_, k) => (k < 16 ? (2 * (k + 0.5)) / 255 - 1 : Math.sin(k * 12.9898) * 1.2)));
    // The tensor's buffer takes the pixels: a copy goes in.
    const img = tensorToImage(values.slice(), 8, 8);
    const numpyRound = (x: number) => {
      const r = Math.round(x);
      return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
    };
    for (let p = 0; p < 64; p++) for (let c = 0; c < 3; c++) expect(img.data[p * 4 + c]).toBe(numpyRound(Math.min(Math.max(values[c * 64 + p] / 2 + 0.5, 0), 1) * 255));
  });

  it('latent mask: nearest = the top-left pixel of each 8x8 block, binarised', () => {
    const mask: Mask = { width: 16, height: 16, data: new Uint8Array(256) };
    // block (1, 0): top-left pixel (8, 0) white, block (0, 1): only pixel (1, 9) white (not its top-left)
    mask.data[0 * 16 + 8] = 255;
    mask.data[9 * 16 + 1] = 255;
    // block (1, 1): top-left (8, 8) grey 128 -> repaint
    mask.data[8 * 16 + 8] = 128;
    expect(Array.from(latentMask(mask, 2, 2))).toEqual([0, 1, 0, 1]);
  });

  it('latent mask of a size that is not a multiple: floor(dst * in / out)', () => {
    const mask: Mask = { width: 5, height: 1, data: Uint8Array.from([0, 0, 255, 0, 255]) };
    // out 2: sources floor(0 * 2.5) = 0, floor(1 * 2.5) = 2
    expect(Array.from(latentMask(mask, 2, 1))).toEqual([0, 1]);
  });
});

describe('latents', () => {
  it('scales by the VAE factor', () => {
    near(scaleLatents(f32([1, -2]), 0.18215), [0.18215, -0.3643]);
  });

  it('latent_parameters: mean + exp(0.5 logvar) noise, logvar clamped to [-30, 20]; mean without noise', () => {
    // 1 channel, 2 cells: mean [1, 2], logvar [ln 4, 100 -> 20]
    const params = f32([1, 2, Math.log(4), 100]);
    near(sampleLatentParameters(params, 1), [1, 2]);
    near(sampleLatentParameters(params, 1, f32([0.5, 1])), [1 + 2 * 0.5, 2 + Math.exp(10)], 1);
    // the tiny test VAE's logvar -12: std = exp(-6) ~ 0.00248
    near(sampleLatentParameters(f32([0.3, -12]), 1, f32([1])), [0.3 + Math.exp(-6)]);
  });

  it('the 9-channel UNet sample: latents, mask, masked latents; doubled for guidance', () => {
    const latents = f32([1, 2, 3, 4]);
    const mask = f32([1]);
    const masked = f32([5, 6, 7, 8]);
    expect(Array.from(unetSample(latents, mask, masked))).toEqual([1, 2, 3, 4, 1, 5, 6, 7, 8]);
    expect(Array.from(unetSample(latents, mask, masked, 2))).toEqual([1, 2, 3, 4, 1, 5, 6, 7, 8, 1, 2, 3, 4, 1, 5, 6, 7, 8]);
    expect(Array.from(unetSample(latents, null, null, 2))).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    // Each step only the latent planes change.
    const sample = unetSample(latents, mask, masked, 2);
    setSampleLatents(sample, f32([9, 9, 9, 9]), 2);
    expect(Array.from(sample)).toEqual([9, 9, 9, 9, 1, 5, 6, 7, 8, 9, 9, 9, 9, 1, 5, 6, 7, 8]);
  });

  it('blend: (1 - m) known + m latents, the mask broadcast over 4 channels', () => {
    const latents = f32([1, 1, 2, 2, 3, 3, 4, 4]);
    const known = f32([9, 9, 8, 8, 7, 7, 6, 6]);
    near(blendLatents(latents, known, f32([1, 0])), [1, 9, 2, 8, 3, 7, 4, 6]);
    near(blendLatents(latents, known, f32([0.25, 0])), [0.25 * 1 + 0.75 * 9, 9, 0.25 * 2 + 0.75 * 8, 8, 0.25 * 3 + 0.75 * 7, 7, 0.25 * 4 + 0.75 * 6, 6]);
  });

  it('4-channel inpainting re-noises the known area to the next step, not after the last', () => {
    const config = { beta_schedule: 'scaled_linear', beta_start: 0.00085, beta_end: 0.012, steps_offset: 1, set_alpha_to_one: false };
    const s = createScheduler('ddim', config, 2);
    const latents = f32([0.5, 0.5, 0.5, 0.5]);
    const image = f32([1, 1, 1, 1]);
    const noise = f32([2, 2, 2, 2]);
    const mask = f32([0]);
    // after step 0: known = sqrt(a) image + sqrt(1 - a) noise at timesteps[1]
    const a = s.addNoise(image, noise, 1);
    near(blendAfterStep(s, 0, latents, image, noise, mask), Array.from(a));
    // after the last step: the clean image latents
    near(blendAfterStep(s, 1, latents, image, noise, mask), [1, 1, 1, 1]);
    // where the mask is 1 the latents are kept
    near(blendAfterStep(s, 0, latents, image, noise, f32([1])), [0.5, 0.5, 0.5, 0.5]);
  });

  it('start latents: noise x initNoiseSigma at strength 1, else the image noised to the first step', () => {
    const config = { beta_schedule: 'scaled_linear', beta_start: 0.00085, beta_end: 0.012, steps_offset: 1 };
    const euler = createScheduler('euler', config, 10);
    near(startLatents(euler, f32([1, -1]), null, 1), [euler.initNoiseSigma, -euler.initNoiseSigma], 5);
    const half = createScheduler('euler', config, 10, { strength: 0.5 });
    near(startLatents(half, f32([1, -1]), f32([0.5, 0.5]), 0.5), [0.5 + half.sigmas![0], 0.5 - half.sigmas![0]], 5);
    expect(() => startLatents(half, f32([1]), null, 0.5)).toThrow(RangeError);
  });
});

describe('checks and previews', () => {
  it('finds NaN and infinities', () => {
    expect(findNonFinite(f32([0, 1, -2]))).toBeNull();
    expect(allFinite(f32([0, 1, -2, 3e38]))).toBe(true);
    for (const bad of [NaN, Infinity, -Infinity]) expect(allFinite(f32([0, bad, 1]))).toBe(false);
    // A bad value in any of the four running sums, or in the values after the last group of four.
    for (let at = 0; at < 9; at++) expect(allFinite(Float32Array.from({ length: 9 }, (_, k) => (k === at ? NaN : k)))).toBe(false);
    expect(findNonFinite(f32([0, NaN, Infinity, NaN, -Infinity]))).toEqual({ nan: 2, infinite: 2, first: 1 });
  });

  it('latent preview: SD15 latent-to-RGB factors, then like a decoded image', () => {
    // one cell with latent (1, 0, 0, 0) -> RGB = first column (0.3512, 0.2297, 0.3227)
    const img = latentPreview(f32([1, 0, 0, 0]), 1, 1);
    const expected = [0.3512, 0.2297, 0.3227].map((v) => Math.round((v / 2 + 0.5) * 255));
    expect(Array.from(img.data)).toEqual([...expected, 255]);
    // a zero latent is mid grey
    expect(Array.from(latentPreview(new Float32Array(4), 1, 1).data)).toEqual([128, 128, 128, 255]);
    expect(SD15_LATENT_TO_RGB[2][3]).toBe(-0.7177);
  });
});
