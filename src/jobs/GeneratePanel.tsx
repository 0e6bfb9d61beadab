import { maskDoc } from '../editor/session';
import { showError, showNotice, useEditor } from '../editor/store';
import { engineById, engines } from '../engines/registry';
import { useParams } from '../params/paramsStore';
import { controlClass, labelClass } from '../ui/fieldStyles';
import { buildJob } from './job';
import { JobQueueView } from './JobQueueView';
import { submitJob } from './queue';

/** Engine choice and Generate: the job is validated in one place (buildJob), then queued. */
export function GeneratePanel() {
  const engineId = useEditor((s) => s.engineId);
  const onGenerate = () => {
    const { image } = useEditor.getState();
    const result = buildJob({ image, mask: image ? maskDoc.mask : null, draft: useParams.getState().draft });
    if (!result.ok) {
      showError(`Can't generate yet: ${result.errors.join('. ')}.`);
      return;
    }
    // buildJob only succeeds with an image loaded.
    if (!image) return;
    showNotice(null);
    void submitJob(result.job, engineById(engineId), image);
  };
  return (
    <section aria-label="Generate" className="flex flex-col gap-3 p-4">
      <div className="flex flex-col gap-1">
        <label htmlFor="engine" className={labelClass}>
          Engine
        </label>
        <select id="engine" value={engineId} onChange={(e) => useEditor.setState({ engineId: e.target.value })} className={controlClass()}>
          {engines.map((engine) => (
            <option key={engine.id} value={engine.id}>
              {engine.label}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        onClick={onGenerate}
        className="w-full rounded-md bg-accent py-2.5 text-sm font-semibold text-white hover:brightness-110 disabled:opacity-50"
      >
        Generate
      </button>
      <JobQueueView />
    </section>
  );
}
