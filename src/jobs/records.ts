import { create } from 'zustand';
import { openSessionDb, type StoredJob, type StoredResult } from '../storage/db';
import type { DeflatedMask } from '../storage/deflate';
import { paramsSchema, type JobParams } from './params';

/**
 * waiting/running: in a queue now. finished: every variation made (or all the engine gave).
 * cancelled, failed: stopped, keeping what was made. interrupted: the tab closed or crashed.
 */
export type JobStatus = 'waiting' | 'running' | 'finished' | 'cancelled' | 'failed' | 'interrupted';

/** One finished variation, pasted back at full resolution. */
export interface JobResult {
  /** Its place among the job's seeds. */
  index: number;
  seed: number;
  full: Blob;
  thumbnail: Blob;
  width: number;
  height: number;
  /** How far it came out from the job's first variation, inside the mask (0-255). */
  differenceFromFirst?: number;
}

/** A job as History keeps it: written when it is submitted, updated as its variations come. */
export interface JobRecord {
  id: string;
  createdAt: number;
  engineId: string;
  engineLabel: string;
  params: JobParams;
  /** One per variation asked for. */
  seeds: number[];
  input: { blob: Blob; name: string; width: number; height: number; mask: DeflatedMask };
  status: JobStatus;
  /** Why it failed, in the user's words. */
  error?: string;
  seconds?: number;
  cost?: { amount: number; currency: string };
  /** What its requests remembered (a provider's job id), so a reload picks them up instead of paying again. */
  resume?: Record<string, unknown>;
  /** In variation order. */
  results: JobResult[];
}

export const isActive = (status: JobStatus) => status === 'waiting' || status === 'running';

/** Below this mean difference (of 255) two variations look the same. */
const SAME = 1;

/** Every variation came out as the first: the engine found one answer only. */
export const variationsAlike = (job: JobRecord) =>
  job.results.length > 1 && job.results.every((r) => r.differenceFromFirst === undefined || r.differenceFromFirst < SAME);

/** Jobs of this browser, newest first, mirrored from IndexedDB. */
export const useJobRecords = create<{ jobs: JobRecord[]; loaded: boolean }>()(() => ({ jobs: [], loaded: false }));

export const findJobRecord = (id: string) => useJobRecords.getState().jobs.find((job) => job.id === id);

function setRecord(id: string, change: (job: JobRecord) => JobRecord) {
  useJobRecords.setState((s) => ({ jobs: s.jobs.map((job) => (job.id === id ? change(job) : job)) }));
}

const withoutResults = ({ results: _results, ...job }: JobRecord): StoredJob => job;

const statuses: readonly JobStatus[] = ['waiting', 'running', 'finished', 'cancelled', 'failed', 'interrupted'];
const isBlob = (value: unknown): value is Blob => value instanceof Blob;

/** A stored job as a record, or null when it is not one this version can show. */
export function readJobRecord(stored: StoredJob, results: StoredResult[]): JobRecord | null {
  const { engineId, engineLabel, input, status, seeds } = stored as Partial<JobRecord>;
  const params = paramsSchema.safeParse(stored.params);
  if (typeof engineId !== 'string' || typeof engineLabel !== 'string' || !params.success) return null;
  if (!input || !isBlob(input.blob) || !input.mask || !isBlob(input.mask.deflated)) return null;
  const kept = results
    .filter((r): r is StoredResult & JobResult => typeof r.seed === 'number' && isBlob(r.full) && isBlob(r.thumbnail))
    .map(({ jobId: _jobId, ...result }) => result as JobResult)
    .sort((a, b) => a.index - b.index);
  return {
    ...(stored as unknown as JobRecord),
    params: params.data,
    seeds: Array.isArray(seeds) ? seeds : kept.map((r) => r.seed),
    status: status && statuses.includes(status) ? status : 'finished',
    results: kept,
  };
}

