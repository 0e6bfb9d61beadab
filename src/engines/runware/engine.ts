import { callProvider, type ProviderAnswer } from '../cloud/api';
import { errorFromAnswer } from '../cloud/errors';
import { dataUri, fetchResult, imagePng, maskPng } from '../cloud/images';
import { cloudReadiness } from '../cloud/readiness';
import { sleep, withRetries } from '../cloud/retry';
import { EngineError, type Engine, type EngineJob, type EngineRunContext, type EngineRunResult, type EngineSettings } from '../contract';
import { label, meta, settingsFields } from './meta';
import { getResponseTasks, inferenceTasks, type SubmittedTask } from './request';
import { answerErrors, errorMessage, kindOfCode, readTasks, type TaskResult, type TaskState } from './response';

/** The official SDK's polling: after 1 s, then 1.5 times longer each time, up to 10 s. */
const FIRST_POLL_MS = 1000;
const POLL_GROWTH = 1.5;
const MAX_POLL_MS = 10_000;

/** What a request remembers, to be picked up after a reload: each task's id and seed, in the order of the job's seeds. */
interface RunwareResume {
  tasks: SubmittedTask[];
}

function ok(answer: ProviderAnswer): ProviderAnswer {
  if (answer.status >= 200 && answer.status < 300 && !answer.proxyError) return answer;
  throw errorFromAnswer(answer, label, errorMessage(answer.body));
}

/** Every request POSTs its tasks to the base URL itself. */
const post = (tasks: unknown[], settings: EngineSettings, signal: AbortSignal) => callProvider('runware', '', settings, { json: tasks, signal });

