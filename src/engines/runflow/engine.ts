import { callNamedUrl, callProvider, type ProviderAnswer } from '../cloud/api';
import { errorFromAnswer } from '../cloud/errors';
import { fetchResult, imagePng, maskPng } from '../cloud/images';
import { cloudReadiness } from '../cloud/readiness';
import { sleep, withRetries } from '../cloud/retry';
import { EngineError, type Engine, type EngineJob, type EngineRunContext, type EngineSettings } from '../contract';
import { label, meta, settingsFields } from './meta';
import { assetUpload, modelPath, runRequest } from './request';
import { errorMessage, readRun, runId } from './response';

const POLL_MS = 2000;

/** What a run remembers, to be picked up after a reload. */
interface RunflowResume {
  runId: string;
  clientRef: string;
}

function ok(answer: ProviderAnswer): ProviderAnswer {
  if (answer.status >= 200 && answer.status < 300 && !answer.proxyError) return answer;
  throw errorFromAnswer(answer, label, errorMessage(answer.body));
}

const asRecord = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

/** Upload flow: register the asset, PUT the bytes to the URL Runflow gave, confirm; its `url` is what a run takes. */
async function uploadAsset(name: string, blob: Blob, settings: EngineSettings, signal: AbortSignal): Promise<string> {
  const created = await withRetries(
    async () => ok(await callProvider('runflow', '/v1/asset-uploads', settings, { json: assetUpload(name, blob), signal })),
    { signal },
  );
  const { asset_id: assetId, upload_url: uploadUrl } = asRecord(created.body);
  if (typeof assetId !== 'string' || typeof uploadUrl !== 'string') throw new EngineError('unavailable', `${label} did not say where to upload the picture.`);
  await withRetries(async () => {
    const put = await callNamedUrl('runflow', uploadUrl, settings, { method: 'PUT', body: blob, signal });
    if (put.answer) throw errorFromAnswer(put.answer, label, errorMessage(put.answer.body));
  }, { signal });
  const confirmed = await withRetries(
    async () => ok(await callProvider('runflow', `/v1/asset-uploads/${encodeURIComponent(assetId)}/confirmations`, settings, { json: {}, signal })),
    { signal },
  );
  const url = asRecord(confirmed.body).url;
  if (typeof url !== 'string') throw new EngineError('unavailable', `${label} did not confirm the upload.`);
  return url;
}

async function submit(job: EngineJob, context: EngineRunContext): Promise<RunflowResume> {
  const { settings } = job;
  const { signal, onProgress } = context;
  const image = await imagePng(job.image);
  const mask = job.mask ? await maskPng(job.mask) : null;
  const total = image.size + (mask?.size ?? 0);
  onProgress({ phase: 'uploading', bytes: { done: 0, total } });
  const imageUrl = await uploadAsset('image.png', image, settings, signal);
  onProgress({ phase: 'uploading', bytes: { done: image.size, total } });
  const maskUrl = mask ? await uploadAsset('mask.png', mask, settings, signal) : null;
  onProgress({ phase: 'uploading', bytes: { done: total, total } });

  // The same client_ref on every attempt, so a repeat can be recognised; retried only when not accepted.
  const clientRef = crypto.randomUUID();
  const request = runRequest(job, { image: imageUrl, mask: maskUrl }, clientRef);
  if (!request.model) throw new EngineError('invalid-input', 'No Runflow model is set: choose one in Settings.');
  const answer = await withRetries(
    async () => ok(await callProvider('runflow', `/v1/models/${modelPath(request.model)}/runs`, settings, { json: request.body, signal })),
    { signal, submit: true, onWait: (seconds, error) => onProgress({ phase: 'queued', etaSeconds: seconds, note: `${error.message} Trying again` }) },
  );
  const id = runId(answer.body);
  if (!id) throw new EngineError('unavailable', `${label} accepted the run but sent no id.`);
  const resume = { runId: id, clientRef };
  context.remember(resume);
  return resume;
}

async function waitForRun(job: EngineJob, run: RunflowResume, context: EngineRunContext) {
  const { settings } = job;
  const { signal, onProgress, onImage } = context;
  for (;;) {
    const answer = await withRetries(async () => ok(await callProvider('runflow', `/v1/runs/${encodeURIComponent(run.runId)}`, settings, { signal })), {
      signal,
      onWait: (seconds, error) => onProgress({ phase: 'queued', etaSeconds: seconds, note: `${error.message} Trying again` }),
    });
    const state = readRun(answer.body);
    switch (state.kind) {
      case 'waiting':
        onProgress({ phase: 'queued', note: `Waiting at ${label} (${state.status})` });
        break;
      case 'running':
        onProgress({ phase: 'running' });
        break;
      case 'done': {
        onProgress({ phase: 'finishing' });
        // Signed links expire: every image is fetched as soon as the run succeeds.
        const images = await Promise.all(state.urls.slice(0, job.seeds.length).map((url) => fetchResult('runflow', label, url, settings, signal)));
        images.forEach((image, index) => onImage({ index, image, seed: state.seed !== undefined && job.seeds.length === 1 ? state.seed : undefined }));
        if (!images.length) throw new EngineError('unavailable', `${label} finished the run without an image.`);
        return;
      }
      case 'failed':
        throw new EngineError('invalid-input', `${label}: ${state.message}`);
      case 'cancelled':
        throw new EngineError('unavailable', `${label} cancelled the run.`);
    }
    await sleep(POLL_MS, signal);
  }
}

function isResume(value: unknown): value is RunflowResume {
  const v = asRecord(value);
  return typeof v.runId === 'string' && typeof v.clientRef === 'string';
}

/**
 * Runflow: upload the crop and mask as assets, submit a run of the chosen model, poll it,
 * fetch the images at once. Runflow has no public cancel: Cancel stops polling and forgets
 * the run. A reload picks the run up from its id.
 */
export const runflow: Engine = {
  id: 'runflow',
  label,
  settingsFields,
  meta: () => meta,
  readiness: (settings) => cloudReadiness('runflow', label, settings),

  async run(job, context) {
    if (context.signal.aborted) throw EngineError.cancelled();
    const run = isResume(job.resume) ? job.resume : await submit(job, context);
    await waitForRun(job, run, context);
  },

  async testConnection(settings, signal) {
    const health = ok(await callProvider('runflow', '/v1/health', settings, { signal }));
    // Asking for a run that does not exist costs nothing: 404 means the key was accepted.
    const probe = await callProvider('runflow', '/v1/runs/connection-test', settings, { signal });
    if (probe.status !== 404) ok(probe);
    return `${label} answered: service ${String(asRecord(health.body).status ?? 'up')}, key accepted.`;
  },
};