/** How to tell whether another open tab is running a job, and to hear when it stops. */
export interface JobLocks {
  isHeldElsewhere(id: string): Promise<boolean>;
  whenReleased(id: string): Promise<void>;
}

async function readStoredJob(id: string): Promise<JobRecord | null> {
  const db = await openSessionDb();
  const [stored, results] = await Promise.all([db.get('history', id), db.getAllFromIndex('results', 'jobId', id)]);
  return stored ? readJobRecord(stored, results) : null;
}

/** A job that was waiting or running when its tab went away: interrupted, keeping what it finished. */
async function markInterrupted(job: JobRecord) {
  job.status = 'interrupted';
  const db = await openSessionDb();
  await db.put('history', withoutResults(job));
}

/** Once the tab running a job lets go of it: its last word, or interrupted if it had none. */
async function followOtherTab(id: string) {
  const job = await readStoredJob(id);
  if (!job) {
    useJobRecords.setState((s) => ({ jobs: s.jobs.filter((j) => j.id !== id) }));
    return;
  }
  if (isActive(job.status)) await markInterrupted(job);
  setRecord(id, () => job);
}

/**
 * Reads every job back. One that was waiting or running when its tab went away (no tab
 * holds it any more) is marked interrupted, keeping the variations it finished; one that
 * another open tab is running is followed until that tab lets go of it.
 */
export async function loadJobRecords(locks: JobLocks) {
  const db = await openSessionDb();
  const [stored, results] = await Promise.all([db.getAllFromIndex('history', 'createdAt'), db.getAll('results')]);
  const byJob = new Map<string, StoredResult[]>();
  for (const result of results) byJob.set(result.jobId, [...(byJob.get(result.jobId) ?? []), result]);
  const jobs: JobRecord[] = [];
  const elsewhere: string[] = [];
  for (const item of stored.reverse()) {
    const job = readJobRecord(item, byJob.get(item.id) ?? []);
    if (!job) continue;
    if (isActive(job.status)) {
      if (await locks.isHeldElsewhere(job.id)) elsewhere.push(job.id);
      else await markInterrupted(job);
    }
    jobs.push(job);
  }
  // A job started meanwhile in this tab stays in the list.
  useJobRecords.setState((s) => ({ jobs: [...s.jobs.filter((j) => !jobs.some((k) => k.id === j.id)), ...jobs], loaded: true }));
  for (const id of elsewhere) void locks.whenReleased(id).then(() => followOtherTab(id));
}

/** A new job, shown and stored before it runs. */
export async function addJobRecord(job: JobRecord) {
  useJobRecords.setState((s) => ({ jobs: [job, ...s.jobs.filter((j) => j.id !== job.id)] }));
  const db = await openSessionDb();
  await db.put('history', withoutResults(job));
}

export async function updateJobRecord(id: string, patch: Partial<Omit<JobRecord, 'id' | 'results'>>) {
  setRecord(id, (job) => ({ ...job, ...patch }));
  const job = findJobRecord(id);
  if (!job) return;
  const db = await openSessionDb();
  await db.put('history', withoutResults(job));
}

export async function addJobResult(id: string, result: JobResult) {
  setRecord(id, (job) => ({
    ...job,
    results: [...job.results.filter((r) => r.index !== result.index), result].sort((a, b) => a.index - b.index),
  }));
  const db = await openSessionDb();
  await db.put('results', { ...result, jobId: id });
}

/** Gone from the list once it is gone from the browser's storage, so a reload cannot bring it back. */
export async function deleteJobRecord(id: string) {
  const db = await openSessionDb();
  const tx = db.transaction(['history', 'results'], 'readwrite');
  await Promise.all([
    tx.objectStore('history').delete(id),
    tx.objectStore('results').delete(IDBKeyRange.bound([id, -Infinity], [id, Infinity])),
    tx.done,
  ]);
  useJobRecords.setState((s) => ({ jobs: s.jobs.filter((job) => job.id !== id) }));
}
