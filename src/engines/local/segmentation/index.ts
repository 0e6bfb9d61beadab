import { showInfo } from '../../../notices/notices';
import { EngineError, toEngineError } from '../../contract';
import type { BackendChoice } from '../backend';
import type { LocalModel } from '../catalog';
import { allModels, cancelDownload, downloadModel, fileKey, modelById, modelStore, readModelFiles, refreshModelStates, useModelLibrary, type ModelState } from '../library';
import { fellBackNotice } from '../fallback';
import { memoryProblem } from '../memory';
import { formatBytes } from '../models/bytes';
import { currentBackendChoice, probeBackend, runSubject } from '../runtime';
import { DEFAULT_SUBJECT_MODEL, readySubjectModels, restoreSubjectChoice, subjectModelToUse, useSubjectChoice } from './subjectModel';

/**
 * The page's way to segmentation: "Select subject" (and Batch, and Replace background) ask
 * here for the subject's alpha; the model runs in the local engine's worker, its session
 * kept between calls.
 */
export interface SubjectMatteOptions {
  signal?: AbortSignal;
  /** What is happening, in words, with the fraction done when it is known. */
  onProgress?: (message: string, fraction?: number) => void;
  /** Where to run; by default where the local engine last ran ("Run on"). */
  backend?: BackendChoice;
  /** The pixels move to the worker instead of being copied: the caller's copy is emptied. */
  handOver?: boolean;
}

type Progress = SubjectMatteOptions['onProgress'];

/** Words and fraction for a download's progress. */
function downloadWords(model: LocalModel, state: ModelState | undefined): [string, number | undefined] {
  const progress = state?.progress;
  if (!progress) return [`Downloading ${model.name}…`, undefined];
  if (progress.phase === 'checking') return [`Checking what was already downloaded of ${model.name}…`, undefined];
  const { done, total } = progress;
  return [`Downloading ${model.name}: ${formatBytes(done)}${total ? ` of ${formatBytes(total)}` : ''}`, total ? done / total : undefined];
}

/** The catalog model's download, or the one under way (the Model panel's), to its end. */
async function fetchModel(id: string) {
  const downloading = () => useModelLibrary.getState().states[id]?.status === 'downloading';
  if (!downloading()) await downloadModel(id);
  if (!downloading()) return;
  await new Promise<void>((done) => {
    const stop = useModelLibrary.subscribe(() => {
      if (downloading()) return;
      stop();
      done();
    });
  });
}

// Calls at once (a batch) share one download.
let sharedDownload: Promise<void> | null = null;

/** Downloads the catalog's subject model, with progress; cancelling the signal cancels it (a partial file is kept for next time). */
async function downloadDefault(signal: AbortSignal | undefined, onProgress: Progress): Promise<LocalModel> {
  const model = modelById(DEFAULT_SUBJECT_MODEL)!;
  const stateOf = () => useModelLibrary.getState().states[model.id];
  const report = () => onProgress?.(...downloadWords(model, stateOf()));
  const unsubscribe = useModelLibrary.subscribe(report);
  const cancel = () => cancelDownload(model.id);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    report();
    sharedDownload ??= fetchModel(model.id).finally(() => (sharedDownload = null));
    await sharedDownload;
  } catch (error) {
    throw new EngineError('network', `${model.name} could not be downloaded: ${(error as Error).message}`);
  } finally {
    unsubscribe();
    signal?.removeEventListener('abort', cancel);
  }
  if (signal?.aborted) throw EngineError.cancelled();
  if (stateOf()?.status !== 'ready') throw new EngineError('network', `${model.name} did not finish downloading; Download model in the Local model panel resumes it.`);
  return model;
}

/**
 * The subject's alpha, 0..255, one value per pixel of `image` at its full resolution. Runs
 * the chosen ready subject model (see useSubjectChoice), else the first ready one, else
 * downloads the catalog's ISNet first (progress, cancel through the signal, kept for next
 * time). The image is copied to the worker (the caller keeps it) unless `handOver`. Fails with an EngineError.
 */
export async function subjectMatte(
  image: { width: number; height: number; data: Uint8ClampedArray },
  options: SubjectMatteOptions = {},
): Promise<Uint8Array> {
  const { signal, onProgress } = options;
  const { width, height, data } = image;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0) || data.length !== width * height * 4) {
    throw new EngineError('invalid-input', `The picture is ${width}×${height} but holds ${data.length} bytes: it cannot be segmented.`);
  }
  try {
    await Promise.all([refreshModelStates(), restoreSubjectChoice()]);
    const ready = readySubjectModels(allModels(), useModelLibrary.getState().states);
    const model = subjectModelToUse(ready, useSubjectChoice.getState().id) ?? (await downloadDefault(signal, onProgress));
    if (signal?.aborted) throw EngineError.cancelled();
    const started = performance.now();
    const choice = options.backend ?? currentBackendChoice();
    onProgress?.(`Finding the subject with ${model.name}…`);
    // While the worker holds the model's session, one call; the first gets the photo back, checks the memory and sends the files.
    let result = await runSubject(model.id, choice, { width, height, data }, null, signal, options.handOver);
    if ('unloaded' in result) {
      onProgress?.(`Loading ${model.name}…`);
      const { capabilities, backend } = await probeBackend(choice);
      const store = await modelStore();
      const sizes = await Promise.all(model.files.map(async (f) => (await store.size(fileKey(model, f))) ?? f.size ?? 0));
      const problem = memoryProblem(sizes, backend, capabilities);
      if (problem) throw new EngineError('out-of-memory', `${model.name} can't run here: ${problem}.`);
      result = await runSubject(model.id, choice, result.unloaded, { files: await readModelFiles(model), main: model.main }, signal, true);
      if ('unloaded' in result) throw new EngineError('unknown', `${model.name} could not be loaded.`);
    }
    if (result.fellBack) showInfo(fellBackNotice('Select subject', result.fellBack));
    useModelLibrary.setState({ lastBackend: result.backend.label });
    // Read by `npm run bench -- segmentation` against the worker's session.run.
    performance.measure('select subject', { start: started });
    return result.alpha;
  } catch (error) {
    throw toEngineError(error, signal);
  }
}
