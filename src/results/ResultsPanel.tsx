import { PanelButton } from '../ui/IconButton';
import { BlobImage } from '../ui/BlobImage';
import { isActive, variationsAlike, type JobRecord } from '../jobs/records';
import { downloadResult, makeResultTheInput, reuseSeed } from './resultActions';
import { selectResult, setSplit, useResults } from './resultsStore';
import { useSelectedResult } from './useSelectedResult';

function Thumbnail({ job, index, selected }: { job: JobRecord; index: number; selected: boolean }) {
  const result = job.results[index];
  return (
    <button
      type="button"
      aria-pressed={selected}
      onClick={() => selectResult(job.id, index)}
      className="flex shrink-0 flex-col items-center gap-1 rounded-md p-1 hover:bg-neutral-800 aria-pressed:bg-accent/30 aria-pressed:ring-2 aria-pressed:ring-accent"
    >
      <BlobImage blob={result.thumbnail} alt={`Variation ${result.index + 1}`} className="h-24 w-auto max-w-40 rounded object-contain" />
      <span className="text-[11px] tabular-nums text-neutral-400">seed {result.seed}</span>
    </button>
  );
}

/** What the provider charged, as it said: "$0.012", or "0.5 credits". */
export function formatCost({ amount, currency }: { amount: number; currency: string }) {
  const figure = Number(amount.toPrecision(3));
  return currency === 'USD' ? `Cost $${figure}` : `Cost ${figure} ${currency}`;
}

/** The variations of the job on show, the before/after split, and what to do with one. */
export function ResultsPanel() {
  const { job, result, index } = useSelectedResult();
  const split = useResults((s) => s.split);
  if (!job || !result) return null;
  return (
    <section aria-label="Results" className="flex shrink-0 items-stretch gap-4 border-t border-neutral-800 bg-panel px-4 py-2">
      <div className="flex min-w-0 flex-1 gap-2 overflow-x-auto">
        {job.results.map((r, i) => (
          <Thumbnail key={r.index} job={job} index={i} selected={i === index} />
        ))}
        {!isActive(job.status) && variationsAlike(job) && (
          <p className="self-center px-2 text-xs text-amber-300">The variations came out the same: the engine found one answer for this hole.</p>
        )}
        {job.cost && (
          <p className="self-center px-2 text-xs text-neutral-400" aria-label="Cost">
            {formatCost(job.cost)}
          </p>
        )}
        {job.results.length < job.seeds.length && (
          <p className="self-center px-2 text-xs text-neutral-400">
            {job.results.length} of {job.seeds.length} variations{isActive(job.status) ? ', the rest on the way' : ''}
          </p>
        )}
      </div>
      <div className="flex w-72 shrink-0 flex-col justify-center gap-2">
        <label className="flex items-center gap-2 text-xs text-neutral-300">
          Before
          <input
            type="range"
            aria-label="Compare"
            min={0}
            max={100}
            value={split}
            aria-valuetext={`${split}% of the width shows the result`}
            onChange={(e) => setSplit(Number(e.target.value))}
            className="h-1.5 flex-1 cursor-ew-resize accent-accent"
          />
          After
        </label>
        <div className="flex flex-wrap gap-1.5">
          <PanelButton onClick={() => void downloadResult(job, result)}>Download</PanelButton>
          <PanelButton onClick={() => void makeResultTheInput(job, result)}>Use as input</PanelButton>
          <PanelButton onClick={() => reuseSeed(result)}>Reuse seed</PanelButton>
          <PanelButton onClick={() => selectResult(null)} title="Back to the mask">
            Close
          </PanelButton>
        </div>
      </div>
    </section>
  );
}
