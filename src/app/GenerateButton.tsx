import { maskDoc } from '../editor/session';
import { showError, showNotice, useEditor } from '../editor/store';
import { buildJob } from '../jobs/job';
import { maskCoverage } from '../mask';
import { useParams } from '../params/paramsStore';

/** Validates the job in one place (buildJob); running it arrives with the engines. */
export function GenerateButton() {
  const busy = useEditor((s) => s.busy);
  const onGenerate = () => {
    const { image } = useEditor.getState();
    const result = buildJob({ image, mask: image ? maskDoc.mask : null, draft: useParams.getState().draft });
    if (!result.ok) {
      showError(`Can't generate yet: ${result.errors.join('. ')}.`);
      return;
    }
    const { params, mask } = result.job;
    const percent = (maskCoverage(mask.data) * 100).toFixed(1);
    showNotice({
      kind: 'info',
      message: `Job ready: ${mask.width} × ${mask.height}, ${percent}% masked, ${params.variations} variation(s), seed ${params.seed}. No engine is installed yet, so nothing runs.`,
    });
  };
  return (
    <div className="p-4">
      <button
        type="button"
        disabled={busy !== null}
        onClick={onGenerate}
        className="w-full rounded-md bg-accent py-2.5 text-sm font-semibold text-white hover:brightness-110 disabled:opacity-50"
      >
        Generate
      </button>
    </div>
  );
}
