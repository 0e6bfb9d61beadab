import { describe, expect, it } from 'vitest';
import { createImage } from '../../image/rgba';
import type { ProviderAnswer } from '../cloud/api';
import { checkEngineMeta } from '../checkMeta';
import { MAX_SEED, type EngineJob } from '../contract';
import { meta, settingsFields } from './meta';
import { fetchPath, inpaintBody, sampleGroups, uploadBody } from './request';
import { idOf, messageOf, modelslabError, num, outputUrls, pathOfUrl, readAnswer } from './response';

const job: EngineJob = {
  image: createImage(1024, 768),
  mask: { width: 1024, height: 768, data: new Uint8Array(1024 * 768) },
  seeds: [42, 43],
  params: {
    prompt: 'a red door',
    negativePrompt: 'blurry',
    strength: 0.9,
    steps: 30,
    guidanceScale: 4,
    loras: [
      { model: 'more_details', weight: 0.8 },
      { model: ' add-detail-xl ', weight: 0.5 },
    ],
  },
  settings: {},
};
const urls = { image: 'https://modelslab.test/i.png', mask: 'https://modelslab.test/m.png' };

const answer = (status: number, body: unknown, headers: Record<string, string> = {}, proxyError?: ProviderAnswer['proxyError']): ProviderAnswer => ({
  status,
  body,
  headers: new Headers(headers),
  proxyError,
});

describe('ModelsLab request', () => {
  it('maps the engine job onto v6 inpaint\'s fields, numbers as ModelsLab\'s examples send them, the key left to the server', () => {
    expect(inpaintBody(job, urls, { first: 0, count: 2, seed: 42 })).toEqual({
      prompt: 'a red door',
      negative_prompt: 'blurry',
      init_image: 'https://modelslab.test/i.png',
      mask_image: 'https://modelslab.test/m.png',
      width: '1024',
      height: '768',
      samples: '2',
      num_inference_steps: '30',
      guidance_scale: 4,
      strength: 0.9,
      seed: 42,
      lora_model: 'more_details,add-detail-xl',
      lora_strength: '0.8,0.5',
    });
  });

  it('leaves out what the user did not give, and never carries a key', () => {
    const body = inpaintBody({ ...job, params: { prompt: 'a cat' } }, urls, { first: 0, count: 1, seed: 0 });
    expect(body).toEqual({ prompt: 'a cat', init_image: urls.image, mask_image: urls.mask, width: '1024', height: '768', samples: '1', seed: 0 });
    expect(body).not.toHaveProperty('key');
    expect(uploadBody('data:image/png;base64,AAAA')).toEqual({ init_image: 'data:image/png;base64,AAAA' });
  });

  it('splits the seeds into requests of at most 4 samples, each seeded with its first variation\'s seed', () => {
    expect(sampleGroups([7, 8])).toEqual([{ first: 0, count: 2, seed: 7 }]);
    expect(sampleGroups([7, 8, 9, 10, 11])).toEqual([
      { first: 0, count: 4, seed: 7 },
      { first: 4, count: 1, seed: 11 },
    ]);
    expect(sampleGroups([1, 2, 3, 4, 5, 6, 7, 8])).toEqual([
      { first: 0, count: 4, seed: 1 },
      { first: 4, count: 4, seed: 5 },
    ]);
  });

  it('starts a new request where the seeds do not follow on: left over after a reload, or past the largest seed', () => {
    expect(sampleGroups([8, 10, 11])).toEqual([
      { first: 0, count: 1, seed: 8 },
      { first: 1, count: 2, seed: 10 },
    ]);
    expect(sampleGroups([MAX_SEED - 1, MAX_SEED, 0, 1])).toEqual([
      { first: 0, count: 2, seed: MAX_SEED - 1 },
      { first: 2, count: 2, seed: 0 },
    ]);
  });

  it('fetches by id on the v6 path', () => {
    expect(fetchPath('123')).toBe('/api/v6/image_editing/fetch/123');
  });

  it('has a sound meta: 4 samples a request, sides up to 1024 in multiples of 8, v6 guidance 1-5', () => {
    expect(checkEngineMeta(meta)).toEqual([]);
    expect(meta.maxVariationsPerRun).toBe(4);
    expect(meta.sizeRules).toEqual({ multipleOf: 8, maxSide: 1024 });
    expect(meta.params.guidanceScale).toEqual({ min: 1, max: 5, default: 5 });
    expect(meta.params.steps).toEqual({ min: 1, max: 50, default: 30 });
    expect(meta.resumable).toBe(true);
    expect(settingsFields).toEqual([expect.objectContaining({ key: 'apiKey', label: 'ModelsLab API key', secret: true })]);
  });
});

