import * as Comlink from 'comlink';
import type { MaskWorkerApi } from './mask.worker';

let remote: Comlink.Remote<MaskWorkerApi> | null = null;

/** The shared mask worker, started on first use. */
export function maskWorker(): Comlink.Remote<MaskWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./mask.worker.ts', import.meta.url), { type: 'module', name: 'mask' });
    remote = Comlink.wrap<MaskWorkerApi>(worker);
  }
  return remote;
}
