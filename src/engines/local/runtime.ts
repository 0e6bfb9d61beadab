import type { RgbaImage } from '../../image/rgba';
import type { Mask } from '../../mask/types';
import type { Backend, BackendChoice, Capabilities } from './backend';
import { WorkerBridge } from './bridge';
import type { LocalWorkerApi } from './local.worker';
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

export function runRemoval(id: string, image: RgbaImage, mask: Mask, signal: AbortSignal) {
  return bridge.call('remove', [id, image, mask], { signal, transfer: [image.data.buffer] });
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

/** The subject's alpha at the photo's size; the photo is copied, or with `handOver` moved (the caller's copy is emptied). */
export function runSubject(id: string, image: RgbaImage, signal?: AbortSignal, handOver = false) {
  return bridge.call('subject', [id, image], { signal, transfer: handOver ? [image.data.buffer] : [] });
}

/** Whether the worker holds the model's session now: its files need not be read and sent again. */
export function isModelLoaded(id: string) {
  return bridge.running ? bridge.call('isLoaded', [id]) : Promise.resolve(false);
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
