import { jobQueue } from '../jobs/jobQueue';
import { addJobRecord, addJobResult, deleteJobRecord, findJobRecord, updateJobRecord, type JobRecord } from '../jobs/records';
import type { JobEvent } from '../jobs/queue';
import { showError, showInfo } from '../notices/notices';
import { selectResult, useResults } from '../results/resultsStore';
import { deflateMask } from '../storage/deflate';
import { storageErrorMessage } from './autosave';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the user is told when a job ends, or null when the results say it all. */
export function endMessage(event: Extract<JobEvent, { type: 'ended' }>): { kind: 'info' | 'error'; message: string } | null {
  const { outcome, made, wanted, missing, error, engineLabel } = event;
  if (outcome === 'cancelled') {
    return { kind: 'info', message: made ? `Cancelled: ${made} of ${plural(wanted, 'variation')} kept.` : 'Cancelled: no variation had finished.' };
  }
  if (outcome === 'failed' && error) {
    const kept = made ? ` The ${made} of ${wanted} finished are kept in History.` : '';
    const retry = error.retryable ? ' You can try again.' : '';
    return { kind: 'error', message: `${engineLabel} failed: ${error.message}${retry} Your image, mask and settings are unchanged.${kept}` };
  }
  if (missing > 0) return { kind: 'info', message: `${engineLabel} returned ${made} of ${plural(wanted, 'variation')}; it did not make the rest.` };
  return null;
}

async function onEvent(event: JobEvent) {
  switch (event.type) {
    case 'queued': {
      const { job } = event;
      if (findJobRecord(job.id)) return updateJobRecord(job.id, { status: 'waiting', error: undefined });
      const { blob, name, width, height } = job.image;
      const record: JobRecord = {
        id: job.id,
        createdAt: Date.now(),
        engineId: job.engine.id,
        engineLabel: job.engine.label,
        params: job.params,
        seeds: job.seeds,
        input: { blob, name, width, height, mask: await deflateMask(job.mask) },
        status: 'waiting',
        results: [],
      };
      return addJobRecord(record);
    }
    case 'started':
      return updateJobRecord(event.id, { status: 'running' });
    case 'remembered': {
      const resume = { ...findJobRecord(event.id)?.resume, [event.key]: event.state };
      return updateJobRecord(event.id, { resume });
    }
    case 'variation': {
      const first = !findJobRecord(event.id)?.results.length;
      const saving = addJobResult(event.id, event.result);
      // The first variation of a job goes on show; later ones join it in the grid.
      if (first) selectResult(event.id, 0);
      return saving;
    }
    case 'ended': {
      const message = endMessage(event);
      if (message) (message.kind === 'error' ? showError : showInfo)(message.message);
      if (event.made === 0 && event.outcome !== 'finished') {
        if (useResults.getState().jobId === event.id) selectResult(null);
        return deleteJobRecord(event.id);
      }
      const status = event.outcome;
      // A finished job has nothing left to pick up; a stopped one may run again from where it was.
      const resume = status === 'finished' ? undefined : findJobRecord(event.id)?.resume;
      return updateJobRecord(event.id, { status, seconds: event.seconds, cost: event.cost, error: event.error?.message, resume });
    }
  }
}

/** History, results on show and notices follow the job queue; a storage failure is shown, never dropped. */
export function followJobs() {
  return jobQueue.subscribe((event) => onEvent(event).catch((error: unknown) => showError(storageErrorMessage(error))));
}
