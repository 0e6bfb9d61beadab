import { deleteJobRecord, isActive, useJobRecords, type JobRecord } from '../jobs/records';
import { showError } from '../notices/notices';
import { selectResult, useResults } from '../results/resultsStore';
import { BlobImage } from '../ui/BlobImage';
import { restoreJob } from './restoreJob';
import { runAgain } from './runAgain';

const timeOf = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

async function remove(id: string) {
  try {
    await deleteJobRecord(id);
    if (useResults.getState().jobId === id) selectResult(null);
  } catch (error) {
    showError(`That job could not be deleted (${error instanceof Error ? error.message : String(error)}); it is still in the history.`);
  }
}

/** How the job stands, in a few words. */
export function jobState(job: JobRecord): string {
  const count = `${job.results.length} of ${job.seeds.length}`;
  switch (job.status) {
    case 'waiting':
      return 'Waiting';
    case 'running':
      return `Running · ${count}`;
    case 'finished':
      return job.results.length < job.seeds.length ? `${count} came back` : `${job.results.length} ×`;
    case 'cancelled':
      return `Cancelled · ${count} kept`;
    case 'failed':
      return `Failed · ${count} kept`;
    case 'interrupted':
      return `Interrupted · ${count} kept`;
  }
}

function HistoryEntry({ job }: { job: JobRecord }) {
  const thumbnail = job.results[0]?.thumbnail;
  const { params } = job;
  const when = timeOf(job.createdAt);
  const canRunAgain = !isActive(job.status) && job.results.length < job.seeds.length;
  return (
    <li className="flex gap-2 rounded-md border border-neutral-800 p-2" aria-label={`Job at ${when}`}>
      <button
        type="button"
        onClick={() => selectResult(job.id, 0)}
        disabled={!thumbnail}
        className="size-14 shrink-0 rounded bg-neutral-900"
        aria-label={`Show results of the job at ${when}`}
      >
        {thumbnail && <BlobImage blob={thumbnail} alt="" className="size-14 rounded object-cover" />}
      </button>
      <div className="flex min-w-0 flex-1 flex-col gap-0.5 text-xs">
        <p className="truncate text-neutral-200">{params.prompt || 'Remove'}</p>
        <p className="text-neutral-500">
          {job.engineLabel} · {when} · {jobState(job)} · seed {params.seed}
          {job.seconds !== undefined ? ` · ${job.seconds.toFixed(1)} s` : ''}
        </p>
        {job.error && <p className="text-red-300">{job.error}</p>}
        <div className="flex gap-2">
          <button type="button" className="text-accent hover:underline" onClick={() => void restoreJob(job)}>
            Restore
          </button>
          {canRunAgain && (
            <button type="button" className="text-accent hover:underline" onClick={() => void runAgain(job)}>
              Run again
            </button>
          )}
          {!isActive(job.status) && (
            <button type="button" className="text-neutral-400 hover:text-red-300" onClick={() => void remove(job.id)}>
              Delete
            </button>
          )}
        </div>
      </div>
    </li>
  );
}

/** Jobs of this browser, kept across reloads; interrupted ones can run again. */
export function HistoryPanel() {
  const jobs = useJobRecords((s) => s.jobs);
  return (
    <section aria-labelledby="history-heading" className="flex flex-col gap-2 border-t border-neutral-800 p-4">
      <h2 id="history-heading" className="text-sm font-semibold">
        History
      </h2>
      {jobs.length === 0 ? (
        <p className="text-xs text-neutral-500">Finished jobs appear here.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {jobs.map((job) => (
            <HistoryEntry key={job.id} job={job} />
          ))}
        </ul>
      )}
    </section>
  );
}
