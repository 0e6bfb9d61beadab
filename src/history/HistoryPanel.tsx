import { useEffect } from 'react';
import { showError } from '../editor/store';
import { BlobImage } from '../ui/BlobImage';
import type { SavedJob } from '../storage/db';
import { selectResult } from '../results/resultsStore';
import { deleteFromHistory, loadHistory, useHistory } from './historyStore';
import { restoreJob } from './restoreJob';

const timeOf = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const remove = (id: string) =>
  deleteFromHistory(id).catch((error: unknown) =>
    showError(`That job could not be deleted (${error instanceof Error ? error.message : String(error)}); it is still in the history.`),
  );

function HistoryEntry({ job }: { job: SavedJob }) {
  const thumbnail = job.results[0]?.thumbnail;
  const { params } = job;
  return (
    <li className="flex gap-2 rounded-md border border-neutral-800 p-2" aria-label={`Job at ${timeOf(job.createdAt)}`}>
      <button type="button" onClick={() => selectResult(job.id, 0)} className="shrink-0" aria-label={`Show results of the job at ${timeOf(job.createdAt)}`}>
        {thumbnail && <BlobImage blob={thumbnail} alt="" className="h-14 w-14 rounded object-cover" />}
      </button>
      <div className="flex min-w-0 flex-1 flex-col gap-0.5 text-xs">
        <p className="truncate text-neutral-200">{params.prompt || 'Remove'}</p>
        <p className="text-neutral-500">
          {job.engineLabel} · {timeOf(job.createdAt)} · {job.results.length} × · seed {params.seed} · {job.seconds.toFixed(1)} s
        </p>
        <div className="flex gap-2">
          <button type="button" className="text-accent hover:underline" onClick={() => void restoreJob(job)}>
            Restore
          </button>
          <button type="button" className="text-neutral-400 hover:text-red-300" onClick={() => void remove(job.id)}>
            Delete
          </button>
        </div>
      </div>
    </li>
  );
}

/** Finished jobs, kept in this browser across reloads. */
export function HistoryPanel() {
  const jobs = useHistory((s) => s.jobs);
  useEffect(() => void loadHistory(), []);
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
