import { describe, expect, it } from 'vitest';
import { createImage } from '../../image/rgba';
import type { EngineJob } from '../contract';
import { checkEngineMeta } from '../checkMeta';
import { meta } from './meta';
import { modelPath, runRequest } from './request';
import { errorMessage, outputUrls, readRun } from './response';

const job: EngineJob = {
  image: createImage(1024, 768),
  mask: { width: 1024, height: 768, data: new Uint8Array(1024 * 768) },
  seeds: [42],
  params: { prompt: 'a red door', negativePrompt: 'blurry', strength: 0.9, steps: 30, guidanceScale: 6, loras: [{ model: 'https://x.test/lora.safetensors', weight: 0.8 }], embeddings: [] },
  settings: { model: 'stability-ai/sdxl-inpainting', imageToImageModel: 'stability-ai/sdxl-image-to-image' },
};

describe('Runflow request', () => {
  it('maps the engine job onto sdxl-inpainting\'s inputs', () => {
    const { model, body } = runRequest(job, { image: 'https://cdn.test/i.png', mask: 'https://cdn.test/m.png' }, 'ref-1');
    expect(model).toBe('stability-ai/sdxl-inpainting');
    expect(body).toEqual({
      client_ref: 'ref-1',
      input: {
        prompt: 'a red door',
        negative_prompt: 'blurry',
        image_url: 'https://cdn.test/i.png',
        mask_url: 'https://cdn.test/m.png',
        image_size: { width: 1024, height: 768 },
        num_images: 1,
        seed: 42,
        strength: 0.9,
        num_inference_steps: 30,
        guidance_scale: 6,
        format: 'png',
        loras: [{ path: 'https://x.test/lora.safetensors', scale: 0.8 }],
      },
    });
  });

  it('runs the image-to-image model without a mask', () => {
    const { model, body } = runRequest({ ...job, mask: null }, { image: 'https://cdn.test/i.png', mask: null }, 'ref-2');
    expect(model).toBe('stability-ai/sdxl-image-to-image');
    expect(body.input).not.toHaveProperty('mask_url');
    expect(body.input.preserve_aspect_ratio).toBe(true);
  });

  it('keeps a model id of several segments as a path', () => {
    expect(modelPath('org/family/model v2')).toBe('org/family/model%20v2');
  });

  it('has a sound meta', () => {
    expect(checkEngineMeta(meta)).toEqual([]);
  });
});

describe('Runflow answers', () => {
  it('reads every output shape', () => {
    expect(outputUrls({ outputs: [{ url: 'a' }] })).toEqual(['a']);
    expect(outputUrls({ image_urls: ['b', 'c'] })).toEqual(['b', 'c']);
    expect(outputUrls({ image: { url: 'd' } })).toEqual(['d']);
    expect(outputUrls({ images: [{ url: 'e' }] })).toEqual(['e']);
    expect(outputUrls({ url: 'f' })).toEqual(['f']);
    expect(outputUrls(null)).toEqual([]);
  });

  it('reads every status of a run', () => {
    expect(readRun({ status_code: 'queued' })).toEqual({ kind: 'waiting', status: 'queued' });
    expect(readRun({ status_code: 'dispatching' })).toEqual({ kind: 'waiting', status: 'dispatching' });
    expect(readRun({ status_code: 'running' })).toEqual({ kind: 'running' });
    expect(readRun({ status_code: 'succeeded', output: { outputs: [{ url: 'u' }], seed: 7 } })).toEqual({ kind: 'done', urls: ['u'], seed: 7, partial: false });
    expect(readRun({ status_code: 'partial_succeeded', output: { images: [{ url: 'u' }] } })).toMatchObject({ kind: 'done', partial: true });
    expect(readRun({ status_code: 'canceled' })).toEqual({ kind: 'cancelled' });
    expect(readRun({ status_code: 'cancelled' })).toEqual({ kind: 'cancelled' });
  });

  it('says why a run failed, with the failure stage in either spelling', () => {
    expect(readRun({ status_code: 'failed', error: { code: 'X', message: 'NSFW content' } })).toEqual({ kind: 'failed', message: 'NSFW content' });
    expect(readRun({ status_code: 'failed', failure_code: 'INPUT_VALIDATION_FAILED', failure_message: 'bad mask', failure_stage_code: 'preprocess' })).toEqual({
      kind: 'failed',
      message: 'bad mask (preprocess)',
    });
    expect(readRun({ status_code: 'failed', failure_code: 'INPUT_VALIDATION_FAILED', failure_stage: 'preprocess' })).toEqual({
      kind: 'failed',
      message: 'INPUT_VALIDATION_FAILED (preprocess)',
    });
  });

  it('reads the error envelope, with each field of a 422', () => {
    expect(errorMessage({ code: 'PERMISSION_DENIED', message: 'Invalid API key', errors: null })).toBe('Invalid API key (PERMISSION_DENIED)');
    expect(errorMessage({ code: 'INSUFFICIENT_CREDIT', message: 'Not enough credit' })).toBe('Not enough credit (INSUFFICIENT_CREDIT)');
    expect(errorMessage({ code: 'VALIDATION', message: 'Invalid input', errors: [{ field: 'input.strength', message: 'must be at most 1' }] })).toBe(
      'Invalid input; input.strength: must be at most 1 (VALIDATION)',
    );
    expect(errorMessage({ code: 'RATE_LIMITED' })).toBe('RATE_LIMITED');
  });
});
