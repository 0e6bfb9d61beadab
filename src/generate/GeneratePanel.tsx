import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { maskDoc } from '../editor/session';
import { useEditor } from '../editor/store';
import { engineById, engines } from '../engines/registry';
import { buildJob } from '../jobs/job';
import { jobQueue } from '../jobs/jobQueue';
import { showError, showNotice } from '../notices/notices';
import { useParams } from '../params/paramsStore';
import { currentEngine, useEngine, useEngineSettingsOf } from '../params/useEngine';
import { controlClass, labelClass } from '../ui/fieldStyles';
import { JobQueueView } from './JobQueueView';
import { useModelLibrary } from '../engines/local/library';

// Only those who choose the local engine load its panel.
const LocalModelPanel = lazy(() => import('./LocalModelPanel').then((m) => ({ default: m.LocalModelPanel })));

/** Another engine: the one left behind frees its workers and models once it has no jobs. */
function chooseEngine(engineId: string) {
  const previous = engineById(useParams.getState().engineId);
  useParams.getState().chooseEngine(engineId);
  if (previous && previous.id !== engineId && !jobQueue.isBusy(previous.id)) void previous.release?.();
}

/** Validates the job against the chosen engine (buildJob, the one place), then queues it. */
function generate() {
  const { image } = useEditor.getState();
  const { engine, meta } = currentEngine();
  const result = buildJob({ image, mask: image ? maskDoc.mask : null, draft: useParams.getState().draft }, meta);
  if (!result.ok || !image) {
    showError(`Can't generate yet: ${result.ok ? 'upload an image first' : result.errors.join('. ')}.`);
    return;
  }
  showNotice(null);
  const { job } = result;
  jobQueue.submit({
    id: crypto.randomUUID(),
    engine,
    image: { blob: image.blob, name: image.name, width: image.width, height: image.height },
    // The user may go on painting: the job keeps the mask as it is now.
    mask: { ...job.mask, data: job.mask.data.slice() },
    params: job.params,
    seeds: job.seeds,
  });
}

/** Engine choice, whether it is ready, Generate, and the jobs waiting or running. */
export function GeneratePanel() {
  const engine = useEngine();
  const settings = useEngineSettingsOf(engine);
  // Local models become ready as their downloads end and once opened: the library is part of the question.
  const states = useModelLibrary((s) => s.states);
  const added = useModelLibrary((s) => s.added);
  const readiness = useQuery({ queryKey: ['engine-readiness', engine.id, settings, states, added], queryFn: () => engine.readiness(settings) });
  const notReady = readiness.data && !readiness.data.ready ? readiness.data : null;
  return (
    <section aria-label="Generate" className="flex flex-col gap-3 p-4">
      <div className="flex flex-col gap-1">
        <label htmlFor="engine" className={labelClass}>
          Engine
        </label>
        <select id="engine" value={engine.id} onChange={(e) => chooseEngine(e.target.value)} className={controlClass()}>
          {engines.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.label}
            </option>
          ))}
        </select>
        {notReady && (
          <p role="status" className="text-xs text-amber-300">
            Not ready: {notReady.reason}
            {notReady.fix ? ` ${notReady.fix}` : ''}
          </p>
        )}
      </div>
      {engine.id === 'local' && (
        <Suspense fallback={<p className="text-xs text-neutral-500">Loading the model list…</p>}>
          <LocalModelPanel />
        </Suspense>
      )}
      <button
        type="button"
        onClick={generate}
        disabled={notReady !== null}
        className="w-full rounded-md bg-accent py-2.5 text-sm font-semibold text-white hover:brightness-110 disabled:opacity-50"
      >
        Generate
      </button>
      <JobQueueView />
    </section>
  );
}
