import { useEffect, useRef, useState, type DragEvent } from 'react';
import { takeBatchOffer, useBatchOffer } from '../editor/batchOffer';
import { imageFilesFrom } from '../editor/loadImage';
import { describeProgress } from '../generate/JobQueueView';
import { BlobImage } from '../ui/BlobImage';
import { controlClass, labelClass } from '../ui/fieldStyles';
import { PanelButton } from '../ui/IconButton';
import { downloadAll } from './batchDownload';
import { cancelBatch, startBatch } from './batchRun';
import { clearFinished, isActive, setBatchTarget, useBatch, type BatchPhoto } from './batchStore';
import type { BatchTarget } from './recipe';

/** Where a photo is, in words: its selection's progress, its job's, or how it ended. */
function photoState(photo: BatchPhoto): string {
  switch (photo.status) {
    case 'waiting':
      return 'Waiting';
    case 'selecting':
      return photo.note ?? 'Selecting the subject';
    case 'generating': {
      const { job } = photo;
      if (!job?.running) return `Waiting for ${job?.engineLabel ?? 'the engine'}`;
      return `${job.engineLabel} · ${describeProgress(job.progress)}`;
    }
    case 'done':
      return `Done: ${photo.results.length} image${photo.results.length === 1 ? '' : 's'}`;
    case 'failed':
      return 'Failed';
    case 'cancelled':
      return photo.results.length ? `Cancelled: ${photo.results.length} kept` : 'Cancelled';
    case 'interrupted':
      return photo.results.length ? `Interrupted: ${photo.results.length} kept` : 'Interrupted';
  }
}

/** 0..1 for the photo's bar, or undefined while it cannot be told. */
function fractionOf(photo: BatchPhoto): number | undefined {
  if (photo.status === 'selecting') return photo.fraction;
  const progress = photo.job?.progress;
  if (photo.status !== 'generating' || progress?.phase !== 'running') return undefined;
  return progress.steps ? (progress.step ?? 0) / progress.steps : progress.fraction;
}

function PhotoRow({ photo }: { photo: BatchPhoto }) {
  return (
    <li aria-label={photo.name} className="flex flex-col gap-1 rounded-md bg-neutral-800 p-2 text-sm">
      <div className="flex items-baseline gap-2">
        <span className="min-w-0 flex-1 truncate font-medium" title={photo.name}>
          {photo.name}
        </span>
        <span className="shrink-0 text-xs text-neutral-400">{photoState(photo)}</span>
      </div>
      {isActive(photo) && <progress aria-label={`${photo.name} progress`} className="h-1.5 w-full accent-accent" max={1} value={fractionOf(photo)} />}
      {photo.error && <p className="text-xs text-red-400">{photo.error}</p>}
      {photo.results.length > 0 && (
        <div className="flex flex-wrap gap-1">
          {photo.results.map((result) => (
            <BlobImage key={result.index} blob={result.thumbnail} alt={`${photo.name}, result ${result.index + 1}`} className="size-14 rounded object-cover" />
          ))}
        </div>
      )}
    </li>
  );
}

/**
 * Batch: the recipe set in the editor (selection, prompt, engine, parameters) over several
 * photos chosen or dropped at once, each with its progress, results or failure; Download all.
 */
export function BatchPanel() {
  const photos = useBatch((s) => s.photos);
  const target = useBatch((s) => s.target);
  const offered = useBatchOffer((s) => s.files);
  const input = useRef<HTMLInputElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const [dragging, setDragging] = useState(false);
  // Photos dropped on the canvas: the panel comes into view with its Start batch button focused.
  useEffect(() => {
    if (!offered.length) return;
    startButton.current?.scrollIntoView({ block: 'nearest' });
    startButton.current?.focus();
  }, [offered]);
  const running = photos.some(isActive);
  const results = photos.reduce((n, p) => n + p.results.length, 0);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void startBatch(imageFilesFrom(e.dataTransfer));
  };

  return (
    <section
      aria-labelledby="batch-heading"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={`flex flex-col gap-2 rounded-md border border-dashed p-3 ${dragging ? 'border-accent bg-neutral-800' : 'border-neutral-700'}`}
    >
      <h3 id="batch-heading" className="text-sm font-semibold">
        Batch
      </h3>
      <p className="text-xs text-neutral-400">Runs the prompt, engine and parameters set here over several photos: choose them or drop them here.</p>
      <div className="flex flex-col gap-1">
        <label htmlFor="batch-target" className={labelClass}>
          Batch repaints
        </label>
        <select id="batch-target" value={target} onChange={(e) => setBatchTarget(e.target.value as BatchTarget)} className={controlClass()}>
          <option value="background">The background (keeps the subject)</option>
          <option value="subject">The subject (keeps the background)</option>
        </select>
      </div>
      <PanelButton disabled={running} onClick={() => input.current?.click()}>
        Choose photos…
      </PanelButton>
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        aria-label="Batch photos"
        className="hidden"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          void startBatch(files);
        }}
      />
      {offered.length > 0 && (
        <div className="flex flex-col gap-1.5 rounded-md bg-neutral-800 p-2">
          <p className="text-xs text-neutral-300">Dropped on the canvas, ready to run:</p>
          <ul aria-label="Photos to run" className="flex flex-col text-sm">
            {offered.map((file, i) => (
              <li key={`${i}-${file.name}`} className="truncate" title={file.name}>
                {file.name || 'Pasted image'}
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap gap-2">
            <PanelButton ref={startButton} disabled={running} onClick={() => void startBatch(takeBatchOffer())}>
              Start batch
            </PanelButton>
            <PanelButton onClick={() => void takeBatchOffer()}>Don't run them</PanelButton>
          </div>
        </div>
      )}
      {photos.length > 0 && (
        <ul aria-label="Batch queue" className="flex flex-col gap-1.5">
          {photos.map((photo) => (
            <PhotoRow key={photo.id} photo={photo} />
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-2">
        {running && <PanelButton onClick={cancelBatch}>Cancel batch</PanelButton>}
        {results > 0 && <PanelButton onClick={() => void downloadAll()}>Download all</PanelButton>}
        {!running && photos.length > 0 && <PanelButton onClick={clearFinished}>Clear batch</PanelButton>}
      </div>
    </section>
  );
}
