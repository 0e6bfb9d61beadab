import { callProvider, type ProviderAnswer } from '../cloud/api';
import { dataUri, fetchResult, imagePng, maskPng } from '../cloud/images';
import { cloudReadiness } from '../cloud/readiness';
import { sleep, withRetries } from '../cloud/retry';
import { EngineError, type Engine, type EngineJob, type EngineProgress, type EngineRunContext } from '../contract';
import { label, meta, settingsFields } from './meta';
import { fetchPath, INPAINT_PATH, inpaintBody, sampleGroups, UPLOAD_PATH, uploadBody, type SampleGroup } from './request';
import { modelslabError, readAnswer, type ModelsLabAnswer } from './response';

const POLL_MS = 2000;
/** The longest first wait on a submit's eta: past it we poll anyway. */
const MAX_ETA_SECONDS = 60;

/** One ModelsLab request that was accepted: which variations it makes and where to fetch it. */
interface Part extends SampleGroup {
  id: string;
  fetchPath?: string;
}

/** What a run remembers, to be picked up after a reload: every accepted request. */
interface ModelsLabResume {
  parts: Part[];
}

type Success = Extract<ModelsLabAnswer, { kind: 'success' }>;
type Taken = Exclude<ModelsLabAnswer, { kind: 'error' }>;

/** An answer that went through: success or processing. HTTP errors and errors inside a 200 throw. */
function ok(answer: ProviderAnswer): Taken {
  if (answer.status < 200 || answer.status >= 300 || answer.proxyError) throw modelslabError(answer);
  const read = readAnswer(answer.body);
  if (read.kind === 'error') throw modelslabError(answer);
  return read;
}

const retryNote = (onProgress: (p: EngineProgress) => void) => (seconds: number, error: EngineError) =>
  onProgress({ phase: 'queued', etaSeconds: seconds, note: `${error.message} Trying again` });

/** A picture has no public URL: `base64_to_url` stores it at ModelsLab, whose URL the inpaint request names. */
async function upload(blob: Blob, job: EngineJob, context: EngineRunContext): Promise<string> {
  const { signal } = context;
  const body = uploadBody(await dataUri(blob));
  const answer = await withRetries(async () => ok(await callProvider('modelslab', UPLOAD_PATH, job.settings, { json: body, signal })), {
    signal,
    onWait: retryNote(context.onProgress),
  });
  const url = answer.kind === 'success' ? answer.urls[0] : undefined;
  if (!url) throw new EngineError('unavailable', `${label} did not say where it put the picture.`);
  return url;
}

async function uploadPictures(job: EngineJob, mask: NonNullable<EngineJob['mask']>, context: EngineRunContext) {
  const { onProgress } = context;
  const imageBlob = await imagePng(job.image);
  const maskBlob = await maskPng(mask);
  const total = imageBlob.size + maskBlob.size;
  onProgress({ phase: 'uploading', bytes: { done: 0, total } });
  const image = await upload(imageBlob, job, context);
  onProgress({ phase: 'uploading', bytes: { done: imageBlob.size, total } });
  const maskUrl = await upload(maskBlob, job, context);
  onProgress({ phase: 'uploading', bytes: { done: total, total } });
  return { image, mask: maskUrl };
}

/** One paid request, tried again only when the answer proves it was not taken (a rate limit, 503). */
async function submit(job: EngineJob, urls: { image: string; mask: string }, group: SampleGroup, context: EngineRunContext) {
  const { signal } = context;
  const body = inpaintBody(job, urls, group);
  const answer = await withRetries(async () => ok(await callProvider('modelslab', INPAINT_PATH, job.settings, { json: body, signal })), {
    signal,
    submit: true,
    onWait: retryNote(context.onProgress),
  });
  const part: Part | undefined = answer.id ? { ...group, id: answer.id, fetchPath: answer.kind === 'processing' ? answer.fetchPath : undefined } : undefined;
  if (!part && answer.kind !== 'success') throw new EngineError('unavailable', `${label} accepted the request but sent no id to fetch it by.`);
  return { part, answer };
}

async function poll(job: EngineJob, part: Part, context: EngineRunContext): Promise<Taken> {
  const { signal } = context;
  // The server's key injection needs a JSON object: the fetch's body is {} plus the key.
  return withRetries(async () => ok(await callProvider('modelslab', part.fetchPath ?? fetchPath(part.id), job.settings, { json: {}, signal })), {
    signal,
    onWait: retryNote(context.onProgress),
  });
}

