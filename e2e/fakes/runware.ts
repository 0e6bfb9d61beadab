/**
 * A fake Runware that follows docs/providers.md: one POST to /v1 with a JSON array of
 * tasks, Bearer auth, imageInference (sync, or async polled with getResponse), imageUpload,
 * its error list, result images on its own host, seeds beyond 2^53 written raw.
 */
import { Hono } from 'hono';
import { applyFault, bytesOfDataUri, controlRoutes, fakeState, paintResult, PictureStore, takeFault } from './toolkit';

export const RUNWARE_KEY = 'RwFake0123456789abcdefTestKey001';

/** A seed of Runware's own, past 2^53: JSON.parse cannot keep its digits. */
export const HUGE_SEED = '9202427981074766178';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const AIR = /^[a-z0-9_-]+:\d+@\d+$/i;
const FLUX_FILL = 'runware:102@1';

type Task = Record<string, unknown> & { taskType?: unknown; taskUUID?: unknown };

interface RunwareError {
  code: string;
  message: string;
  parameter?: string | string[];
  taskType?: unknown;
  taskUUID?: unknown;
}

interface Job {
  taskUUID: string;
  createdAt: number;
  seed: number;
  numberResults: number;
  image: Buffer;
  mask: Buffer | null;
  includeCost: boolean;
  failWith?: string;
  /** The items of its success answer, made once. */
  results?: Record<string, unknown>[];
}

const errorOf = (task: Task, code: string, message: string, parameter?: string | string[]): RunwareError => ({
  code,
  message,
  parameter,
  taskType: task.taskType,
  taskUUID: task.taskUUID,
});

/** An answer whose `"__raw:123__"` strings are written as bare numbers, as Runware writes its seeds. */
const rawJson = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body).replace(/"__raw:(\d+)__"/g, '$1'), { status, headers: { 'content-type': 'application/json' } });

