/** A fake Scenario that follows docs/providers.md: Basic auth, inpaint jobs, polling, assets, its error bodies. */
import { Hono } from 'hono';
import { applyFault, bytesOfDataUri, controlRoutes, fakeState, paintResult, PictureStore, takeFault } from './toolkit';

export const SCENARIO_KEY = 'api_fake_scenario_key_0001';
export const SCENARIO_SECRET = 'fake_scenario_secret_0001';
export const SCENARIO_AUTH = `Basic ${Buffer.from(`${SCENARIO_KEY}:${SCENARIO_SECRET}`).toString('base64')}`;
/** What the fake says to a wrong key or secret. */
export const SCENARIO_UNAUTHORIZED = 'Unauthorized: invalid API key or secret';

interface Job {
  id: string;
  createdAt: number;
  body: Record<string, unknown>;
  failWith?: string;
  assetIds?: string[];
}

const message = (text: string) => ({ message: text });

/** Scenario's validation, in its words (`"field" must be ...`); undefined when the body is sound. */
function problemOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.modelId !== 'string' || !body.modelId) return '"modelId" must be a string';
  if (body.image === undefined || body.image === '') return 'image parameter is required';
  if (typeof body.image !== 'string' || !/^data:image\/[a-z+]+;base64,/.test(body.image)) return '"image" must be a data URL or an asset id';
  if (body.mask !== undefined && (typeof body.mask !== 'string' || !/^data:image\/[a-z+]+;base64,/.test(body.mask))) return '"mask" must be a data URL';
  if (typeof body.prompt !== 'string' || !body.prompt) return '"prompt" is required';
  if (body.seed !== undefined && typeof body.seed !== 'string') return '"seed" must be a string';
  const ranges: [string, number, number, boolean][] = [
    ['strength', 0.01, 1, false],
    ['guidance', 0, 20, false],
    ['numInferenceSteps', 1, 150, true],
    ['numSamples', 1, 128, true],
    ['width', 64, 2048, true],
    ['height', 64, 2048, true],
  ];
  for (const [field, min, max, integer] of ranges) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) return `"${field}" must be a ${integer ? 'integer' : 'number'}`;
    if (value < min) return `"${field}" must be greater than or equal to ${min}`;
    if (value > max) return `"${field}" must be less than or equal to ${max}`;
  }
  for (const field of ['width', 'height']) if (body[field] !== undefined && (body[field] as number) % 8 !== 0) return `"${field}" must be a multiple of 8`;
  if (body.concepts !== undefined && !(Array.isArray(body.concepts) && body.concepts.every((c) => typeof c?.modelId === 'string' && typeof c?.scale === 'number'))) {
    return '"concepts" must be an array of { modelId, scale }';
  }
  return undefined;
}

export function scenarioFake(origin: () => string) {
  const app = new Hono();
  const state = fakeState();
  const pictures = new PictureStore();
  const assets = new Map<string, string>();
  const jobs = new Map<string, Job>();
  controlRoutes(app, state);

  // Signed result links on its own host, no auth.
  app.get('/files/:picture', async (c) => {
    const fault = await applyFault(c, takeFault(state, 'result'));
    if (fault) return fault;
    const bytes = pictures.get(c.req.param('picture'));
    return bytes ? c.body(new Uint8Array(bytes), 200, { 'content-type': 'image/png' }) : c.text('gone', 404);
  });

  app.use('/v1/*', async (c, next) => {
    const auth = c.req.header('Authorization');
    const kind = c.req.method === 'POST' && c.req.path === '/v1/generate/inpaint' ? 'submit' : c.req.path.startsWith('/v1/jobs/') ? 'poll' : 'api';
    state.seen.push({ kind, method: c.req.method, path: c.req.path, auth });
    if (auth !== SCENARIO_AUTH) return c.json(message(SCENARIO_UNAUTHORIZED), 401);
    await next();
  });

  app.post('/v1/generate/inpaint', async (c) => {
    const fault = await applyFault(c, takeFault(state, 'submit'));
    if (fault) return fault;
    let body: Record<string, unknown>;
    try {
      body = await c.req.json();
    } catch {
      return c.json(message('Invalid JSON body'), 400);
    }
    const problem = problemOf(body ?? {});
    if (problem) return c.json(message(problem), 400);
    const id = `job_fake${String(jobs.size + 1).padStart(4, '0')}`;
    const failWith = takeFault(state, 'job')?.failJob;
    const createdAt = Date.now();
    jobs.set(id, { id, createdAt, body, failWith });
    state.seen.push({ kind: 'job', method: 'POST', path: c.req.path, body: { ...body, image: '(data URL)', mask: body.mask === undefined ? undefined : '(data URL)' } });
    return c.json({ job: jobView(jobs.get(id)!, 'queued', 0) });
  });

  function jobView(job: Job, status: string, progress: number, metadata: Record<string, unknown> = {}) {
    const at = new Date(job.createdAt).toISOString();
    return {
      jobId: job.id,
      jobType: 'inference',
      status,
      progress,
      metadata: { assetIds: job.assetIds ?? [], ...metadata },
      statusHistory: [{ status: 'queued', date: at }],
      createdAt: at,
      updatedAt: new Date().toISOString(),
      ownerId: 'team_fake',
      billing: { cuCost: 5, cuDiscount: 0 },
    };
  }

  /** The job's pictures, made once when it first reads as succeeded: white repaints, except for Ideogram models. */
  function finish(job: Job) {
    if (job.assetIds) return;
    const { body } = job;
    const image = bytesOfDataUri(body.image as string);
    const mask = typeof body.mask === 'string' ? bytesOfDataUri(body.mask) : null;
    const seed = Number(body.seed ?? 0);
    const invert = String(body.modelId).toLowerCase().includes('ideogram');
    job.assetIds = Array.from({ length: Number(body.numSamples ?? 4) }, (_, i) => {
      const picture = pictures.put(paintResult(image, mask, seed + i, invert), 'r');
      const assetId = `asset_${picture}`;
      assets.set(assetId, picture);
      return assetId;
    });
  }

  app.get('/v1/jobs/:id', async (c) => {
    const fault = await applyFault(c, takeFault(state, 'poll'));
    if (fault) return fault;
    const job = jobs.get(c.req.param('id'));
    if (!job) return c.json(message(`Job ${c.req.param('id')} not found`), 404);
    const age = Date.now() - job.createdAt;
    if (age < state.jobMs / 4) return c.json({ job: jobView(job, 'queued', 0) });
    if (age < state.jobMs) return c.json({ job: jobView(job, 'in-progress', Math.round((age / state.jobMs) * 100) / 100) });
    if (job.failWith) return c.json({ job: jobView(job, 'failure', 1, { error: job.failWith, hint: 'Try another prompt or model.' }) });
    finish(job);
    return c.json({ job: jobView(job, 'success', 1) });
  });

  // Cancelling is usually refused.
  app.post('/v1/jobs/:id/action', (c) => c.json(message('Job cannot be canceled'), 400));

  app.get('/v1/assets/:id', (c) => {
    const picture = assets.get(c.req.param('id'));
    if (!picture) return c.json(message(`Asset ${c.req.param('id')} not found`), 404);
    return c.json({ asset: { id: c.req.param('id'), url: `${origin()}/files/${picture}?signature=fake`, mimeType: 'image/png', type: 'inference-inpaint', status: 'success' } });
  });

  return app;
}
