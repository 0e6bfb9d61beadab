/**
 * A fake ModelsLab that follows docs/providers.md: the key in the JSON body, base64_to_url
 * for pictures, v6 inpaint answering "processing" with an eta and fetch_result, fetch until
 * "success", and every error inside an HTTP 200, rate limits with retry_after.
 */
import { Hono, type Context } from 'hono';
import { applyFault, bytesOfDataUri, controlRoutes, fakeState, paintResult, PictureStore, takeFault } from './toolkit';

export const MODELSLAB_KEY = 'ml_fake_test_key_0004';
/** The smallest plan's queue: more requests still processing than this are refused. */
export const QUEUE_LIMIT = 5;
const MAX_SAMPLES = 4;
const MAX_SIDE = 1024;

interface Job {
  id: number;
  createdAt: number;
  seed: number;
  samples: number;
  image: Buffer;
  mask: Buffer;
  failWith?: string;
  /** Result names, known from the start (future_links), made once the job is done. */
  names: string[];
}

const error = (message: string, extra: Record<string, unknown> = {}) => ({ status: 'error', message, ...extra });
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** ModelsLab's examples send numbers as strings: both are taken. */
const numberOf = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);

export function modelslabFake(origin: () => string) {
  const app = new Hono();
  const state = fakeState();
  const pictures = new PictureStore();
  const results = new Map<string, Buffer>();
  const jobs = new Map<number, Job>();
  let nextId = 1000;
  /** What the next submits say their eta is, when a test sets it; else the job's real time. */
  let etaSeconds: number | undefined;

  app.use('/__control/reset', async (_c, next) => {
    etaSeconds = undefined;
    await next();
  });
  app.post('/__control/eta', async (c) => {
    etaSeconds = Number((await c.req.json()).seconds);
    return c.json({ ok: true });
  });
  controlRoutes(app, state);

  const pictureAt = (url: unknown) => {
    if (typeof url !== 'string' || !url.startsWith(`${origin()}/files/`)) return undefined;
    return pictures.get(url.slice(`${origin()}/files/`.length).replace(/\.png$/, ''));
  };
  const done = (job: Job) => Date.now() - job.createdAt >= state.jobMs;
  const urlsOf = (job: Job) => job.names.map((name) => `${origin()}/results/${name}`);
  const success = (job: Job) => {
    for (const [i, name] of job.names.entries()) if (!results.has(name)) results.set(name, paintResult(job.image, job.mask, job.seed + i));
    const output = urlsOf(job);
    // Numbers as ModelsLab sends them: some as numbers, some as strings.
    return { status: 'success', generationTime: 1.71, id: job.id, output, proxy_links: output, meta: { seed: job.seed, n_samples: String(job.samples), steps: '30' } };
  };

  app.get('/files/:name', (c) => {
    const bytes = pictures.get(c.req.param('name').replace(/\.png$/, ''));
    return bytes ? c.body(new Uint8Array(bytes), 200, { 'content-type': 'image/png' }) : c.text('Not Found', 404);
  });
  app.get('/results/:name', async (c) => {
    const fault = await applyFault(c, takeFault(state, 'result'));
    if (fault) return fault;
    const bytes = results.get(c.req.param('name'));
    return bytes ? c.body(new Uint8Array(bytes), 200, { 'content-type': 'image/png' }) : c.text('Not Found', 404);
  });

  /** Every API call: the key is read from the JSON body; a wrong one is refused inside a 200. */
  const kindOf = (path: string) => (path.endsWith('/base64_to_url') ? 'upload' : path.endsWith('/inpaint') ? 'submit' : path.includes('/fetch/') ? 'poll' : 'api');
  app.use('/api/*', async (c, next) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      body = undefined;
    }
    const key = isRecord(body) ? body.key : undefined;
    state.seen.push({ kind: kindOf(c.req.path), method: c.req.method, path: c.req.path, auth: typeof key === 'string' ? key : undefined });
    if (key !== MODELSLAB_KEY) return c.json(error('Invalid API key'));
    await next();
  });

  const json = async (c: Context) => (await c.req.json()) as Record<string, unknown>;

  app.post('/api/v6/image_editing/base64_to_url', async (c) => {
    const fault = await applyFault(c, takeFault(state, 'upload'));
    if (fault) return fault;
    const { init_image: image } = await json(c);
    if (typeof image !== 'string' || !image.startsWith('data:image/')) return c.json(error('init_image must be a base64 data URI.'));
    const bytes = bytesOfDataUri(image);
    if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47) return c.json(error('init_image is not a picture.'));
    return c.json({ status: 'success', output: [`${origin()}/files/${pictures.put(bytes, 'u')}.png`] });
  });

  app.post('/api/v6/image_editing/inpaint', async (c) => {
    const fault = await applyFault(c, takeFault(state, 'submit'));
    if (fault) return fault;
    const body = await json(c);
    const processing = [...jobs.values()].filter((job) => !done(job));
    if (processing.length >= QUEUE_LIMIT) {
      const wait = Math.max(1, Math.ceil(Math.min(...processing.map((job) => job.createdAt + state.jobMs - Date.now())) / 1000));
      return c.json(error(`Rate limit exceeded. Maximum ${QUEUE_LIMIT} queued requests allowed.`, { retry_after: wait }));
    }
    if (typeof body.prompt !== 'string' || !body.prompt.trim()) return c.json(error('The prompt field is required.'));
    const image = pictureAt(body.init_image);
    const mask = pictureAt(body.mask_image);
    if (!image) return c.json(error('init_image could not be downloaded: send a URL.'));
    if (!mask) return c.json(error('mask_image could not be downloaded: send a URL.'));
    const samples = body.samples === undefined ? 1 : numberOf(body.samples);
    if (!(Number.isInteger(samples) && samples >= 1 && samples <= MAX_SAMPLES)) return c.json(error(`samples must be between 1 and ${MAX_SAMPLES}.`));
    for (const side of ['width', 'height']) {
      const value = body[side] === undefined ? undefined : numberOf(body[side]);
      if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= MAX_SIDE)) return c.json(error(`${side} must be at most ${MAX_SIDE}.`));
    }
    const ranges = { num_inference_steps: [1, 50], strength: [0, 1], guidance_scale: [1, 20] } as const;
    for (const [field, [min, max]] of Object.entries(ranges)) {
      if (body[field] === undefined) continue;
      const value = numberOf(body[field]);
      if (!(value >= min && value <= max)) return c.json(error(`${field} must be between ${min} and ${max}.`));
    }
    if (typeof body.lora_model === 'string' && typeof body.lora_strength === 'string' && body.lora_model.split(',').length !== body.lora_strength.split(',').length) {
      return c.json(error('lora_strength must have one weight per lora_model.'));
    }
    const seed = body.seed === null || body.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : numberOf(body.seed);
    if (!Number.isSafeInteger(seed)) return c.json(error('seed must be a number.'));
    const id = nextId++;
    const job: Job = { id, createdAt: Date.now(), seed, samples, image, mask, failWith: takeFault(state, 'job')?.failJob, names: Array.from({ length: samples }, (_, i) => `${id}-${i}.png`) };
    jobs.set(id, job);
    const { key: _key, ...seenBody } = body;
    state.seen.push({ kind: 'inpaint', method: 'POST', path: c.req.path, body: seenBody });
    if (done(job) && !job.failWith) return c.json(success(job));
    return c.json({
      status: 'processing',
      tip: 'Your image is processing in background, you can get this image using fetch API',
      eta: etaSeconds ?? Math.ceil(state.jobMs / 1000),
      message: 'Try to fetch request after seconds estimated',
      fetch_result: `${origin()}/api/v6/image_editing/fetch/${id}`,
      id,
      output: [],
      future_links: urlsOf(job),
      meta: { seed, n_samples: String(samples) },
    });
  });

  app.post('/api/v6/image_editing/fetch/:id', async (c) => {
    const fault = await applyFault(c, takeFault(state, 'poll'));
    if (fault) return fault;
    const job = jobs.get(Number(c.req.param('id')));
    if (!job) return c.json(error('Request not found.'));
    if (!done(job)) return c.json({ status: 'processing', id: job.id, output: '', message: 'Request processing' });
    if (job.failWith) return c.json(error(job.failWith, { id: job.id }));
    return c.json(success(job));
  });

  return app;
}