describe('ModelsLab answers', () => {
  it('reads a success with its image URLs, id and seed, numbers as numbers or strings', () => {
    expect(
      readAnswer({ status: 'success', generationTime: 1.2, id: 123, output: ['https://pub.test/a.png', 'https://pub.test/b.png'], meta: { seed: 7, W: 512 } }),
    ).toEqual({ kind: 'success', id: '123', urls: ['https://pub.test/a.png', 'https://pub.test/b.png'], seed: 7 });
    expect(readAnswer({ status: 'success', id: '124', output: ['https://pub.test/c.png'], meta: { seed: '9' } })).toEqual({
      kind: 'success',
      id: '124',
      urls: ['https://pub.test/c.png'],
      seed: 9,
    });
    expect(readAnswer({ status: 'success', output: [], proxy_links: ['https://cdn.test/d.png'] })).toMatchObject({ urls: ['https://cdn.test/d.png'] });
  });

  it('reads a submit\'s processing: eta, id, and fetch_result as a path on ModelsLab\'s own base', () => {
    expect(
      readAnswer({
        status: 'processing',
        eta: 35,
        message: 'Try to fetch request after seconds estimated',
        fetch_result: 'https://modelslab.com/api/v6/image_editing/fetch/123',
        id: 123,
        output: [],
        future_links: ['https://pub.test/future.png'],
      }),
    ).toEqual({ kind: 'processing', id: '123', etaSeconds: 35, fetchPath: '/api/v6/image_editing/fetch/123' });
    expect(readAnswer({ status: 'processing', eta: '12.5', id: '77', fetch_result: 'https://stablediffusionapi.com/api/v3/fetch/77' })).toEqual({
      kind: 'processing',
      id: '77',
      etaSeconds: 12.5,
      fetchPath: '/api/v3/fetch/77',
    });
  });

  it('reads a fetch\'s processing: output "" (a string), no eta', () => {
    expect(readAnswer({ status: 'processing', id: 123, output: '', message: 'Request processing' })).toEqual({
      kind: 'processing',
      id: '123',
      etaSeconds: undefined,
      fetchPath: undefined,
    });
    expect(outputUrls({ status: 'processing', output: '' })).toEqual([]);
  });

  it('reads an error in either spelling, and a failed job', () => {
    expect(readAnswer({ status: 'error', message: 'Invalid API key' })).toEqual({ kind: 'error', message: 'Invalid API key.' });
    expect(readAnswer({ status: 'error', messege: 'Invalid API key' })).toEqual({ kind: 'error', message: 'Invalid API key.' });
    expect(readAnswer({ status: 'failed', id: 5, message: 'Image generation failed.' })).toEqual({ kind: 'error', message: 'Image generation failed.' });
    expect(readAnswer({ status: 'error' })).toEqual({ kind: 'error', message: 'ModelsLab answered "error" without a reason.' });
    expect(readAnswer('<html>')).toMatchObject({ kind: 'error' });
  });

  it('joins a message of field errors', () => {
    expect(messageOf({ status: 'error', message: { prompt: ['The prompt field is required.'], samples: ['Max 4'] } })).toBe('The prompt field is required. Max 4.');
  });

  it('takes only the path of a fetch_result, never a host, and nothing that climbs out of /api/', () => {
    expect(pathOfUrl('https://elsewhere.test/api/v6/image_editing/fetch/9?x=1')).toBe('/api/v6/image_editing/fetch/9?x=1');
    expect(pathOfUrl('https://modelslab.com/files/9')).toBeUndefined();
    expect(pathOfUrl('https://modelslab.com/api/%2e%2e/admin')).toBeUndefined();
    expect(pathOfUrl('not a url')).toBeUndefined();
    expect(pathOfUrl(42)).toBeUndefined();
  });

  it('reads numbers and ids written either way', () => {
    expect([num(3), num('3.5'), num(''), num('x'), num(null)]).toEqual([3, 3.5, undefined, undefined, undefined]);
    expect([idOf(12), idOf('12'), idOf(''), idOf(1.5)]).toEqual(['12', '12', undefined, undefined]);
  });
});

