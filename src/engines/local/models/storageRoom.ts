/** The browser's storage around a download: is there room, and may the files stay. */
import { formatBytes } from './bytes';
import { DownloadError, type StorageEstimateLike } from './downloadTypes';

let persistAsked = false;

function defaultEstimate(): (() => Promise<StorageEstimateLike>) | undefined {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  return typeof storage?.estimate === 'function' ? () => storage.estimate() : undefined;
}

function defaultPersist(): (() => Promise<boolean>) | undefined {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  // Only a page has `persist` (a worker has none): the page asks for its downloads.
  return typeof storage?.persist === 'function' ? () => storage.persist() : undefined;
}

/** Asks once per page that the browser keep its storage (models are big to fetch again); `persist` given: always. */
export function askToPersist(persist?: () => Promise<boolean>) {
  if (persistAsked && !persist) return;
  const ask = persist ?? defaultPersist();
  if (!ask) return;
  persistAsked = true;
  ask().catch(() => undefined);
}

/**
 * Throws a 'quota' DownloadError when the storage has less than `needed` bytes free. An
 * estimate that fails or says nothing lets the download go ahead.
 */
export async function checkRoom(label: string, needed: number, estimate = defaultEstimate()) {
  if (needed <= 0) return;
  let found: StorageEstimateLike | undefined;
  try {
    found = await estimate?.();
  } catch {
    return;
  }
  if (found?.quota === undefined || found.usage === undefined) return;
  const free = Math.max(0, found.quota - found.usage);
  if (needed <= free) return;
  let [need, have] = [formatBytes(needed), formatBytes(free)];
  if (need === have) [need, have] = [`${needed} bytes`, `${free} bytes`];
  throw new DownloadError('quota', `${label} needs ${need}, ${have} free in the browser's storage. Delete cached models or free disk space, then try again.`, { expected: needed, actual: free });
}
