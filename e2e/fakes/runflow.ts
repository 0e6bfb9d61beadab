/** A fake Runflow that follows docs/providers.md: assets, runs, polling, its error envelope. */
import { Hono } from 'hono';
import { applyFault, controlRoutes, fakeState, paintResult, PictureStore, takeFault } from './toolkit';

export const RUNFLOW_KEY = 'rf_live_fake_test_key_0001';
const MODELS = new Set(['stability-ai/sdxl-inpainting', 'stability-ai/sdxl-image-to-image']);

interface Run {
  id: string;
  model: string;
  createdAt: number;
  input: Record<string, unknown>;
  failWith?: string;
  outputs?: string[];
}

const envelope = (code: string, message: string, errors: unknown = null) => ({ code, message, errors });

export function runflowFake(origin: () => string) {
  const app = new Hono();
  const state = fakeState();
  const pictures = new PictureStore();
  const assets = new Map<string, { size: number; mime: string; picture?: string }>();
  const runs = new Map<string, Run>();
  controlRoutes(app, state);

  app.get('/v1/health', (c) => c.json({ status: 'ok' }));

  // Uploads go straight to storage: no auth header, as the contract says.
  app.put('/uploads/:id', async (c) => {
    const fault = await applyFault(c, takeFault(state, 'upload'));
    if (fault) return fault;
    const asset = assets.get(c.req.param('id'));
    if (!asset) return c.text('NoSuchUpload', 404);
    const bytes = Buffer.from(await c.req.arrayBuffer());
    if (bytes.length !== asset.size) return c.text(`size ${bytes.length} is not the ${asset.size} announced`, 400);
    asset.picture = pictures.put(bytes);
    return c.body(null, 200);
  });
  app.get('/files/:picture', (c) => {
    const bytes = pictures.get(c.req.param('picture'));
    return bytes ? c.body(new Uint8Array(bytes), 200, { 'content-type': 'image/png' }) : c.text('gone', 404);
  });
  app.get('/results/:picture', async (c) => {
    const fault = await applyFault(c, takeFault(state, 'result'));
    if (fault) return fault;
    const bytes = pictures.get(c.req.param('picture'));
    return bytes ? c.body(new Uint8Array(bytes), 200, { 'content-type': 'image/png' }) : c.text('gone', 404);
  });

  app.use('/v1/*', async (c, next) => {
    if (c.req.path === '/v1/health') return next();
    const auth = c.req.header('Authorization');
    state.seen.push({ kind: c.req.path.endsWith('/runs') && c.req.method === 'POST' ? 'submit' : 'api', method: c.req.method, path: c.req.path, auth });
    if (auth !== `Bearer ${RUNFLOW_KEY}`) return c.json(envelope('PERMISSION_DENIED', 'Invalid API key.'), 401);
    await next();
  });

  app.post('/v1/asset-uploads', async (c) => {
    const body = await c.req.json();
    if (typeof body.filename !== 'string' || typeof body.mime_type !== 'string' || typeof body.size_bytes !== 'number') {
      return c.json(envelope('VALIDATION_ERROR', 'Invalid request', [{ field: 'size_bytes', message: 'required' }]), 422);
    }
    if (body.size_bytes > 50 * 2 ** 20) return c.json(envelope('FILE_TOO_LARGE', 'Upload cap is 50 MB.'), 422);
    const id = `asset_${assets.size + 1}`;
    assets.set(id, { size: body.size_bytes, mime: body.mime_type });
    return c.json({ asset_id: id, upload_url: `${origin()}/uploads/${id}` }, 201);
  });

  app.post('/v1/asset-uploads/:id/confirmations', (c) => {
    const asset = assets.get(c.req.param('id'));
    if (!asset?.picture) return c.json(envelope('NOT_FOUND', 'Asset not uploaded.'), 404);
    return c.json({ id: c.req.param('id'), name: 'image.png', url: `${origin()}/files/${asset.picture}`, thumbnail_url: null, mime_type: asset.mime, size_bytes: asset.size, created_at: new Date().toISOString() });
  });

  app.post('/v1/models/*', async (c) => {
    const fault = await applyFault(c, takeFault(state, 'submit'));
    if (fault) return fault;
    const model = c.req.path.replace(/^\/v1\/models\//, '').replace(/\/runs$/, '');
    if (!MODELS.has(model)) return c.json(envelope('MODEL_NOT_FOUND', `Model ${model} not found.`), 404);
    const body = await c.req.json();
    const input = body.input ?? {};
    const problems: { field: string; message: string }[] = [];
    if (typeof input.prompt !== 'string' || !input.prompt) problems.push({ field: 'input.prompt', message: 'field required' });
    for (const field of ['image_url', ...(model.endsWith('inpainting') ? ['mask_url'] : [])]) {
      const url = input[field];
      if (typeof url !== 'string') problems.push({ field: `input.${field}`, message: 'field required' });
      else if (!/^https?:\/\//.test(url)) return c.json(envelope('UNPROCESSABLE', `media URL must use HTTP(S) or data URI, got '${url.split(':')[0]}'`), 422);
    }
    if (input.strength !== undefined && !(input.strength >= 0.01 && input.strength <= 1)) problems.push({ field: 'input.strength', message: 'must be between 0.01 and 1' });
    if (input.num_images !== undefined && !(input.num_images >= 1 && input.num_images <= 8)) problems.push({ field: 'input.num_images', message: 'must be 1-8' });
    if (problems.length) return c.json(envelope('VALIDATION_ERROR', 'Invalid input', problems), 422);
    const id = `01J${String(runs.size + 1).padStart(6, '0')}`;
    const failWith = takeFault(state, 'job')?.failJob;
    runs.set(id, { id, model, createdAt: Date.now(), input, failWith });
    state.seen.push({ kind: 'run', method: 'POST', path: c.req.path, body });
    return c.json({ id, status_code: 'queued', model, created_at: new Date().toISOString() }, 202);
  });

  app.get('/v1/runs/:id', async (c) => {
    const fault = await applyFault(c, takeFault(state, 'poll'));
    if (fault) return fault;
    const run = runs.get(c.req.param('id'));
    if (!run) return c.json(envelope('RUN_NOT_FOUND', 'Run not found.'), 404);
    const age = Date.now() - run.createdAt;
    const base = { id: run.id, model: run.model, created_at: new Date(run.createdAt).toISOString(), error: null };
    if (age < state.jobMs / 3) return c.json({ ...base, status_code: 'queued' });
    if (age < state.jobMs) return c.json({ ...base, status_code: 'running', started_at: new Date().toISOString() });
    if (run.failWith) {
      return c.json({ ...base, status_code: 'failed', error: { code: 'INFERENCE_FAILED', message: run.failWith }, failure_code: 'INFERENCE_FAILED', failure_stage_code: 'inference' });
    }
    if (!run.outputs) {
      const picture = (url: unknown) => (typeof url === 'string' ? pictures.get(url.split('/files/')[1] ?? '') : undefined);
      const image = picture(run.input.image_url);
      const mask = picture(run.input.mask_url) ?? null;
      if (!image) return c.json({ ...base, status_code: 'failed', error: { code: 'INPUT_FETCH_FAILED', message: 'image_url could not be read' } });
      const count = Number(run.input.num_images ?? 1);
      run.outputs = Array.from({ length: count }, (_, i) => `${origin()}/results/${pictures.put(paintResult(image, mask, Number(run.input.seed ?? 0) + i), 'r')}`);
    }
    // Older answers said finished_at; both are sent so clients must cope with either.
    return c.json({ ...base, status_code: 'succeeded', completed_at: new Date().toISOString(), finished_at: new Date().toISOString(), output: { outputs: run.outputs.map((url) => ({ url })), seed: Number(run.input.seed ?? 0), timing: {} } });
  });

  return app;
}
