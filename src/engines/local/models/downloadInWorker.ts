import { WorkerBridge } from '../bridge';
import type { DownloadWorkerApi } from './download.worker';
import { askToPersist } from './storageRoom';
import { DownloadError, type DownloadErrorKind, type DownloadProgress, type DownloadResult, type WorkerDownload } from './downloadTypes';

const bridge = new WorkerBridge<DownloadWorkerApi>(() => new Worker(new URL('./download.worker.ts', import.meta.url), { type: 'module', name: 'model downloads' }), {
  idleMs: 30_000,
  concurrent: true,
});

/**
 * `downloadFile` in the download worker, into the model store (OPFS). Errors come back as
 * DownloadError with their kind and message; `model download` is measured here, on the page.
 */
export async function downloadInWorker(request: WorkerDownload, signal: AbortSignal, onProgress: (progress: DownloadProgress) => void): Promise<DownloadResult> {
  // The worker cannot ask for persistent storage: the page does.
  askToPersist();
  const started = performance.now();
  try {
    const result = await bridge.call('download', [request], { signal, onProgress: (p) => onProgress(p as DownloadProgress) });
    // Fetched, hashed and stored: `npm run bench -- local` sets this against curl.
    performance.measure('model download', { start: started, detail: { bytes: result.size } });
    return result;
  } catch (error) {
    const { kind, message } = error as { kind?: string; message: string };
    // The partial file is listed (for a resume) only once the worker has closed it.
    if (kind === 'cancelled') await bridge.call('settled', [request.key]);
    throw new DownloadError((kind ?? 'storage') as DownloadErrorKind, message);
  }
}
