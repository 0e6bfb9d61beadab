import * as Comlink from 'comlink';
import type { CropOptions } from '../compositing/prepareCrop';
import type { EngineSizeRules } from '../compositing/engineSize';
import type { RgbaImage } from '../image/rgba';
import type { Mask } from '../mask/types';

export interface FinishedImage {
  /** Full resolution, lossless: what Download re-encodes and "Use as input" opens. */
  full: Blob;
  thumbnail: Blob;
  width: number;
  height: number;
  /** Mean difference (0-255) inside the mask from the job's first variation; none for the first. */
  differenceFromFirst?: number;
}

/** Prepares the crop an engine gets, and pastes each of its images back into the photo. */
export interface CompositorApi {
  prepare(id: string, photo: Blob, mask: Mask, options: CropOptions, rules: EngineSizeRules): Promise<{ image: RgbaImage; mask: Mask | null }>;
  finish(id: string, result: RgbaImage | Blob, options: { colourMatch: boolean }): Promise<FinishedImage>;
  discard(id: string): void;
}

let worker: Comlink.Remote<CompositorApi> | null = null;

/** The compositing worker, started on first use: the pixels never touch the main thread. */
export const workerCompositor: CompositorApi = {
  prepare(id, photo, mask, options, rules) {
    worker ??= Comlink.wrap<CompositorApi>(new Worker(new URL('./compositing.worker.ts', import.meta.url), { type: 'module', name: 'compositing' }));
    const copy = { ...mask, data: mask.data.slice() };
    return worker.prepare(id, photo, Comlink.transfer(copy, [copy.data.buffer]), options, rules);
  },
  finish(id, result, options) {
    if (!worker) throw new Error('finish before prepare');
    const transfers = result instanceof Blob ? [] : [result.data.buffer];
    return worker.finish(id, Comlink.transfer(result, transfers), options);
  },
  discard(id) {
    void worker?.discard(id);
  },
};
