import { describe, expect, it } from 'vitest';
import type { Mask } from '../mask/types';
import { buildJob, EMPTY_MASK, engineParams, NO_IMAGE, seedsFor, type JobImage } from './job';
import { defaultParams } from './params';
import { diffusionMeta, removerMeta } from '../engines/testMetas';
import { defaultDraft, type ParamsDraft } from './validateParams';

const meta = diffusionMeta;

const image: JobImage = { blob: new Blob([new Uint8Array([1, 2, 3])]), width: 4, height: 3 };

function mask(width = 4, height = 3, painted = true): Mask {
  const data = new Uint8Array(width * height);
  if (painted) data[5] = 255;
  return { width, height, data };
}

const fixedSeed: ParamsDraft = { ...defaultDraft, randomSeed: false, seed: '1234' };

describe('buildJob', () => {
  it('builds a job from a loaded image, a painted mask and valid params', () => {
    const result = buildJob({ image, mask: mask(), draft: fixedSeed }, meta);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.job.image).toBe(image);
    expect(result.job.params.seed).toBe(1234);
    expect(result.job.params.steps).toBe(25);
  });

  it('asks for an image when none is loaded', () => {
    expect(buildJob({ image: null, mask: mask(), draft: fixedSeed }, meta)).toEqual({
      ok: false,
      errors: [NO_IMAGE],
    });
    expect(buildJob({ mask: mask(), draft: fixedSeed }, meta)).toEqual({ ok: false, errors: [NO_IMAGE] });
  });

  it('asks for a mask when there is none or it is all zero', () => {
    expect(buildJob({ image, mask: null, draft: fixedSeed }, meta)).toEqual({
      ok: false,
      errors: [EMPTY_MASK],
    });
    expect(buildJob({ image, mask: mask(4, 3, false), draft: fixedSeed }, meta)).toEqual({
      ok: false,
      errors: [EMPTY_MASK],
    });
  });

  it('rejects a mask of another size, naming both sizes', () => {
    const result = buildJob({ image, mask: mask(3, 4), draft: fixedSeed }, meta);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain('3×4');
    expect(result.errors[0]).toContain('4×3');
  });

  it('rejects mask data whose length does not match its size', () => {
    const broken = { width: 4, height: 3, data: new Uint8Array(5).fill(255) };
    const result = buildJob({ image, mask: broken, draft: fixedSeed }, meta);
    expect(result.ok).toBe(false);
  });

  it('rejects an image with no size', () => {
    const result = buildJob({ image: { ...image, width: 0 }, mask: mask(), draft: fixedSeed }, meta);
    expect(result.ok).toBe(false);
  });

  it('lists every problem together, field messages included', () => {
    const draft = { ...fixedSeed, steps: '0', strength: '2' };
    const result = buildJob({ image: null, mask: null, draft }, meta);
    expect(result).toEqual({
      ok: false,
      errors: [
        NO_IMAGE,
        EMPTY_MASK,
        'Strength must be between 0.01 and 1',
        'Steps must be a whole number from 1 to 150',
      ],
    });
  });

  it('picks a fresh seed with the given random function when random seed is on', () => {
    const draft = { ...defaultDraft, randomSeed: true, seed: '1234' };
    const first = buildJob({ image, mask: mask(), draft }, meta, () => 0.25);
    const second = buildJob({ image, mask: mask(), draft }, meta, () => 0.5);
    expect(first.ok && first.job.params.seed).toBe(1073741824);
    expect(second.ok && second.job.params.seed).toBe(2147483648);
  });

  it('keeps the typed seed when random seed is off', () => {
    const result = buildJob({ image, mask: mask(), draft: fixedSeed }, meta, () => 0.5);
    expect(result.ok && result.job.params.seed).toBe(1234);
  });

  it('gives each variation its seed: the seed, then the ones after it', () => {
    const result = buildJob({ image, mask: mask(), draft: { ...fixedSeed, variations: '3' } }, meta);
    expect(result.ok && result.job.seeds).toEqual([1234, 1235, 1236]);
  });

  it('runs without a mask when the engine can work image to image', () => {
    const imageToImage = { ...meta, maskOptional: true };
    expect(buildJob({ image, mask: mask(4, 3, false), draft: fixedSeed }, imageToImage).ok).toBe(true);
    const none = buildJob({ image, mask: null, draft: fixedSeed }, imageToImage);
    expect(none.ok && none.job.mask.data.every((v) => v === 0)).toBe(true);
  });

  it('does not hold an engine to the parameters it does not use', () => {
    expect(buildJob({ image, mask: mask(), draft: { ...fixedSeed, steps: '0' } }, removerMeta).ok).toBe(true);
  });
});

describe('seedsFor', () => {
  it('gives variation i the seed + i, wrapping at 2^32', () => {
    expect(seedsFor(100, 3)).toEqual([100, 101, 102]);
    expect(seedsFor(4294967295, 2)).toEqual([4294967295, 0]);
  });
});

describe('engineParams', () => {
  const params = { ...defaultParams, prompt: '  a red door ', negativePrompt: 'blur', steps: 30, outputFormat: 'webp' as const };

  it('sends an engine only the parameters it uses, never the editor\'s settings', () => {
    expect(engineParams(params, diffusionMeta)).toEqual({
      prompt: 'a red door',
      negativePrompt: 'blur',
      strength: 0.75,
      steps: 30,
      guidanceScale: 7.5,
      scheduler: 'euler-a',
    });
    expect(engineParams(params, removerMeta)).toEqual({});
  });
});
