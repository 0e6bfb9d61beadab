import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { engineSize } from '../../compositing/engineSize';
import { createImage } from '../../image/rgba';
import { checkEngineMeta } from '../checkMeta';
import type { EngineJob } from '../contract';
import { runware } from './engine';
import { DEFAULT_MODEL, meta, settingsFields } from './meta';
import { getResponseTasks, inferenceTask, inferenceTasks } from './request';
import { answerErrors, answerItems, errorMessage, exactSeed, kindOfCode, readTasks } from './response';

// The browser's PNG encoder is not in Node: the engine gets tiny stand-ins.
vi.mock('../cloud/images', async (original) => ({
  ...(await original<typeof import('../cloud/images')>()),
  imagePng: async () => new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }),
  maskPng: async () => new Blob([new Uint8Array([4, 5, 6])], { type: 'image/png' }),
}));
// Polling waits are skipped; what is asked and answered is the same.
vi.mock('../cloud/retry', async (original) => ({ ...(await original<typeof import('../cloud/retry')>()), sleep: async () => {} }));

const SDXL = 'civitai:403361@456538';

const job: EngineJob = {
  image: createImage(1024, 768),
  mask: { width: 1024, height: 768, data: new Uint8Array(1024 * 768) },
  seeds: [42, 43],
  params: {
    prompt: 'a red door',
    negativePrompt: 'blurry',
    strength: 0.9,
    steps: 30,
    guidanceScale: 6,
    scheduler: 'euler-a',
    loras: [{ model: 'civitai:58390@62833', weight: 0.8 }],
    embeddings: [],
  },
  settings: { model: SDXL },
};
const images = { seed: 'data:image/png;base64,SEED', mask: 'data:image/png;base64,MASK' };

describe('Runware request', () => {
  it('maps the engine job onto an imageInference task, every field', () => {
    expect(inferenceTask(job, images, { taskUUID: 'uuid-1', seed: 42 })).toEqual({
      taskType: 'imageInference',
      taskUUID: 'uuid-1',
      positivePrompt: 'a red door',
      negativePrompt: 'blurry',
      seedImage: 'data:image/png;base64,SEED',
      maskImage: 'data:image/png;base64,MASK',
      model: SDXL,
      width: 1024,
      height: 768,
      strength: 0.9,
      steps: 30,
      CFGScale: 6,
      scheduler: 'Euler a',
      seed: 42,
      numberResults: 1,
      outputType: 'URL',
      outputFormat: 'PNG',
      deliveryMethod: 'async',
      includeCost: true,
      lora: [{ model: 'civitai:58390@62833', weight: 0.8 }],
    });
  });

  it('gives every seed its own task and taskUUID, for one request', () => {
    const tasks = inferenceTasks(job, images, [
      { taskUUID: 'a', seed: 42 },
      { taskUUID: 'b', seed: 43 },
    ]);
    expect(tasks.map((t) => [t.taskUUID, t.seed, t.numberResults])).toEqual([
      ['a', 42, 1],
      ['b', 43, 1],
    ]);
  });

  it('never sends an empty negative prompt, no lora list when there is none, and never maskMargin', () => {
    const task = inferenceTask({ ...job, params: { ...job.params, negativePrompt: '  ', loras: [] } }, images, { taskUUID: 'u', seed: 1 });
    expect(task).not.toHaveProperty('negativePrompt');
    expect(task).not.toHaveProperty('lora');
    expect(task).not.toHaveProperty('maskMargin');
  });

  it('sends no mask for image to image, and no strength or scheduler to FLUX Fill', () => {
    expect(inferenceTask({ ...job, mask: null }, { seed: 'S', mask: null }, { taskUUID: 'u', seed: 1 })).not.toHaveProperty('maskImage');
    const flux = inferenceTask({ ...job, settings: {} }, images, { taskUUID: 'u', seed: 1 });
    expect(flux.model).toBe('runware:102@1');
    expect(flux).not.toHaveProperty('strength');
    expect(flux).not.toHaveProperty('scheduler');
  });

  it('asks after tasks with one getResponse each', () => {
    expect(getResponseTasks(['a', 'b'])).toEqual([
      { taskType: 'getResponse', taskUUID: 'a' },
      { taskType: 'getResponse', taskUUID: 'b' },
    ]);
  });

  it('has a sound meta for FLUX Fill and for an SD model, with Runware\'s limits', () => {
    expect(checkEngineMeta(meta({}))).toEqual([]);
    expect(checkEngineMeta(meta({ model: SDXL }))).toEqual([]);
    expect(meta({}).params.strength).toBeUndefined();
    expect(meta({}).maskOptional).toBe(false);
    const sd = meta({ model: SDXL }).params;
    expect([sd.prompt, sd.negativePrompt]).toEqual([
      { required: true, minLength: 2, maxLength: 3000 },
      { minLength: 2, maxLength: 3000 },
    ]);
    expect([sd.strength?.default, sd.steps?.default, sd.guidanceScale?.default, sd.guidanceScale?.max]).toEqual([0.8, 20, 7, 50]);
    expect(settingsFields.map((f) => [f.key, f.label, f.secret ?? false])).toEqual([
      ['apiKey', 'Runware API key', true],
      ['model', 'Runware model', false],
    ]);
    expect(settingsFields[1].default).toBe(DEFAULT_MODEL);
  });

  it.each([
    [300, 200],
    [5000, 3000],
    [1000, 37],
    [640, 640],
  ])('sizes a %i x %i crop in multiples of 64 within 128-2048', (w, h) => {
    const { width, height } = engineSize(w, h, meta({}).sizeRules);
    for (const side of [width, height]) {
      expect(side % 64).toBe(0);
      expect(side).toBeGreaterThanOrEqual(128);
      expect(side).toBeLessThanOrEqual(2048);
    }
  });
});

