import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { JobResult } from '../jobs/records';
import { openSessionDb } from '../storage/db';
import { keepBatch, readBatchPhoto } from './batchRecords';
import { addResult, clearFinished, updatePhoto, useBatch } from './batchStore';

const result = (index: number): JobResult => ({ index, seed: 7 + index, full: new Blob([`full ${index}`]), thumbnail: new Blob([`thumb ${index}`]), width: 4, height: 3 });
const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('readBatchPhoto', () => {
  it('keeps a finished photo as it was, results in variation order', () => {
    const photo = readBatchPhoto({ id: 'a', order: 0, name: 'bag.png', status: 'done', results: [result(1), result(0)] });
    expect(photo?.status).toBe('done');
    expect(photo?.results.map((r) => r.index)).toEqual([0, 1]);
  });

  it('marks a photo that was on its way as interrupted, keeping what it finished', () => {
    const photo = readBatchPhoto({ id: 'a', order: 0, name: 'bag.png', status: 'generating', results: [result(0)] });
    expect(photo?.status).toBe('interrupted');
    expect(photo?.error).toBe('bag.png: the tab closed before it was done.');
    expect(photo?.results).toHaveLength(1);
  });

  it('drops what this version cannot read: an unknown status, a result without its image', () => {
    expect(readBatchPhoto({ id: 'a', order: 0, name: 'bag.png', status: 'exploded', results: [] })).toBeNull();
    const photo = readBatchPhoto({ id: 'b', order: 0, name: 'lamp.png', status: 'done', results: [{ index: 0, seed: 1 }] });
    expect(photo?.results).toEqual([]);
  });
});

describe('keepBatch', () => {
  it('writes each photo as its outcome changes, reads it back, and forgets what is cleared', async () => {
    const db = await openSessionDb();
    await db.put('batch', { id: 'old', order: 0, name: 'shoe.png', status: 'failed', error: "shoe.png: the file is damaged.", results: [] });
    const errors: unknown[] = [];
    await keepBatch((error) => errors.push(error));
    expect(useBatch.getState().photos.map((p) => [p.name, p.status])).toEqual([['shoe.png', 'failed']]);

    useBatch.setState((s) => ({ photos: [...s.photos, { id: 'new', name: 'bag.png', status: 'generating', results: [] }] }));
    addResult('new', result(0));
    updatePhoto('new', { status: 'done' });
    await settled();
    const stored = await db.get('batch', 'new');
    expect(stored?.status).toBe('done');
    expect(stored?.order).toBe(1);
    expect(readBatchPhoto(stored!)?.results.map((r) => r.seed)).toEqual([7]);

    clearFinished();
    await settled();
    expect(await db.getAll('batch')).toEqual([]);
    expect(errors).toEqual([]);
  });
});
