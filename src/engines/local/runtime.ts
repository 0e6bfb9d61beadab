import type { RgbaImage } from '../../image/rgba';
import type { Mask } from '../../mask/types';
import type { Backend, BackendChoice, Capabilities } from './backend';
import { WorkerBridge } from './bridge';
import type { LocalWorkerApi, ModelFiles } from './local.worker';
import type { InpaintRequest } from './diffusionRunner';
import type { DiffusionProgress } from './diffusion/pipeline';
import type { TensorInfo } from './removers';
import type { SamPoint, Size } from './segmentation/sam';
import type { SamFiles, SamStage } from './segmentation/samRunner';

/**
 * The page's side of the model worker: one bridge, started on first use and ended when idle
 * for a few minutes or when the user switches engine, which frees every session.
 */
const bridge = new WorkerBridge<LocalWorkerApi>(
  () => new Worker(new URL('./local.worker.ts', import.meta.url), { type: 'module', name: 'local models' }),
  { idleMs: 5 * 60_000 },
);

// The user's last "Run on": work outside a job (Select subject) runs where the jobs run.
let lastChoice: BackendChoice = 'auto';
export const currentBackendChoice = () => lastChoice;

export function probeBackend(choice: BackendChoice): Promise<{ capabilities: Capabilities; backend: Backend }> {
  lastChoice = choice;
  return bridge.call('probe', [choice]);
}

/** `fellBack`: WebGPU's failure, when making the session there failed and it was made on WASM. */
export function loadModel(id: string, files: Record<string, Blob>, main: string, signal?: AbortSignal): Promise<{ inputs: TensorInfo[]; outputs: TensorInfo[]; backend: Backend; fellBack?: string }> {
  return bridge.call('load', [id, files, main], { signal });
}

/**
 * A removal model's fill of the crop, in one call while the worker holds the model's session.
 * With `load` (its files) the session is made first; without, a model not loaded yet hands
 * the crop back as `unloaded`, so the caller can check the backend and read the files once.
 */
export function runRemoval(id: string, choice: BackendChoice, image: RgbaImage, mask: Mask, load: ModelFiles | null, signal: AbortSignal) {
  lastChoice = choice;
  return bridge.call('remove', [id, choice, image, mask, load], { signal, transfer: [image.data.buffer] });
}

export function runInpaint(
  id: string,
  files: Record<string, Blob>,
  request: InpaintRequest,
  fillWith: { id: string; files: Record<string, Blob>; main: string } | null,
  signal: AbortSignal,
  onProgress: (progress: DiffusionProgress) => void,
) {
  return bridge.call('inpaint', [id, files, request, fillWith], { signal, onProgress: (p) => onProgress(p as DiffusionProgress), transfer: [request.image.data.buffer] });
}

/**
 * The subject's alpha at the photo's size, in one call while the worker holds the model's
 * session (as runRemoval: without `load`, an unloaded model hands the photo back). The photo
 * is copied, or with `handOver` moved (the caller's copy is emptied).
 */
export function runSubject(id: string, choice: BackendChoice, image: RgbaImage, load: ModelFiles | null, signal?: AbortSignal, handOver = false) {
  lastChoice = choice;
  return bridge.call('subject', [id, choice, image, load], { signal, transfer: handOver ? [image.data.buffer] : [] });
}

/** MobileSAM: the photo's embedding, computed once in the worker (kept there by `imageKey`). */
export function samEmbed(id: string, files: SamFiles, imageKey: string, photo: Blob, size: Size, onStage: (stage: SamStage) => void) {
  return bridge.call('samEmbed', [id, files, imageKey, photo, size], { onProgress: (stage) => onStage(stage as SamStage) });
}

/** MobileSAM's decoder for the clicks so far; null when the worker no longer keeps the photo's embedding. */
export function samDecode(id: string, imageKey: string, points: SamPoint[], previous: Float32Array | null) {
  return bridge.call('samDecode', [id, imageKey, points, previous]);
}

export function releaseModels(id?: string) {
  return bridge.running ? bridge.call('release', [id]) : Promise.resolve();
}

/** Ends the worker: every session goes with it. */
export function stopModelWorker() {
  bridge.terminate();
}
