import { callProvider, type ProviderAnswer } from '../cloud/api';
import { errorFromAnswer } from '../cloud/errors';
import { dataUri, fetchResult, imagePng, maskPng } from '../cloud/images';
import { cloudReadiness } from '../cloud/readiness';
import { sleep, withRetries } from '../cloud/retry';
import { EngineError, type Engine, type EngineJob, type EngineRunContext } from '../contract';
import { label, metaFor, modelOf, settingsFields } from './meta';
import { inpaintRequest, maskForModel } from './request';
import { assetUrlOf, errorMessage, jobIdOf, readJob } from './response';

const POLL_MS = 3000;

/** What a request remembers, to be picked up after a reload. */
interface ScenarioResume {
  jobId: string;
}

function ok(answer: ProviderAnswer): ProviderAnswer {
  if (answer.status >= 200 && answer.status < 300 && !answer.proxyError) return answer;
  throw errorFromAnswer(answer, label, errorMessage(answer.body));
}

const waitNote = (context: EngineRunContext) => (seconds: number, error: EngineError) =>
  context.onProgress({ phase: 'queued', etaSeconds: seconds, note: `${error.message} Trying again` });

/** The crop and mask inline as data URLs, one job asked for; its id is remembered at once. */
async function submit(job: EngineJob, context: EngineRunContext): Promise<ScenarioResume> {
  const { settings } = job;
  const { signal, onProgress } = context;
  if (!job.mask) throw new EngineError('invalid-input', 'Scenario inpaints only where a mask says: paint one first.');
  const image = await dataUri(await imagePng(job.image));
  const mask = await dataUri(await maskPng(maskForModel(job.mask, modelOf(settings))));
  const body = inpaintRequest(job, { image, mask });
  const total = image.length + mask.length;
  onProgress({ phase: 'uploading', bytes: { done: 0, total } });
  // A paid submit goes again only when the answer proves it was not taken (429, 503, never sent).
  const answer = await withRetries(async () => ok(await callProvider('scenario', '/generate/inpaint', settings, { json: body, signal })), {
    signal,
    submit: true,
    onWait: waitNote(context),
  });
  onProgress({ phase: 'uploading', bytes: { done: total, total } });
  const jobId = jobIdOf(answer.body);
  if (!jobId) throw new EngineError('unavailable', `${label} accepted the job but sent no id.`);
  const resume = { jobId };
  context.remember(resume);
  return resume;
}

/** An asset's signed URL, then its bytes, at once (the links expire). */
async function fetchAsset(job: EngineJob, assetId: string, signal: AbortSignal): Promise<Blob> {
  const { settings } = job;
  const answer = await withRetries(async () => ok(await callProvider('scenario', `/assets/${encodeURIComponent(assetId)}`, settings, { signal })), { signal });
  const url = assetUrlOf(answer.body);
  if (!url) throw new EngineError('unavailable', `${label} sent no link for the result ${assetId}.`);
  return fetchResult('scenario', label, url, settings, signal);
}

async function waitForJob(job: EngineJob, { jobId }: ScenarioResume, context: EngineRunContext) {
  const { settings } = job;
  const { signal, onProgress, onImage } = context;
  for (;;) {
    const answer = await withRetries(async () => ok(await callProvider('scenario', `/jobs/${encodeURIComponent(jobId)}`, settings, { signal })), {
      signal,
      onWait: waitNote(context),
    });
    const state = readJob(answer.body);
    switch (state.kind) {
      case 'waiting':
        onProgress({ phase: 'queued', note: `Waiting at ${label} (${state.status})` });
        break;
      case 'running':
        onProgress({ phase: 'running', fraction: state.fraction });
        break;
      case 'done': {
        onProgress({ phase: 'finishing' });
        const assetIds = state.assetIds.slice(0, job.seeds.length);
        if (!assetIds.length) throw new EngineError('unavailable', `${label} finished the job without an image.`);
        // Each image is handed over as soon as it is here.
        await Promise.all(assetIds.map(async (assetId, index) => onImage({ index, image: await fetchAsset(job, assetId, signal) })));
        return;
      }
      case 'failed':
        // The job queue says "Scenario failed:" before it: the words are Scenario's own.
        throw new EngineError('invalid-input', state.message);
      case 'cancelled':
        throw new EngineError('unavailable', `${label} cancelled the job.`);
    }
    await sleep(POLL_MS, signal);
  }
}

function isResume(value: unknown): value is ScenarioResume {
  return typeof value === 'object' && value !== null && typeof (value as { jobId?: unknown }).jobId === 'string';
}

/**
 * Scenario: one inpaint job per variation (its own seed, as a string), the crop and mask
 * inline; poll the job, fetch each asset's image as soon as it succeeds. Scenario usually
 * refuses to cancel a job: Cancel stops polling. A reload picks the job up from its id.
 */
export const scenario: Engine = {
  id: 'scenario',
  label,
  settingsFields,
  meta: metaFor,
  readiness: (settings) => cloudReadiness('scenario', label, settings, true),

  async run(job, context) {
    if (context.signal.aborted) throw EngineError.cancelled();
    const resume = isResume(job.resume) ? job.resume : await submit(job, context);
    await waitForJob(job, resume, context);
  },

  async testConnection(settings, signal) {
    // Asking for a job that does not exist costs nothing: 404 means the credentials were accepted.
    const probe = await callProvider('scenario', '/jobs/connection-test', settings, { signal });
    if (probe.status !== 404 || probe.proxyError) ok(probe);
    return `${label} answered: credentials accepted.`;
  },
};