/** Fetches every image at once (links expire) and hands each to its variation. */
async function deliver(job: EngineJob, group: SampleGroup, answer: Success, context: EngineRunContext) {
  const { signal, onProgress, onImage } = context;
  onProgress({ phase: 'finishing' });
  const urls = answer.urls.slice(0, group.count);
  if (!urls.length) throw new EngineError('unavailable', `${label} finished the request without an image.`);
  const images = await Promise.all(urls.map((url) => fetchResult('modelslab', label, url, job.settings, signal)));
  // Image i of a request has seed S + i: say so only when ModelsLab used another S than ours.
  const seed = answer.seed !== undefined && answer.seed !== group.seed ? answer.seed : undefined;
  images.forEach((image, i) => onImage({ index: group.first + i, image, seed: seed === undefined ? undefined : seed + i }));
}

/** Waits about the submit's eta, then polls the request until it succeeds. */
async function waitFor(job: EngineJob, part: Part, first: Taken | undefined, context: EngineRunContext) {
  const { signal, onProgress } = context;
  let answer = first;
  if (answer?.kind === 'processing') {
    const eta = answer.etaSeconds;
    onProgress({ phase: 'queued', etaSeconds: eta, note: `Waiting at ${label}` });
    await sleep(eta ? Math.min(eta, MAX_ETA_SECONDS) * 1000 : POLL_MS, signal);
  }
  while (answer?.kind !== 'success') {
    answer = await poll(job, part, context);
    if (answer.kind === 'processing') {
      onProgress({ phase: 'running' });
      await sleep(POLL_MS, signal);
    }
  }
  await deliver(job, part, answer, context);
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function resumedParts(value: unknown): Part[] {
  const parts = (value as Partial<ModelsLabResume> | null)?.parts;
  if (!Array.isArray(parts)) return [];
  return parts.filter(
    (p): p is Part =>
      typeof p === 'object' && p !== null && isInt(p.first) && isInt(p.count) && isInt(p.seed) && typeof p.id === 'string' && (p.fetchPath === undefined || typeof p.fetchPath === 'string'),
  );
}

/**
 * ModelsLab: upload the crop and mask with base64_to_url, submit inpaint requests of up to
 * four samples, wait about their eta, fetch them until they succeed, download the images at
 * once. ModelsLab has no cancel: Cancel stops polling and forgets the request. A reload
 * picks every accepted request up from its id instead of paying again.
 */
export const modelslab: Engine = {
  id: 'modelslab',
  label,
  settingsFields,
  meta: () => meta,
  readiness: (settings) => cloudReadiness('modelslab', label, settings),

  async run(job, context) {
    if (context.signal.aborted) throw EngineError.cancelled();
    const { mask } = job;
    if (!mask) throw new EngineError('invalid-input', `${label} inpainting needs a mask.`);
    const resumed = resumedParts(job.resume);
    const accepted: Part[] = [];
    const waits: Promise<void>[] = [];
    let urls: Promise<{ image: string; mask: string }> | undefined;
    let failure: unknown = null;
    try {
      for (const group of sampleGroups(job.seeds)) {
        let wait: Promise<void>;
        const known = resumed.find((p) => p.first === group.first && p.count === group.count && p.seed === group.seed);
        if (known) {
          accepted.push(known);
          wait = waitFor(job, known, undefined, context);
        } else {
          urls ??= uploadPictures(job, mask, context);
          const { part, answer } = await submit(job, await urls, group, context);
          if (part) {
            accepted.push(part);
            context.remember({ parts: [...accepted] } satisfies ModelsLabResume);
            wait = waitFor(job, part, answer, context);
          } else wait = deliver(job, group, answer as Success, context);
        }
        wait.catch(() => {});
        waits.push(wait);
      }
    } catch (error) {
      failure = error;
    }
    // Requests already paid for are still waited for, so what they make is kept.
    const settled = await Promise.allSettled(waits);
    if (failure !== null) throw failure;
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  },

  async testConnection(settings, signal) {
    // Fetching a request that does not exist costs nothing: any answer but a refused key (or
    // a rate limit, or no credit) means the key was accepted.
    const answer = await callProvider('modelslab', fetchPath('0'), settings, { json: {}, signal });
    try {
      ok(answer);
    } catch (error) {
      if (!(error instanceof EngineError) || error.kind !== 'invalid-input') throw error;
    }
    return `${label} answered: key accepted.`;
  },
};
