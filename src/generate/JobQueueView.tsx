import { useEffect, useState } from 'react';
import type { EngineProgress } from '../engines/contract';
import { jobQueue, useJobQueue } from '../jobs/jobQueue';
import type { QueueEntry } from '../jobs/queue';
import { BlobImage } from '../ui/BlobImage';
import { PixelsImage } from '../ui/PixelsImage';

const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** The progress in words: what the engine is doing and how far it has got. */
export function describeProgress(progress: EngineProgress | null): string {
  if (!progress) return 'Starting';
  switch (progress.phase) {
    case 'preparing':
      return 'Preparing';
    case 'downloading':
      return `Downloading ${megabytes(progress.bytes.done)} / ${megabytes(progress.bytes.total)} MB`;
    case 'uploading':
      return `Uploading ${megabytes(progress.bytes.done)} / ${megabytes(progress.bytes.total)} MB`;
    case 'queued': {
      if (progress.note) return progress.etaSeconds !== undefined ? `${progress.note}, ${Math.round(progress.etaSeconds)} s` : progress.note;
      const where = progress.position !== undefined ? `, position ${progress.position}` : '';
      const eta = progress.etaSeconds !== undefined ? `, about ${Math.round(progress.etaSeconds)} s` : '';
      return `In the provider's queue${where}${eta}`;
    }
    case 'running':
      if (progress.step !== undefined && progress.steps) return `Generating: step ${progress.step} of ${progress.steps}`;
      if (progress.fraction !== undefined) return `Generating: ${Math.round(progress.fraction * 100)}%`;
      return 'Generating';
    case 'finishing':
      return 'Pasting back';
  }
}

/** 0..1 for the progress bar, or undefined when it cannot be told. */
function fractionOf({ progress }: QueueEntry): number | undefined {
  if (!progress) return undefined;
  if (progress.phase === 'downloading' || progress.phase === 'uploading') return progress.bytes.total ? progress.bytes.done / progress.bytes.total : undefined;
  if (progress.phase === 'running') return progress.steps ? (progress.step ?? 0) / progress.steps : progress.fraction;
  return undefined;
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

function RunningJob({ entry }: { entry: QueueEntry }) {
  const elapsed = useElapsedSeconds(entry.startedAt);
  const fraction = fractionOf(entry);
  const preview = entry.progress?.phase === 'running' ? entry.progress.preview : undefined;
  return (
    <li className="flex flex-col gap-1.5 rounded-md bg-neutral-800 p-2.5">
      <div className="flex items-center gap-2 text-sm">
        {preview instanceof Blob && <BlobImage blob={preview} alt="Preview" className="size-10 rounded object-cover" />}
        {preview && !(preview instanceof Blob) && <PixelsImage image={preview} label="Preview" className="size-10 rounded object-cover" />}
        <span className="flex-1" role="status">
          {entry.engineLabel} · {describeProgress(entry.progress)} · {entry.made} of {entry.wanted} done · {elapsed} s
        </span>
        <button type="button" onClick={() => jobQueue.cancel(entry.id)} className="rounded border border-neutral-600 px-2 py-0.5 text-xs hover:bg-neutral-700">
          Cancel
        </button>
      </div>
      <progress aria-label="Job progress" className="h-1.5 w-full accent-accent" max={1} value={fraction} />
    </li>
  );
}

/** The running jobs with their progress and Cancel, and the jobs waiting behind them. */
export function JobQueueView() {
  const entries = useJobQueue((s) => s.entries);
  if (!entries.length) return null;
  return (
    <ul aria-label="Job queue" className="flex flex-col gap-2">
      {entries.map((entry) =>
        entry.status === 'running' ? (
          <RunningJob key={entry.id} entry={entry} />
        ) : (
          <li key={entry.id} className="flex items-center gap-2 rounded-md border border-neutral-800 p-2 text-sm text-neutral-400">
            <span className="flex-1">
              Waiting: {entry.engineLabel}, {entry.wanted} variation(s)
            </span>
            <button type="button" onClick={() => jobQueue.cancel(entry.id)} className="px-1.5 text-xs hover:text-white">
              Remove
            </button>
          </li>
        ),
      )}
    </ul>
  );
}
