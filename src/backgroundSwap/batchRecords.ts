import { openSessionDb, type StoredBatchPhoto } from '../storage/db';
import type { JobResult } from '../jobs/records';
import { isActive, useBatch, type BatchPhoto, type PhotoStatus } from './batchStore';

const statuses: readonly PhotoStatus[] = ['waiting', 'selecting', 'generating', 'done', 'failed', 'cancelled', 'interrupted'];
const isBlob = (value: unknown): value is Blob => value instanceof Blob;

/** What a reload needs of a photo: no progress, no job, no note. */
function toStored(photo: BatchPhoto, order: number): StoredBatchPhoto {
  const { id, name, status, error, results } = photo;
  return { id, order, name, status, error, results };
}

/**
 * A stored photo as the Batch list shows it, or null when it is not one this version can
 * read. One that was still on its way when its tab went away is interrupted, keeping its results.
 */
export function readBatchPhoto(stored: StoredBatchPhoto): BatchPhoto | null {
  const { id, name, status, error, results } = stored;
  if (typeof name !== 'string' || typeof status !== 'string' || !statuses.includes(status as PhotoStatus)) return null;
  const kept = (Array.isArray(results) ? (results as Partial<JobResult>[]) : [])
    .filter((r): r is JobResult => typeof r.index === 'number' && typeof r.seed === 'number' && isBlob(r.full) && isBlob(r.thumbnail))
    .sort((a, b) => a.index - b.index);
  const photo: BatchPhoto = { id, name, status: status as PhotoStatus, results: kept, ...(typeof error === 'string' ? { error } : {}) };
  return isActive(photo) ? { ...photo, status: 'interrupted', error: `${name}: the tab closed before it was done.` } : photo;
}

/** What, once changed, is worth writing again: progress and notes are not. */
const signature = (photo: BatchPhoto) => `${photo.status}|${photo.error ?? ''}|${photo.results.map((r) => r.index).join(',')}`;

/** The photos as last written, by id, so only a photo whose outcome changed is written again. */
const written = new Map<string, string>();

const outcomeChanged = (photos: readonly BatchPhoto[]) => photos.length !== written.size || photos.some((p) => written.get(p.id) !== signature(p));

/** Writes what changed since the last call; a photo gone from the list is gone from storage. */
async function writeChanges(photos: readonly BatchPhoto[], onError: (error: unknown) => void) {
  try {
    const db = await openSessionDb();
    const tx = db.transaction('batch', 'readwrite');
    const store = tx.objectStore('batch');
    const ids = new Set(photos.map((p) => p.id));
    const writes: Promise<unknown>[] = [];
    for (const id of [...written.keys()].filter((k) => !ids.has(k))) {
      written.delete(id);
      writes.push(store.delete(id));
    }
    for (const [order, photo] of photos.entries()) {
      const sig = signature(photo);
      if (written.get(photo.id) === sig) continue;
      written.set(photo.id, sig);
      writes.push(store.put(toStored(photo, order)));
    }
    await Promise.all([...writes, tx.done]);
  } catch (error) {
    onError(error);
  }
}

/** Reads the last batch back, then keeps every later change to it in storage. */
export async function keepBatch(onError: (error: unknown) => void) {
  const db = await openSessionDb();
  const stored = (await db.getAll('batch')).sort((a, b) => a.order - b.order);
  const photos = stored.map(readBatchPhoto).filter((p): p is BatchPhoto => p !== null);
  for (const photo of photos) written.set(photo.id, signature(photo));
  // A batch started before the read ends stays, after the one read back.
  useBatch.setState((s) => ({ photos: [...photos, ...s.photos.filter((p) => !photos.some((q) => q.id === p.id))] }));
  let queue = writeChanges(useBatch.getState().photos, onError);
  useBatch.subscribe(({ photos: now }, before) => {
    // Progress changes photos many times a second: only a new outcome, result or removal is written.
    if (now === before.photos || !outcomeChanged(now)) return;
    queue = queue.then(() => writeChanges(useBatch.getState().photos, onError));
  });
}