/** A picture sent inline (dataURI or base64Data output), as bytes. */
function blobOfDataUri(uri: string): Blob {
  const comma = uri.indexOf(',');
  const type = /^data:([^;,]+)/.exec(uri)?.[1] ?? 'image/png';
  const binary = atob(uri.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

async function submit(job: EngineJob, context: EngineRunContext): Promise<{ resume: RunwareResume; answer: ProviderAnswer }> {
  const { settings } = job;
  const { signal, onProgress } = context;
  // Inline data URIs: no upload round trips; Runware takes them for seedImage and maskImage.
  const seedImage = await dataUri(await imagePng(job.image));
  const maskImage = job.mask ? await dataUri(await maskPng(job.mask)) : null;
  const total = seedImage.length + (maskImage?.length ?? 0);
  onProgress({ phase: 'uploading', bytes: { done: 0, total } });

  // Our own taskUUIDs, the same on every attempt so a repeat can be recognised; retried only when not accepted.
  const tasks = job.seeds.map((seed) => ({ taskUUID: crypto.randomUUID(), seed }));
  const body = inferenceTasks(job, { seed: seedImage, mask: maskImage }, tasks);
  const answer = await withRetries(async () => ok(await post(body, settings, signal)), {
    signal,
    submit: true,
    onWait: (seconds, error) => onProgress({ phase: 'queued', etaSeconds: seconds, note: `${error.message} Trying again` }),
  });
  onProgress({ phase: 'uploading', bytes: { done: total, total } });

  // An acknowledgement can refuse tasks in its errors[] while answering 2xx: when it refused them all, nothing runs.
  const states = [...readTasks(answer.body, tasks.map((t) => t.taskUUID)).values()];
  const refused = states.map((s) => s.failed).filter((f) => f !== undefined);
  if (refused.length === tasks.length) throw new EngineError(refused[0].kind, refused[0].message);

  const resume = { tasks };
  context.remember(resume);
  return { resume, answer };
}

/**
 * Polls the tasks until each has its image or has failed, fetching every image at once
 * (signed links expire). The first answer may already hold results (a sync answer).
 */
async function waitForTasks(job: EngineJob, run: RunwareResume, context: EngineRunContext, first?: ProviderAnswer): Promise<EngineRunResult> {
  const { settings } = job;
  const { signal, onProgress, onImage } = context;
  const pending = new Map(run.tasks.map((task, index) => [task.taskUUID, { task, index }]));
  const failures: NonNullable<TaskState['failed']>[] = [];
  let delivered = 0;
  let cost: number | undefined;

  const deliver = async (index: number, sent: number, result: TaskResult) => {
    const image = result.url.startsWith('data:') ? blobOfDataUri(result.url) : await fetchResult('runware', label, result.url, settings, signal);
    // Our seeds are exact; Runware's is only taken when it is exact too and says something else.
    onImage({ index, image, seed: result.seed !== undefined && result.seed !== sent ? result.seed : undefined });
    delivered++;
    if (result.cost !== undefined) cost = (cost ?? 0) + result.cost;
  };

  let answer = first;
  let wait = FIRST_POLL_MS;
  for (;;) {
    if (answer) {
      const states = readTasks(answer.body, [...pending.keys()]);
      const finished: Promise<void>[] = [];
      const progress: number[] = [];
      let status = 'processing';
      for (const [taskUUID, state] of states) {
        const { task, index } = pending.get(taskUUID)!;
        if (state.results.length) {
          pending.delete(taskUUID);
          finished.push(deliver(index, task.seed, state.results[0]));
        } else if (state.failed) {
          pending.delete(taskUUID);
          failures.push(state.failed);
        } else {
          if (state.progress !== undefined) progress.push(state.progress);
          if (state.status) status = state.status;
        }
      }
      if (finished.length) onProgress({ phase: 'finishing' });
      await Promise.all(finished);
      if (!pending.size) break;
      if (progress.length) onProgress({ phase: 'running', fraction: progress.reduce((a, b) => a + b, 0) / progress.length / 100 });
      else onProgress({ phase: 'queued', note: `Waiting at ${label} (${status})` });
    }
    await sleep(wait, signal);
    wait = Math.min(MAX_POLL_MS, wait * POLL_GROWTH);
    answer = await withRetries(async () => ok(await post(getResponseTasks([...pending.keys()]), settings, signal)), {
      signal,
      onWait: (seconds, error) => onProgress({ phase: 'queued', etaSeconds: seconds, note: `${error.message} Trying again` }),
    });
  }

  // Some images and some failures: the images are kept, the job says how many it did not make.
  if (!delivered) {
    const failure = failures[0];
    throw failure ? new EngineError(failure.kind, failure.message) : new EngineError('unavailable', `${label} finished without an image.`);
  }
  return cost === undefined ? {} : { cost: { amount: cost, currency: 'USD' } };
}

function isResume(value: unknown): value is RunwareResume {
  const tasks = (value as { tasks?: unknown } | null)?.tasks;
  return (
    Array.isArray(tasks) &&
    tasks.length > 0 &&
    tasks.every((t) => typeof t?.taskUUID === 'string' && typeof t?.seed === 'number')
  );
}

/**
 * Runware: one imageInference task per seed, sent inline with the crop and mask as data
 * URIs, delivered async; its getResponse is polled until every task has its image, and
 * each image is fetched at once. Runware has no cancel for a task: Cancel stops polling.
 * A reload picks the tasks up from their taskUUIDs.
 */
export const runware: Engine = {
  id: 'runware',
  label,
  settingsFields,
  meta: (settings) => meta(settings),
  readiness: (settings) => cloudReadiness('runware', label, settings),

  async run(job, context) {
    if (context.signal.aborted) throw EngineError.cancelled();
    if (isResume(job.resume) && job.resume.tasks.length === job.seeds.length) return waitForTasks(job, job.resume, context);
    const { resume, answer } = await submit(job, context);
    return waitForTasks(job, resume, context, answer);
  },

  async testConnection(settings, signal) {
    // Asking after a task that does not exist costs nothing; only the key is judged.
    const answer = await post(getResponseTasks([crypto.randomUUID()]), settings, signal);
    const unknownTask = answer.status === 400 || answer.status === 404;
    if (!unknownTask) ok(answer);
    const refused = answerErrors(answer.body).find((e) => ['auth', 'credits'].includes(kindOfCode(e.code)));
    if (refused) throw new EngineError(kindOfCode(refused.code), errorMessage({ errors: [refused] }) ?? refused.message, { status: answer.status });
    return `${label} answered: key accepted.`;
  },
};
