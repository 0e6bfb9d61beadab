import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { openSessionDb } from '../storage/db';
import { defaultParams } from './params';
import { addJobRecord, addJobResult, deleteJobRecord, loadJobRecords, updateJobRecord, useJobRecords, variationsAlike, type JobRecord, type JobResult } from './records';

const blob = (text: string) => new Blob([text]);

function record(id: string, extra: Partial<JobRecord> = {}): JobRecord {
  return {
    id,
    createdAt: Date.parse('2026-12-01T10:00:00Z') + id.charCodeAt(0),
    engineId: 'builtin-remover',
    engineLabel: 'Built-in remover',
    params: { ...defaultParams, seed: 5, variations: 3 },
    seeds: [5, 6, 7],
    input: { blob: blob('photo'), name: 'bag.jpeg', width: 4, height: 3, mask: { width: 4, height: 3, deflated: blob('mask') } },
    status: 'waiting',
    results: [],
    ...extra,
  };
}

const result = (index: number, seed: number): JobResult => ({ index, seed, full: blob(`full ${index}`), thumbnail: blob(`thumb ${index}`), width: 4, height: 3 });
const nobodyHolds = { isHeldElsewhere: async () => false, whenReleased: () => new Promise<void>(() => {}) };

describe('job records', () => {
  it('moves the results of a version 2 history out into their own store', async () => {
    // What version 2 wrote: finished jobs with their results inside.
    const old = await openDB('inpaint-studio', 2, {
      upgrade(db) {
        db.createObjectStore('session');
        db.createObjectStore('history', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
      },
    });
    const { results: _none, status: _status, seeds: _seeds, ...v2 } = record('old');
    await old.put('history', { ...v2, results: [result(0, 5), result(1, 6)].map(({ index: _index, ...r }) => r) });
    old.close();

    await loadJobRecords(nobodyHolds);
    const [job] = useJobRecords.getState().jobs;
    expect(job).toMatchObject({ id: 'old', status: 'finished', seeds: [5, 6] });
    expect(job.results.map((r) => [r.index, r.seed])).toEqual([[0, 5], [1, 6]]);
    expect(await (await openSessionDb()).count('results')).toBe(2);
  });

  describe('written as a job goes and read back after a reload', () => {
    beforeEach(async () => {
      const db = await openSessionDb();
      await Promise.all([db.clear('history'), db.clear('results')]);
      useJobRecords.setState({ jobs: [], loaded: false });
    });

    it('keeps a job from its submit, with each variation as it comes', async () => {
      await addJobRecord(record('a'));
      await updateJobRecord('a', { status: 'running' });
      await addJobResult('a', result(1, 6));
      await addJobResult('a', result(0, 5));
      expect(useJobRecords.getState().jobs[0].results.map((r) => r.index)).toEqual([0, 1]);

      useJobRecords.setState({ jobs: [] });
      await loadJobRecords(nobodyHolds);
      const [job] = useJobRecords.getState().jobs;
      expect(job.results.map((r) => r.seed)).toEqual([5, 6]);
      expect(await job.results[1].full.text()).toBe('full 1');
      expect(job.input.name).toBe('bag.jpeg');
    });

    it('marks a job whose tab went away as interrupted, and leaves one another tab runs alone', async () => {
      await addJobRecord(record('a', { status: 'running' }));
      await addJobRecord(record('b', { status: 'running' }));
      await addJobRecord(record('c', { status: 'finished' }));
      await addJobResult('a', result(0, 5));
      useJobRecords.setState({ jobs: [] });
      let letGo = () => {};
      const released = new Promise<void>((resolve) => (letGo = resolve));
      await loadJobRecords({ isHeldElsewhere: async (id) => id === 'b', whenReleased: () => released });
      const status = () => Object.fromEntries(useJobRecords.getState().jobs.map((j) => [j.id, j.status]));
      expect(status()).toEqual({ a: 'interrupted', b: 'running', c: 'finished' });
      // The other tab goes away without a word: then b is interrupted too.
      letGo();
      await expect.poll(() => status().b).toBe('interrupted');
      // Written back, so it stays interrupted.
      useJobRecords.setState({ jobs: [] });
      await loadJobRecords(nobodyHolds);
      expect(useJobRecords.getState().jobs.find((j) => j.id === 'a')?.results).toHaveLength(1);
      expect(useJobRecords.getState().jobs.find((j) => j.id === 'a')?.status).toBe('interrupted');
    });

    it('takes the last word of another tab that finished its job', async () => {
      await addJobRecord(record('b', { status: 'running' }));
      let letGo = () => {};
      const released = new Promise<void>((resolve) => (letGo = resolve));
      useJobRecords.setState({ jobs: [] });
      await loadJobRecords({ isHeldElsewhere: async () => true, whenReleased: () => released });
      // What the other tab writes as it finishes.
      const db = await openSessionDb();
      await db.put('history', { ...(await db.get('history', 'b'))!, status: 'finished', seconds: 4 });
      await db.put('results', { ...result(0, 5), jobId: 'b' });
      letGo();
      await expect.poll(() => useJobRecords.getState().jobs[0]?.status).toBe('finished');
      expect(useJobRecords.getState().jobs[0].results).toHaveLength(1);
    });

    it('lists the newest first', async () => {
      await addJobRecord(record('a'));
      await addJobRecord(record('b'));
      useJobRecords.setState({ jobs: [] });
      await loadJobRecords(nobodyHolds);
      expect(useJobRecords.getState().jobs.map((j) => j.id)).toEqual(['b', 'a']);
    });

    it('deletes a job with its results', async () => {
      await addJobRecord(record('a'));
      await addJobResult('a', result(0, 5));
      await addJobRecord(record('b'));
      await addJobResult('b', result(0, 9));
      await deleteJobRecord('a');
      expect(useJobRecords.getState().jobs.map((j) => j.id)).toEqual(['b']);
      const db = await openSessionDb();
      expect((await db.getAll('results')).map((r) => r.jobId)).toEqual(['b']);
    });

    it('skips a stored job it cannot read instead of failing the whole history', async () => {
      await addJobRecord(record('a'));
      const db = await openSessionDb();
      await db.put('history', { id: 'broken', createdAt: 1, params: 'nonsense' });
      useJobRecords.setState({ jobs: [] });
      await loadJobRecords(nobodyHolds);
      expect(useJobRecords.getState().jobs.map((j) => j.id)).toEqual(['a']);
    });
  });
});

describe('variationsAlike', () => {
  const job = (differences: (number | undefined)[]) => record('v', { results: differences.map((d, i) => ({ ...result(i, i), differenceFromFirst: d })) });

  it('says so when every variation came out as the first', () => {
    expect(variationsAlike(job([undefined, 0, 0.4]))).toBe(true);
    expect(variationsAlike(job([undefined, 0, 12]))).toBe(false);
    expect(variationsAlike(job([undefined]))).toBe(false);
  });
});
