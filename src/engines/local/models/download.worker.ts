/// <reference lib="webworker" />
import { serveBridge, type WorkerCallContext } from '../bridge';
import { downloadFile } from './download';
import type { DownloadResult, WorkerDownload } from './downloadTypes';
import { opfsStore } from './opfsStore';

/**
 * Model downloads off the page: fetch, SHA-256 and a sync access handle writing straight into
 * the partial file, where the page's async writable copies the file at each checkpoint.
 */
const store = opfsStore({ mode: 'sync' });
const running = new Map<string, Promise<DownloadResult>>();

const api = {
  async download(request: WorkerDownload, context: WorkerCallContext): Promise<DownloadResult> {
    // A cancelled download of this file may still hold its handle: a resume waits for it to let go.
    const before = running.get(request.key)?.catch(() => undefined);
    const download = (async () => {
      await before;
      return downloadFile({ ...request, store: await store, signal: context.signal, onProgress: (progress) => context.progress(progress) });
    })();
    running.set(request.key, download);
    try {
      return await download;
    } finally {
      if (running.get(request.key) === download) running.delete(request.key);
    }
  },

  /** Resolves once no download of `key` runs here any more (its partial file closed). */
  async settled(key: string): Promise<void> {
    await running.get(key)?.catch(() => undefined);
  },
};

export type DownloadWorkerApi = typeof api;
serveBridge(api as unknown as Record<string, (...args: never[]) => unknown>);