describe('ModelsLab errors', () => {
  it('an invalid key inside a 200 is auth, in ModelsLab\'s words', () => {
    const error = modelslabError(answer(200, { status: 'error', message: 'Invalid API key' }));
    expect([error.kind, error.message, error.retryable, error.status]).toEqual(['auth', 'Invalid API key.', false, undefined]);
    expect(modelslabError(answer(200, { status: 'error', messege: 'Invalid API key' })).kind).toBe('auth');
  });

  it('a rate limit inside a 200 is rate-limited, with retry_after, and proves the request was not taken', () => {
    const error = modelslabError(answer(200, { status: 'error', message: 'Rate limit exceeded. Maximum 5 queued requests allowed.', retry_after: 30 }));
    expect([error.kind, error.retryAfterSeconds, error.notAccepted, error.retryable]).toEqual(['rate-limited', 30, true, true]);
    expect(error.message).toBe('Rate limit exceeded. Maximum 5 queued requests allowed.');
    const asString = modelslabError(answer(200, { status: 'error', message: 'Please wait.', retry_after: '5' }));
    expect([asString.kind, asString.retryAfterSeconds]).toEqual(['rate-limited', 5]);
  });

  it('credits or balance inside a 200 is credits; anything else is invalid input', () => {
    expect(modelslabError(answer(200, { status: 'error', message: 'Insufficient balance, please recharge' })).kind).toBe('credits');
    expect(modelslabError(answer(200, { status: 'error', message: 'You have no credits left' })).kind).toBe('credits');
    const other = modelslabError(answer(200, { status: 'error', message: 'lora_model not supported for inpainting' }));
    expect([other.kind, other.message, other.retryable]).toEqual(['invalid-input', 'lora_model not supported for inpainting.', false]);
  });

  it('real HTTP errors keep their status\' meaning, in ModelsLab\'s words', () => {
    const limited = modelslabError(answer(429, { status: 'error', message: 'Too many requests', retry_after: 2 }));
    expect([limited.kind, limited.status, limited.retryAfterSeconds, limited.notAccepted]).toEqual(['rate-limited', 429, 2, true]);
    expect(modelslabError(answer(401, { status: 'error', message: 'Unauthorized' })).kind).toBe('auth');
    expect(modelslabError(answer(402, { status: 'error', message: 'Payment required' })).kind).toBe('credits');
    const down = modelslabError(answer(503, { status: 'error', messege: 'Service unavailable' }));
    expect([down.kind, down.notAccepted, down.message]).toEqual(['unavailable', true, 'Service unavailable.']);
    expect(modelslabError(answer(500, 'oops')).kind).toBe('unavailable');
    // A 400 says no more than "refused": its words tell which.
    expect(modelslabError(answer(400, { status: 'error', message: 'Invalid API key' })).kind).toBe('auth');
    expect(modelslabError(answer(400, { status: 'error', message: 'The prompt field is required.' })).kind).toBe('invalid-input');
  });

  it('the app\'s own server speaking is never mistaken for ModelsLab', () => {
    const error = modelslabError(answer(401, { proxyError: { code: 'NO_KEY' } }, {}, { code: 'NO_KEY', message: 'no key', sent: 'no' }));
    expect([error.kind, error.message]).toEqual(['auth', 'No ModelsLab API key: add yours in Settings.']);
  });
});
