import { describe, expect, it } from 'vitest';
import { createImage } from '../../image/rgba';
import { MAX_SEED, type EngineJob } from '../contract';
import { checkEngineMeta } from '../checkMeta';
import { DEFAULT_MODEL, metaFor, modelFamily, settingsFields } from './meta';
import { inpaintRequest, maskForModel } from './request';
import { assetUrlOf, errorMessage, jobIdOf, readJob } from './response';

const mask = { width: 1024, height: 768, data: new Uint8Array(1024 * 768) };
const job: EngineJob = {
  image: createImage(1024, 768),
  mask,
  seeds: [42],
  params: {
    prompt: 'a red door',
    negativePrompt: 'blurry',
    strength: 0.8,
    steps: 40,
    guidanceScale: 6.5,
    scheduler: 'dpmpp-2m',
    loras: [{ model: 'model_abc123', weight: 0.7 }],
    embeddings: [],
  },
  settings: { model: 'model_my-sdxl', apiKey: 'k', apiSecret: 's' },
};
const inline = { image: 'data:image/png;base64,AAA', mask: 'data:image/png;base64,BBB' };

describe('Scenario settings and meta', () => {
  it('asks for a key, a secret (both secret) and a model with a default', () => {
    expect(settingsFields.map((f) => [f.key, f.label, f.secret ?? false, f.default])).toEqual([
      ['apiKey', 'Scenario API key', true, undefined],
      ['apiSecret', 'Scenario API secret', true, undefined],
      ['model', 'Scenario model', false, DEFAULT_MODEL],
    ]);
  });

  it('has a sound meta for every model family', () => {
    for (const model of ['', DEFAULT_MODEL, 'stable-diffusion-v1-5', 'model_bfl-flux-1-dev', 'model_ideogram-v2']) {
      expect({ model, problems: checkEngineMeta(metaFor({ model })) }).toEqual({ model, problems: [] });
    }
  });

  it('takes the model family\'s ranges and sizes: SDXL unless the id says otherwise', () => {
    const sdxl = metaFor({});
    expect(sdxl.params.guidanceScale).toEqual({ min: 0, max: 20, default: 6 });
    expect(sdxl.params.strength).toEqual({ min: 0.01, max: 1, default: 0.75 });
    expect(sdxl.params.steps).toEqual({ min: 1, max: 150, default: 30 });
    expect(sdxl.sizeRules).toEqual({ multipleOf: 8, minSide: 512, maxSide: 2048 });
    expect([sdxl.maxVariationsPerRun, sdxl.resumable, sdxl.maskOptional]).toEqual([1, true, false]);
    expect(sdxl.params.embeddings).toBeUndefined();

    const sd15 = metaFor({ model: 'stable-diffusion-v1-5' });
    expect(sd15.params.guidanceScale?.default).toBe(7.5);
    expect(sd15.sizeRules.maxSide).toBe(1024);
    expect(metaFor({ model: 'flux.1-dev' }).params.guidanceScale).toEqual({ min: 0, max: 10, default: 3.5 });
  });

  it('tells the family from the model id', () => {
    expect(modelFamily('stable-diffusion-xl-base-1.0')).toBe('sdxl');
    expect(modelFamily('model_sdxl-lightning')).toBe('sdxl');
    expect(modelFamily('sd-1.5')).toBe('sd15');
    expect(modelFamily('model_sd15-inpaint')).toBe('sd15');
    expect(modelFamily('runwayml/stable-diffusion-v1-5')).toBe('sd15');
    expect(modelFamily('model_sd-1.55')).toBe('sdxl');
    expect(modelFamily('flux.1-dev')).toBe('flux');
    expect(modelFamily('model_Ideogram-V2')).toBe('ideogram');
  });
});

describe('Scenario request', () => {
  it('maps every field of the engine job onto /generate/inpaint, the seed as a string', () => {
    expect(inpaintRequest(job, inline)).toEqual({
      modelId: 'model_my-sdxl',
      prompt: 'a red door',
      negativePrompt: 'blurry',
      image: inline.image,
      mask: inline.mask,
      numSamples: 1,
      seed: '42',
      width: 1024,
      height: 768,
      strength: 0.8,
      guidance: 6.5,
      numInferenceSteps: 40,
      scheduler: 'DPMSolverMultistepScheduler',
      concepts: [{ modelId: 'model_abc123', scale: 0.7 }],
    });
  });

  it('sends no key or secret in the body', () => {
    expect(JSON.stringify(inpaintRequest(job, inline))).not.toMatch(/"k"|"s"|apiKey|apiSecret/);
  });

  it('leaves out the parameters the job does not have, and uses the default model when none is set', () => {
    const body = inpaintRequest({ ...job, params: { prompt: 'p' }, settings: {}, seeds: [MAX_SEED] }, inline);
    expect(body).toEqual({ modelId: DEFAULT_MODEL, prompt: 'p', image: inline.image, mask: inline.mask, numSamples: 1, seed: '4294967295', width: 1024, height: 768 });
  });

  it('sends a scheduler only when Scenario has one of that name', () => {
    expect(inpaintRequest({ ...job, params: { ...job.params, scheduler: 'euler-a' } }, inline).scheduler).toBe('EulerAncestralDiscreteScheduler');
    expect(inpaintRequest({ ...job, params: { ...job.params, scheduler: 'dpmpp-2m-karras' } }, inline)).not.toHaveProperty('scheduler');
  });

  it('keeps the mask white-repaints for SD, SDXL and Flux, and inverts it for Ideogram models', () => {
    const small = { width: 3, height: 1, data: Uint8Array.from([0, 128, 255]) };
    expect(maskForModel(small, 'stable-diffusion-xl-base-1.0')).toBe(small);
    expect(maskForModel(small, 'flux.1-dev')).toBe(small);
    const inverted = maskForModel(small, 'model_ideogram-v3');
    expect([inverted.width, inverted.height, [...inverted.data]]).toEqual([3, 1, [255, 127, 0]]);
    expect([...small.data]).toEqual([0, 128, 255]);
  });
});

