import * as Comlink from 'comlink';
import { loadImageFile } from '../editor/loadImage';
import { toEngineError, type Engine, type EngineMeta } from '../engines/contract';
import { subjectMatte } from '../engines/local/segmentation';
import { settingsFor } from '../engineSettings/store';
import type { RgbaImage } from '../image/rgba';
import { workerCompositor } from '../jobs/compositor';
import { buildJob } from '../jobs/job';
import { createJobQueue, type JobEvent, type JobSubmission } from '../jobs/queue';
import { validateParams, type ParamsDraft } from '../jobs/validateParams';
import { isMaskEmpty } from '../mask';
import { showError, showInfo } from '../notices/notices';
import { useParams } from '../params/paramsStore';
import { currentEngine } from '../params/useEngine';
import { nothingSelected, photoProblem, stepFailed } from './batchMessages';
import { addResult, isActive, updatePhoto, useBatch, type BatchPhoto } from './batchStore';
import { batchDraft, type BatchTarget } from './recipe';
import { maskWorker } from '../workers/maskWorker';

/**
 * The batch's own job queue: the same runner, compositor and per-engine concurrency as the
 * editor's, but its jobs go to the batch's list, not to History or the results on show.
 * No Web Lock: a batch job has no record for another tab to mistake as interrupted.
 */
export const batchQueue = createJobQueue({ compositor: workerCompositor, settingsFor: (engineId) => settingsFor(engineId), holdLock: () => () => {} });

/** What every photo of one batch runs with, fixed when the batch starts. */
interface Recipe {
  engine: Engine;
  meta: EngineMeta;
  draft: ParamsDraft;
  target: BatchTarget;
}

let controller: AbortController | null = null;
/** Each queued photo's end, so the batch knows when its last job is over. */
const ends = new Map<string, () => void>();

function onJobEvent(event: JobEvent) {
  const photo = (id: string) => useBatch.getState().photos.find((p) => p.id === id);
  if (event.type === 'variation') addResult(event.id, event.result);
  if (event.type !== 'ended') return;
  updatePhoto(event.id, { job: undefined });
  const name = photo(event.id)?.name ?? 'A photo';
  if (event.outcome === 'cancelled') updatePhoto(event.id, { status: 'cancelled' });
  else if (event.outcome === 'failed') updatePhoto(event.id, { status: 'failed', error: stepFailed(name, event.engineLabel, event.error?.message ?? 'no reason given') });
  else if (event.made === 0) updatePhoto(event.id, { status: 'failed', error: `${name}: ${event.engineLabel} returned no image.` });
  else updatePhoto(event.id, { status: 'done' });
  ends.get(event.id)?.();
  ends.delete(event.id);
}
batchQueue.subscribe(onJobEvent);
// Each job's place and progress, mirrored onto its photo for the Batch list.
batchQueue.useQueue.subscribe(({ entries }) => {
  for (const entry of entries) updatePhoto(entry.id, { job: { running: entry.status === 'running', engineLabel: entry.engineLabel, progress: entry.progress } });
});

/** The photo's pixels as decoded, for the subject model. */
function pixelsOf(bitmap: ImageBitmap): RgbaImage {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2D canvas unavailable');
  context.drawImage(bitmap, 0, 0);
  return { width: bitmap.width, height: bitmap.height, data: context.getImageData(0, 0, bitmap.width, bitmap.height).data };
}

/** Opens the photo, selects its subject and builds its job; a string says why it can't run. */
async function preparePhoto(photo: BatchPhoto, file: File, recipe: Recipe, signal: AbortSignal): Promise<JobSubmission | string> {
  const { name } = photo;
  const opened = await loadImageFile(file, name);
  if (!opened.ok) return photoProblem(name, opened.problem);
  const { blob, width, height, bitmap } = opened.image;
  let pixels: RgbaImage;
  try {
    pixels = pixelsOf(bitmap);
  } finally {
    bitmap.close();
  }
  updatePhoto(photo.id, { status: 'selecting', note: 'Selecting the subject' });
  let alpha: Uint8Array;
  try {
    alpha = await subjectMatte(pixels, { signal, handOver: true, onProgress: (note, fraction) => updatePhoto(photo.id, { note, fraction }) });
  } catch (error) {
    const failure = toEngineError(error, signal);
    return failure.kind === 'cancelled' ? failure.message : stepFailed(name, 'Selecting the subject', failure.message);
  }
  const data = await maskWorker().subjectToMask(Comlink.transfer(alpha, [alpha.buffer]), width, height, { background: recipe.target === 'background' });
  const mask = { width, height, data };
  // An empty mask would be image to image for some engines: the whole photo repainted.
  if (isMaskEmpty(mask.data)) return nothingSelected(name, recipe.target);
  const built = buildJob({ image: { blob, width, height }, mask, draft: recipe.draft }, recipe.meta);
  if (!built.ok) return stepFailed(name, 'Checking the job', built.errors.join('. '));
  const { job } = built;
  return { id: photo.id, engine: recipe.engine, image: { blob, name, width, height }, mask: job.mask, params: job.params, seeds: job.seeds };
}

