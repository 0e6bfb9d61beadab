import { create } from 'zustand';
import { toEngineError, type Engine, type EngineProgress } from '../engines/contract';
import { engineById } from '../engines/registry';
import { showError } from '../editor/store';
import { addToHistory } from '../history/historyStore';
import { selectResult } from '../results/resultsStore';
import { storageErrorMessage } from '../storage/autosave';
import { deflate } from '../storage/deflate';
import type { SavedJob } from '../storage/db';
import type { Job } from './job';
import { runJob } from './runJob';

export interface QueuedJob {
  id: string;
  engineId: string;
  engineLabel: string;
  job: Job;
  imageName: string;
  /** The image as it was when the job was submitted; the editor may move on meanwhile. */
  bitmap: ImageBitmap;
  status: 'queued' | 'running';
  progress: EngineProgress;
  createdAt: number;
  startedAt?: number;
}

/** Jobs waiting or running; finished ones move to the history. */
export const useQueue = create<{ jobs: QueuedJob[] }>()(() => ({ jobs: [] }));

const controllers = new Map<string, AbortController>();

const update = (id: string, patch: Partial<QueuedJob>) =>
  useQueue.setState((s) => ({ jobs: s.jobs.map((job) => (job.id === id ? { ...job, ...patch } : job)) }));

const remove = (id: string) => useQueue.setState((s) => ({ jobs: s.jobs.filter((job) => job.id !== id) }));

/** Queues a validated job; it runs when its engine is free (one job at a time per engine). */
export async function submitJob(job: Job, engine: Engine, image: { bitmap: ImageBitmap; name: string }) {
  const entry: QueuedJob = {
    id: crypto.randomUUID(),
    engineId: engine.id,
    engineLabel: engine.label,
    job: { ...job, mask: { ...job.mask, data: job.mask.data.slice() } },
    imageName: image.name,
    bitmap: await createImageBitmap(image.bitmap),
    status: 'queued',
    progress: { phase: 'queued' },
    createdAt: Date.now(),
  };
  useQueue.setState((s) => ({ jobs: [...s.jobs, entry] }));
  startNext();
}

/** Cancel: a waiting job leaves the queue; a running one stops at once. */
export function cancelJob(id: string) {
  const controller = controllers.get(id);
  if (controller) {
    controller.abort();
    return;
  }
  const job = useQueue.getState().jobs.find((j) => j.id === id);
  job?.bitmap.close();
  remove(id);
}

function startNext() {
  const { jobs } = useQueue.getState();
  const busy = new Set(jobs.filter((j) => j.status === 'running').map((j) => j.engineId));
  for (const job of jobs) {
    if (job.status === 'queued' && !busy.has(job.engineId)) {
      busy.add(job.engineId);
      void run(job);
    }
  }
}

async function run(entry: QueuedJob) {
  const controller = new AbortController();
  controllers.set(entry.id, controller);
  const startedAt = performance.now();
  update(entry.id, { status: 'running', startedAt: Date.now(), progress: { phase: 'preparing' } });
  try {
    const results = await runJob(entry.job, entry.bitmap, engineById(entry.engineId), {
      signal: controller.signal,
      onProgress: (progress) => update(entry.id, { progress }),
    });
    const saved = await toHistoryEntry(entry, results, (performance.now() - startedAt) / 1000);
    selectResult(saved.id, 0);
    await addToHistory(saved).catch((error: unknown) => showError(storageErrorMessage(error)));
  } catch (error) {
    const failure = toEngineError(error, controller.signal);
    if (failure.kind !== 'cancelled') {
      showError(`${entry.engineLabel} failed: ${failure.message}${failure.retryable ? ' You can try again.' : ''} Your image, mask and settings are unchanged.`);
    }
  } finally {
    controllers.delete(entry.id);
    entry.bitmap.close();
    remove(entry.id);
    startNext();
  }
}

async function toHistoryEntry(entry: QueuedJob, results: Awaited<ReturnType<typeof runJob>>, seconds: number): Promise<SavedJob> {
  const { image, mask, params } = entry.job;
  return {
    id: entry.id,
    createdAt: Date.now(),
    engineId: entry.engineId,
    engineLabel: entry.engineLabel,
    params,
    seconds,
    input: {
      blob: image.blob,
      name: entry.imageName,
      width: image.width,
      height: image.height,
      mask: { width: mask.width, height: mask.height, deflated: await deflate(mask.data) },
    },
    results: results.map(({ seed, full, thumbnail, width, height }) => ({ seed, full, thumbnail, width, height })),
  };
}