describe('Scenario answers', () => {
  it('reads the job id as jobId or id', () => {
    expect(jobIdOf({ job: { jobId: 'job_1', status: 'queued', progress: 0, metadata: { assetIds: [] } } })).toBe('job_1');
    expect(jobIdOf({ job: { id: 'job_2', status: 'queued' } })).toBe('job_2');
    expect(jobIdOf({ job: {} })).toBeUndefined();
    expect(jobIdOf({ jobId: 'outside' })).toBeUndefined();
    expect(jobIdOf(null)).toBeUndefined();
  });

  it('reads every status of a job, with its progress as a running fraction', () => {
    for (const status of ['queued', 'pending', 'warming-up']) expect(readJob({ job: { status, progress: 0 } })).toEqual({ kind: 'waiting', status });
    expect(readJob({ job: { status: 'in-progress', progress: 0.4 } })).toEqual({ kind: 'running', status: 'in-progress', fraction: 0.4 });
    expect(readJob({ job: { status: 'finalizing', progress: 1.2 } })).toEqual({ kind: 'running', status: 'finalizing', fraction: 1 });
    expect(readJob({ job: { status: 'in-progress' } })).toEqual({ kind: 'running', status: 'in-progress', fraction: undefined });
    expect(readJob({ job: { status: 'success', progress: 1, metadata: { assetIds: ['asset_a', 'asset_b', 7, ''] } } })).toEqual({ kind: 'done', assetIds: ['asset_a', 'asset_b'] });
    expect(readJob({ job: { status: 'success', metadata: {} } })).toEqual({ kind: 'done', assetIds: [] });
    expect(readJob({ job: { status: 'canceled' } })).toEqual({ kind: 'cancelled' });
    expect(readJob({ job: { status: 'cancelled' } })).toEqual({ kind: 'cancelled' });
    expect(readJob({ job: { status: 'something-new' } })).toEqual({ kind: 'waiting', status: 'something-new' });
    expect(readJob({})).toEqual({ kind: 'waiting', status: 'queued' });
  });

  it('says why a job failed, from metadata.error and its hint, as failure or failed', () => {
    expect(readJob({ job: { status: 'failure', metadata: { error: 'NSFW content detected', hint: 'Change the prompt' } } })).toEqual({
      kind: 'failed',
      message: 'NSFW content detected (Change the prompt)',
    });
    expect(readJob({ job: { status: 'failed', metadata: { error: { message: 'Out of capacity' } } } })).toEqual({ kind: 'failed', message: 'Out of capacity' });
    expect(readJob({ job: { status: 'failure', metadata: {} } })).toEqual({ kind: 'failed', message: 'the job failed' });
  });

  it('reads an asset\'s url', () => {
    expect(assetUrlOf({ asset: { id: 'asset_a', url: 'https://cdn.cloud.scenario.com/a.png?sig=1', type: 'inference-txt2img' } })).toBe('https://cdn.cloud.scenario.com/a.png?sig=1');
    expect(assetUrlOf({ asset: { id: 'asset_a' } })).toBeUndefined();
    expect(assetUrlOf({ url: 'https://x' })).toBeUndefined();
  });

  it('reads the error envelope under message, error or reason', () => {
    expect(errorMessage({ message: '"modelId" must be a string' })).toBe('"modelId" must be a string');
    expect(errorMessage({ error: 'image parameter is required' })).toBe('image parameter is required');
    expect(errorMessage({ error: { message: 'Job job_9 not found' } })).toBe('Job job_9 not found');
    expect(errorMessage({ reason: 'Too many concurrent jobs' })).toBe('Too many concurrent jobs');
    expect(errorMessage({ message: 'Payment required', reason: 'Not enough credits' })).toBe('Payment required (Not enough credits)');
    expect(errorMessage({ statusCode: 400, message: ['"strength" must be less than or equal to 1', '"seed" must be a string'], error: 'Bad Request' })).toBe(
      '"strength" must be less than or equal to 1; "seed" must be a string',
    );
    expect(errorMessage('Unauthorized')).toBe('Unauthorized');
    expect(errorMessage({})).toBeUndefined();
  });
});