describe('Runware answers', () => {
  const ids = ['t1', 't2'];

  it('reads a sync answer: one item per result, with its cost', () => {
    const states = readTasks(
      {
        data: [
          { taskType: 'imageInference', taskUUID: 't1', imageUUID: 'i1', imageURL: 'https://im.runware.ai/a.png', seed: 42, NSFWContent: false, cost: 0.0026 },
          { taskType: 'imageInference', taskUUID: 't2', imageUUID: 'i2', imageURL: 'https://im.runware.ai/b.png', seed: 43 },
        ],
      },
      ids,
    );
    expect(states.get('t1')).toEqual({ results: [{ url: 'https://im.runware.ai/a.png', seed: 42, cost: 0.0026 }] });
    expect(states.get('t2')).toEqual({ results: [{ url: 'https://im.runware.ai/b.png', seed: 43, cost: undefined }] });
  });

  it('keeps the rest of an item whose seed is beyond 2^53, and never trusts that seed', () => {
    const raw = '{"data":[{"taskType":"imageInference","taskUUID":"t1","imageUUID":"i1","imageURL":"https://im.runware.ai/a.png","seed":9202427981074766178,"cost":0.0019}]}';
    const state = readTasks(JSON.parse(raw), ['t1']).get('t1')!;
    expect(state.results).toEqual([{ url: 'https://im.runware.ai/a.png', seed: undefined, cost: 0.0019 }]);
    expect(exactSeed(JSON.parse("9202427981074766178"))).toBeUndefined();
    expect(exactSeed('9202427981074766178')).toBeUndefined();
    expect(exactSeed(4294967295)).toBe(4294967295);
    expect(exactSeed('17')).toBe(17);
    expect(exactSeed(-1)).toBeUndefined();
  });

  it('reads an async acknowledgement as placeholders, and errors[] inside it as refused tasks', () => {
    const ack = readTasks({ data: [{ taskType: 'imageInference', taskUUID: 't1' }] }, ids);
    expect(ack.get('t1')).toEqual({ results: [] });
    const refused = readTasks(
      {
        data: [{ taskType: 'imageInference', taskUUID: 't1' }],
        errors: [{ code: 'invalidSeedImage', message: 'Invalid seed image.', parameter: 'seedImage', taskType: 'imageInference', taskUUID: 't2' }],
      },
      ids,
    );
    expect(refused.get('t1')?.failed).toBeUndefined();
    expect(refused.get('t2')?.failed).toEqual({ message: 'seedImage: Invalid seed image. (invalidSeedImage)', kind: 'invalid-input' });
  });

  it('reads getResponse items: processing or pending with progress, success, error', () => {
    const states = readTasks(
      {
        data: [
          { taskType: 'imageInference', taskUUID: 't1', status: 'processing', progress: 40 },
          { taskType: 'imageInference', taskUUID: 't2', status: 'pending' },
        ],
      },
      ids,
    );
    expect(states.get('t1')).toEqual({ results: [], status: 'processing', progress: 40 });
    expect(states.get('t2')).toEqual({ results: [], status: 'pending' });
    const done = readTasks({ data: [{ taskUUID: 't1', status: 'success', imageURL: 'https://im.runware.ai/a.png', seed: 7 }] }, ids);
    expect(done.get('t1')?.results).toEqual([{ url: 'https://im.runware.ai/a.png', seed: 7, cost: undefined }]);
    const failed = readTasks({ data: [{ taskUUID: 't2', status: 'error', error: { code: 'inferenceFailed', message: 'The model could not run.' } }] }, ids);
    expect(failed.get('t2')?.failed).toEqual({ message: 'The model could not run. (inferenceFailed)', kind: 'invalid-input' });
  });

  it('takes data as an array or as a single object, and other output types', () => {
    expect(answerItems({ data: { taskType: 'imageUpload', taskUUID: 'u', imageUUID: 'img' } })).toEqual([{ taskType: 'imageUpload', taskUUID: 'u', imageUUID: 'img' }]);
    expect(answerItems({ data: [{ taskUUID: 'u' }, 'junk'] })).toEqual([{ taskUUID: 'u' }]);
    expect(answerItems('not json')).toEqual([]);
    const single = readTasks({ data: { taskUUID: 't1', imageDataURI: 'data:image/png;base64,AAAA' } }, ids);
    expect(single.get('t1')?.results[0].url).toBe('data:image/png;base64,AAAA');
    const base64 = readTasks({ data: [{ taskUUID: 't1', imageBase64Data: 'AAAA' }] }, ids);
    expect(base64.get('t1')?.results[0].url).toBe('data:image/png;base64,AAAA');
  });

  it('reads both error shapes, the parameter a string or a list', () => {
    const list = { errors: [{ code: 'invalidApiKey', message: 'Invalid API key. Get one at https://my.runware.ai/signup', parameter: 'apiKey', taskType: 'authentication', taskUUID: 't1' }] };
    expect(errorMessage(list)).toBe('Invalid API key. Get one at https://my.runware.ai/signup (invalidApiKey)');
    expect(errorMessage({ errors: [{ code: 'invalidDimensions', message: 'Width and height must be multiples of 64.', parameter: ['width', 'height'] }] })).toBe(
      'width, height: Width and height must be multiples of 64. (invalidDimensions)',
    );
    const single = { error: { code: 'timeoutProvider', message: 'The task timed out.' }, taskUUID: 't2' };
    expect(answerErrors(single)).toEqual([{ code: 'timeoutProvider', message: 'The task timed out.', parameter: undefined, taskUUID: 't2' }]);
    expect(errorMessage(single)).toBe('The task timed out. (timeoutProvider)');
    expect(readTasks(single, ids).get('t2')?.failed?.kind).toBe('unavailable');
    // The same refusal for every task is said once.
    const twice = { errors: [1, 2].map((n) => ({ code: 'insufficientCredits', message: 'Not enough credits.', taskUUID: `t${n}` })) };
    expect(errorMessage(twice)).toBe('Not enough credits. (insufficientCredits)');
    expect(errorMessage('Bad gateway')).toBe('Bad gateway');
    expect(errorMessage({})).toBeUndefined();
  });

  it('fails every task on an error that names none of them', () => {
    const states = readTasks({ errors: [{ code: 'invalidApiKey', message: 'Invalid API key.' }] }, ids);
    expect([...states.values()].map((s) => s.failed?.kind)).toEqual(['auth', 'auth']);
  });

  it('knows the kinds of Runware\'s codes', () => {
    expect(kindOfCode('invalidApiKey')).toBe('auth');
    expect(kindOfCode('insufficientCredits')).toBe('credits');
    expect(kindOfCode('timeoutProvider')).toBe('unavailable');
    expect(kindOfCode('invalidPositivePrompt')).toBe('invalid-input');
    expect(kindOfCode(undefined)).toBe('invalid-input');
  });
});