/** Resolves while the engine has fewer photos waiting than it runs at once: selection keeps ahead of the jobs, no further. */
function untilRoom(limit: number, signal: AbortSignal): Promise<void> {
  const waiting = () => batchQueue.useQueue.getState().entries.filter((e) => e.status === 'waiting').length;
  return new Promise((resolve) => {
    if (waiting() < limit || signal.aborted) return resolve();
    const stop = batchQueue.useQueue.subscribe(() => {
      if (waiting() < limit || signal.aborted) {
        stop();
        resolve();
      }
    });
  });
}

async function runPhotos(photos: { photo: BatchPhoto; file: File }[], recipe: Recipe, signal: AbortSignal) {
  const jobsOver: Promise<void>[] = [];
  for (const { photo, file } of photos) {
    await untilRoom(recipe.meta.concurrency, signal);
    if (signal.aborted) break;
    const prepared = await preparePhoto(photo, file, recipe, signal).catch((error: unknown) => stepFailed(photo.name, 'Opening the photo', toEngineError(error).message));
    if (signal.aborted) break;
    if (typeof prepared === 'string') {
      updatePhoto(photo.id, { status: 'failed', error: prepared, note: undefined });
      continue;
    }
    updatePhoto(photo.id, { status: 'generating', note: undefined, fraction: undefined });
    jobsOver.push(new Promise((resolve) => ends.set(photo.id, resolve)));
    batchQueue.submit(prepared);
  }
  await Promise.all(jobsOver);
}

/** Why the batch can't start with the recipe as set, or null. */
async function recipeProblem(recipe: Recipe): Promise<string | null> {
  const checked = validateParams(recipe.draft, recipe.meta);
  if (!checked.ok) return Object.values(checked.errors).filter(Boolean).join('. ');
  const readiness = await recipe.engine.readiness(settingsFor(recipe.engine.id));
  return readiness.ready ? null : `${readiness.reason}${readiness.fix ? ` ${readiness.fix}` : ''}`;
}

/**
 * The recipe (selection, prompt, engine, parameters as set now) over each photo: photos are
 * opened and selected one after another, their jobs run as many at once as the engine
 * allows; a photo that fails is reported and the others go on.
 */
export async function startBatch(files: File[]) {
  if (!files.length) return;
  if (controller) {
    showInfo('A batch is running: wait for it to end or cancel it first.');
    return;
  }
  const { engine, meta } = currentEngine();
  const recipe: Recipe = { engine, meta, draft: batchDraft(useParams.getState().draft), target: useBatch.getState().target };
  const problem = await recipeProblem(recipe);
  if (problem) {
    showError(`Can't start the batch: ${problem.replace(/\.?$/, '.')} No photo was changed.`);
    return;
  }
  const photos = files.map((file): { file: File; photo: BatchPhoto } => ({ file, photo: { id: crypto.randomUUID(), name: file.name || 'Pasted image', status: 'waiting', results: [] } }));
  useBatch.setState((s) => ({ photos: [...s.photos, ...photos.map((p) => p.photo)] }));
  const own = new AbortController();
  controller = own;
  try {
    await runPhotos(photos, recipe, own.signal);
  } finally {
    controller = null;
  }
  const ids = new Set(photos.map((p) => p.photo.id));
  const mine = useBatch.getState().photos.filter((p) => ids.has(p.id));
  const made = mine.filter((p) => p.status === 'done').length;
  const failed = mine.filter((p) => p.status === 'failed').length;
  showInfo(`Batch ${own.signal.aborted ? 'cancelled' : 'done'}: ${made} of ${mine.length} photos made${failed ? `, ${failed} failed (see Batch)` : ''}.`);
}

/** Stops the batch: no new photo starts, running jobs stop at once; what is finished stays. */
export function cancelBatch() {
  controller?.abort();
  for (const photo of useBatch.getState().photos) {
    if (photo.status === 'generating') batchQueue.cancel(photo.id);
    else if (isActive(photo)) updatePhoto(photo.id, { status: 'cancelled', note: undefined });
  }
}
