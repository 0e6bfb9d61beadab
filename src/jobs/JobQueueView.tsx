import { useEffect, useState } from 'react';
import type { EngineProgress } from '../engines/contract';
import { cancelJob, useQueue, type QueuedJob } from './queue';

const phaseLabels: Record<EngineProgress['phase'], string> = {
  queued: 'Waiting',
  downloading: 'Downloading',
  preparing: 'Preparing',
  running: 'Generating',
  finishing: 'Pasting back',
};

function describe({ progress }: QueuedJob) {
  const { phase, step, steps, bytes } = progress;
  if (bytes) return `${phaseLabels[phase]} ${(bytes.done / 2 ** 20).toFixed(1)} / ${(bytes.total / 2 ** 20).toFixed(1)} MB`;
  if (step !== undefined && steps) return `${phaseLabels[phase]}: ${step} of ${steps}`;
  return phaseLabels[phase];
}

function useElapsedSeconds(since: number | undefined) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [since]);
  return since === undefined ? 0 : Math.max(0, Math.round((now - since) / 1000));
}

function RunningJob({ job }: { job: QueuedJob }) {
  const elapsed = useElapsedSeconds(job.startedAt);
  const { step, steps } = job.progress;
  return (
    <li className="flex flex-col gap-1.5 rounded-md bg-neutral-800 p-2.5">
      <div className="flex items-center gap-2 text-sm">
        <span className="flex-1" role="status">
          {job.engineLabel} · {describe(job)} · {elapsed} s
        </span>
        <button type="button" onClick={() => cancelJob(job.id)} className="rounded border border-neutral-600 px-2 py-0.5 text-xs hover:bg-neutral-700">
          Cancel
        </button>
      </div>
      <progress aria-label="Job progress" className="h-1.5 w-full accent-accent" max={steps || 1} value={steps ? step : undefined} />
    </li>
  );
}

/** The running job with its progress and Cancel, and the jobs waiting behind it. */
export function JobQueueView() {
  const jobs = useQueue((s) => s.jobs);
  if (!jobs.length) return null;
  return (
    <ul aria-label="Job queue" className="flex flex-col gap-2">
      {jobs.map((job) =>
        job.status === 'running' ? (
          <RunningJob key={job.id} job={job} />
        ) : (
          <li key={job.id} className="flex items-center gap-2 rounded-md border border-neutral-800 p-2 text-sm text-neutral-400">
            <span className="flex-1">Waiting: {job.engineLabel}, {job.job.params.variations} variation(s)</span>
            <button type="button" onClick={() => cancelJob(job.id)} className="px-1.5 text-xs hover:text-white">
              Remove
            </button>
          </li>
        ),
      )}
    </ul>
  );
}