describe('Runware engine', () => {
  type Call = { url: string; body: unknown };
  type Reply = { status?: number; text: string } | ((tasks: { taskType: string; taskUUID: string }[]) => { status?: number; text: string });

  /** The app's server as the engine sees it: each provider call answered in turn, each result fetch a PNG. */
  function server(replies: Reply[]) {
    const calls: Call[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      if (url === '/api/runware/external') return new Response(new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }));
      const body = JSON.parse(String(init.body));
      calls.push({ url, body });
      const next = replies.shift();
      if (!next) throw new Error('no more answers');
      const { status = 200, text } = typeof next === 'function' ? next(body) : next;
      return new Response(text, { status, headers: { 'content-type': 'application/json' } });
    });
    return calls;
  }

  function context() {
    const images: { index: number; seed?: number }[] = [];
    const remembered: unknown[] = [];
    return {
      images,
      remembered,
      context: {
        signal: new AbortController().signal,
        onProgress: () => {},
        onImage: ({ index, seed }: { index: number; seed?: number }) => images.push({ index, seed }),
        remember: (state: unknown) => remembered.push(state),
      },
    };
  }

  const one: EngineJob = { ...job, seeds: [7] };
  const ack = (tasks: { taskUUID: string }[]) => ({ text: JSON.stringify({ data: tasks.map((t) => ({ taskType: 'imageInference', taskUUID: t.taskUUID })) }) });
  const processing = (tasks: { taskUUID: string }[]) => ({ text: JSON.stringify({ data: tasks.map((t) => ({ taskUUID: t.taskUUID, status: 'processing', progress: 50 })) }) });
  // Written raw: the seed has more digits than a double keeps.
  const success = (tasks: { taskUUID: string }[]) => ({
    text: `{"data":[${tasks.map((t) => `{"taskType":"imageInference","taskUUID":"${t.taskUUID}","status":"success","imageURL":"https://im.runware.ai/${t.taskUUID}.png","seed":9202427981074766178,"cost":0.002}`).join(',')}]}`,
  });
  const submitted = (calls: Call[]) => calls.filter((c) => (c.body as { taskType: string }[])[0].taskType === 'imageInference');

  beforeEach(() => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('submits again after a full queue with the same taskUUIDs, remembers them, polls, and keeps its own seed over a huge one', async () => {
    const calls = server([
      { status: 429, text: JSON.stringify({ errors: [{ code: 'tooManyRequests', message: 'The queue is full.' }] }) },
      ack,
      processing,
      success,
    ]);
    const { images, remembered, context: ctx } = context();
    const result = await runware.run(one, ctx);
    const submits = submitted(calls);
    expect(submits).toHaveLength(2);
    expect(calls.every((c) => c.url === '/api/runware/call')).toBe(true);
    const [first, second] = submits.map((c) => (c.body as { taskUUID: string; seed: number }[])[0]);
    expect(second.taskUUID).toBe(first.taskUUID);
    expect(second.seed).toBe(7);
    expect(remembered).toEqual([{ tasks: [{ taskUUID: first.taskUUID, seed: 7 }] }]);
    expect(calls.slice(2).map((c) => c.body)).toEqual([getResponseTasks([first.taskUUID]), getResponseTasks([first.taskUUID])]);
    expect(images).toEqual([{ index: 0, seed: undefined }]);
    expect(result).toEqual({ cost: { amount: 0.002, currency: 'USD' } });
  });

  it('never submits twice when the answer does not prove the task was refused', async () => {
    const calls = server([{ status: 500, text: JSON.stringify({ errors: [{ code: 'internalError', message: 'Something broke.' }] }) }]);
    await expect(runware.run(one, context().context)).rejects.toMatchObject({ kind: 'unavailable', message: 'Something broke. (internalError)' });
    expect(calls).toHaveLength(1);
  });

  it('picks remembered tasks up after a reload without submitting', async () => {
    const calls = server([success]);
    const { images, context: ctx } = context();
    await runware.run({ ...one, resume: { tasks: [{ taskUUID: 'earlier', seed: 7 }] } }, ctx);
    expect(calls.map((c) => c.body)).toEqual([getResponseTasks(['earlier'])]);
    expect(images).toEqual([{ index: 0, seed: undefined }]);
  });

  it('takes results a sync answer already holds, without polling', async () => {
    const calls = server([(tasks) => ({ text: JSON.stringify({ data: tasks.map((t) => ({ taskUUID: t.taskUUID, imageURL: `https://im.runware.ai/${t.taskUUID}.png`, seed: 12 })) }) })]);
    const { images, context: ctx } = context();
    expect(await runware.run(one, ctx)).toEqual({});
    expect(calls).toHaveLength(1);
    expect(images).toEqual([{ index: 0, seed: 12 }]);
  });

  it('fails in Runware\'s words when the acknowledgement refuses every task, remembering nothing', async () => {
    server([(tasks) => ({ text: JSON.stringify({ data: [], errors: tasks.map((t) => ({ code: 'insufficientCredits', message: 'Not enough credits.', taskUUID: t.taskUUID })) }) })]);
    const { remembered, context: ctx } = context();
    await expect(runware.run({ ...job }, ctx)).rejects.toMatchObject({ kind: 'credits', message: 'Not enough credits. (insufficientCredits)' });
    expect(remembered).toEqual([]);
  });

  it('keeps the images of the tasks that succeeded when another failed', async () => {
    server([
      ack,
      (tasks) => ({
        text: JSON.stringify({
          data: [
            { taskUUID: tasks[0].taskUUID, status: 'success', imageURL: 'https://im.runware.ai/a.png', seed: 42 },
            { taskUUID: tasks[1].taskUUID, status: 'error', error: { code: 'nsfwContent', message: 'Blocked.' } },
          ],
        }),
      }),
    ]);
    const { images, context: ctx } = context();
    await runware.run({ ...job }, ctx);
    expect(images).toEqual([{ index: 0, seed: undefined }]);
  });

  it('tests the key with a getResponse that costs nothing', async () => {
    server([{ status: 400, text: JSON.stringify({ errors: [{ code: 'taskNotFound', message: 'No task with that taskUUID.' }] }) }]);
    await expect(runware.testConnection!({ apiKey: 'k' }, new AbortController().signal)).resolves.toBe('Runware answered: key accepted.');
    server([{ status: 401, text: JSON.stringify({ errors: [{ code: 'invalidApiKey', message: 'Invalid API key.' }] }) }]);
    await expect(runware.testConnection!({ apiKey: 'k' }, new AbortController().signal)).rejects.toMatchObject({ kind: 'auth', message: 'Invalid API key. (invalidApiKey)' });
  });
});