export function runwareFake(origin: () => string) {
  const app = new Hono();
  const state = fakeState();
  const pictures = new PictureStore();
  const uploads = new Map<string, Buffer>();
  const jobs = new Map<string, Job>();
  let successes = 0;
  controlRoutes(app, state);

  app.get('/v1/health', (c) => c.json({ status: 'ok' }));

  app.get('/image/ii/:name', async (c) => {
    const fault = await applyFault(c, takeFault(state, 'result'));
    if (fault) return fault;
    const bytes = pictures.get(c.req.param('name').replace(/\.png$/, ''));
    return bytes ? c.body(new Uint8Array(bytes), 200, { 'content-type': 'image/png' }) : c.text('gone', 404);
  });

  /** seedImage / maskImage: an uploaded image's UUID, one of our result URLs, a data URI or raw base64. */
  function picture(value: unknown): Buffer | undefined {
    if (typeof value !== 'string' || !value) return undefined;
    if (UUID.test(value)) return uploads.get(value);
    const own = `${origin()}/image/ii/`;
    if (value.startsWith(own)) return pictures.get(value.slice(own.length).replace(/\.png$/, ''));
    if (/^https?:/.test(value)) return undefined;
    const bytes = bytesOfDataUri(value);
    return bytes.subarray(0, 8).toString('hex') === '89504e470d0a1a0a' ? bytes : undefined;
  }

  function checkInference(task: Task): RunwareError[] {
    const problems: RunwareError[] = [];
    const text = (field: string, required: boolean) => {
      const value = task[field];
      if (value === undefined && !required) return;
      if (typeof value !== 'string' || value.length < 2 || value.length > 3000) {
        problems.push(errorOf(task, `invalid${field[0].toUpperCase()}${field.slice(1)}`, `Invalid value for ${field} parameter. It must be a string of 2 to 3000 characters.`, field));
      }
    };
    text('positivePrompt', true);
    text('negativePrompt', false);
    if (typeof task.model !== 'string' || !AIR.test(task.model)) problems.push(errorOf(task, 'invalidModel', 'Invalid value for model parameter. It must be an AIR identifier.', 'model'));
    const bad = ['width', 'height'].filter((side) => {
      const value = task[side];
      return !(Number.isInteger(value) && (value as number) >= 128 && (value as number) <= 2048 && (value as number) % 64 === 0);
    });
    if (bad.length) problems.push(errorOf(task, 'invalidDimensions', 'Width and height must be multiples of 64 between 128 and 2048.', bad));
    const range = (field: string, min: number, max: number, integer = false) => {
      const value = task[field];
      if (value === undefined) return;
      if (typeof value !== 'number' || value < min || value > max || (integer && !Number.isInteger(value))) {
        problems.push(errorOf(task, `invalid${field[0].toUpperCase()}${field.slice(1)}`, `Invalid value for ${field} parameter. It must be between ${min} and ${max}.`, field));
      }
    };
    range('strength', 0, 1);
    range('steps', 1, 100, true);
    range('CFGScale', 0, 50);
    range('numberResults', 1, 20, true);
    range('seed', 1, Number.MAX_SAFE_INTEGER, true);
    range('maskMargin', 32, 128, true);
    if (!picture(task.seedImage)) problems.push(errorOf(task, 'invalidSeedImage', 'Invalid value for seedImage parameter. It must be an image UUID, URL, data URI or base64.', 'seedImage'));
    if (task.maskImage !== undefined && !picture(task.maskImage)) problems.push(errorOf(task, 'invalidMaskImage', 'Invalid value for maskImage parameter.', 'maskImage'));
    if (task.model === FLUX_FILL && task.maskImage === undefined) problems.push(errorOf(task, 'missingMaskImage', 'FLUX Fill needs a maskImage.', 'maskImage'));
    if (task.deliveryMethod !== undefined && task.deliveryMethod !== 'sync' && task.deliveryMethod !== 'async') problems.push(errorOf(task, 'invalidDeliveryMethod', 'deliveryMethod must be sync or async.', 'deliveryMethod'));
    if (task.outputType !== undefined && task.outputType !== 'URL') problems.push(errorOf(task, 'unsupportedOutputType', 'This fake sends URLs only.', 'outputType'));
    if (task.lora !== undefined && !(Array.isArray(task.lora) && task.lora.every((l) => typeof l?.model === 'string' && AIR.test(l.model) && typeof l?.weight === 'number'))) {
      problems.push(errorOf(task, 'invalidLora', 'Each lora needs an AIR model and a weight.', 'lora'));
    }
    if (jobs.has(task.taskUUID as string)) problems.push(errorOf(task, 'duplicateTaskUUID', 'A task with this taskUUID already exists.', 'taskUUID'));
    return problems;
  }

  /** How a task stands now, as getResponse (or a sync answer) gives it. */
  function items(job: Job): Record<string, unknown>[] {
    const base = { taskType: 'imageInference', taskUUID: job.taskUUID };
    const age = Date.now() - job.createdAt;
    // Older answers said pending where newer say processing: clients must take both.
    if (age < state.jobMs / 3) return [{ ...base, status: 'pending' }];
    if (age < state.jobMs) return [{ ...base, status: 'processing', progress: Math.round((100 * age) / state.jobMs) }];
    if (job.failWith) return [{ ...base, status: 'error', error: { code: 'inferenceFailed', message: job.failWith } }];
    job.results ??= Array.from({ length: job.numberResults }, (_, i) => {
      const id = pictures.put(paintResult(job.image, job.mask, job.seed + i), 'r');
      // Every second answer reports a seed of Runware's own past 2^53, written raw, so a client must not trust it.
      const seed = successes++ % 2 === 1 ? `__raw:${HUGE_SEED}__` : job.seed + i;
      return { ...base, status: 'success', imageUUID: crypto.randomUUID(), imageURL: `${origin()}/image/ii/${id}.png`, seed, NSFWContent: false, ...(job.includeCost ? { cost: 0.0026 } : {}) };
    });
    return job.results;
  }

  app.post('/v1', async (c) => {
    let tasks: unknown;
    try {
      tasks = await c.req.json();
    } catch {
      return c.json({ errors: [{ code: 'invalidBody', message: 'The body must be a JSON array of tasks.' }] }, 400);
    }
    const list: Task[] = Array.isArray(tasks) ? tasks.filter((t): t is Task => typeof t === 'object' && t !== null && !Array.isArray(t)) : [];
    const types = new Set(list.map((t) => t.taskType));
    const kind = types.has('imageInference') ? 'submit' : types.has('getResponse') ? 'poll' : types.has('imageUpload') ? 'upload' : 'api';
    const auth = c.req.header('Authorization');
    // Pictures are kept out of the log: only how long they were.
    const logged = list.map((t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, typeof v === 'string' && v.length > 200 ? `[${v.length} chars]` : v])));
    state.seen.push({ kind, method: 'POST', path: c.req.path, auth, body: logged });

    // The key: a Bearer header, or a first authentication task.
    const first = list[0] ?? {};
    const bodyKey = first.taskType === 'authentication' ? first.apiKey : undefined;
    if (auth !== `Bearer ${RUNWARE_KEY}` && bodyKey !== RUNWARE_KEY) {
      return c.json({ errors: [errorOf(first, 'invalidApiKey', 'Invalid API key. Get one at https://my.runware.ai/signup', 'apiKey')] }, 401);
    }
    const fault = await applyFault(c, takeFault(state, kind));
    if (fault) return fault;

    if (!Array.isArray(tasks) || list.length !== tasks.length || list.length === 0) {
      return c.json({ errors: [{ code: 'invalidBody', message: 'The body must be a JSON array of tasks.', parameter: 'body' }] }, 400);
    }
    const work = list.filter((t) => t.taskType !== 'authentication');
    const malformed = work.flatMap((t) => (typeof t.taskUUID === 'string' && UUID.test(t.taskUUID) ? [] : [errorOf(t, 'invalidTaskUUID', 'taskUUID must be a UUID v4.', 'taskUUID')]));
    if (malformed.length) return c.json({ errors: malformed }, 400);

    const data: Record<string, unknown>[] = [];
    const errors: RunwareError[] = [];
    const inference = work.filter((t) => t.taskType === 'imageInference');
    const refused = inference.flatMap(checkInference);
    if (refused.length) return c.json({ errors: refused }, 400);
    let sync = false;
    for (const task of inference) {
      const job: Job = {
        taskUUID: task.taskUUID as string,
        createdAt: Date.now(),
        seed: typeof task.seed === 'number' ? task.seed : Math.floor(Math.random() * 2 ** 32),
        numberResults: typeof task.numberResults === 'number' ? task.numberResults : 1,
        image: picture(task.seedImage)!,
        mask: picture(task.maskImage) ?? null,
        includeCost: task.includeCost === true,
        failWith: takeFault(state, 'job')?.failJob,
      };
      jobs.set(job.taskUUID, job);
      state.seen.push({ kind: 'task', method: 'POST', path: c.req.path, body: { taskUUID: job.taskUUID, seed: task.seed, model: task.model } });
      if (task.deliveryMethod === 'async') data.push({ taskType: 'imageInference', taskUUID: job.taskUUID });
      else sync = true;
    }
    if (sync) await new Promise((resolve) => setTimeout(resolve, state.jobMs));

    for (const task of work) {
      switch (task.taskType) {
        case 'imageInference':
          if (task.deliveryMethod !== 'async') data.push(...items(jobs.get(task.taskUUID as string)!));
          break;
        case 'getResponse': {
          const job = jobs.get(task.taskUUID as string);
          if (job) data.push(...items(job));
          else errors.push(errorOf(task, 'taskNotFound', 'No task with this taskUUID was found.', 'taskUUID'));
          break;
        }
        case 'imageUpload': {
          const bytes = picture(task.image);
          if (!bytes) {
            errors.push(errorOf(task, 'invalidImage', 'Invalid value for image parameter.', 'image'));
            break;
          }
          const imageUUID = crypto.randomUUID();
          uploads.set(imageUUID, bytes);
          // The new docs answer an upload with data as one object.
          if (work.length === 1) return c.json({ data: { taskType: 'imageUpload', taskUUID: task.taskUUID, imageUUID } });
          data.push({ taskType: 'imageUpload', taskUUID: task.taskUUID, imageUUID });
          break;
        }
        case 'ping':
          data.push({ taskType: 'ping', pong: true });
          break;
        default:
          errors.push(errorOf(task, 'unsupportedTaskType', `The fake does not do ${String(task.taskType)}.`, 'taskType'));
      }
    }
    if (!data.length && errors.length) return c.json({ errors }, 400);
    return rawJson(errors.length ? { data, errors } : { data });
  });

  return app;
}
