import { useQuery } from '@tanstack/react-query';
import { useId, useState, type MouseEvent } from 'react';
import { totalSize } from '../engines/local/catalog';
import { allModels, modelById, refreshModelStates, useModelLibrary } from '../engines/local/library';
import { formatBytes } from '../engines/local/models/bytes';
import { chooseSubjectModel, DEFAULT_SUBJECT_MODEL, readySubjectModels, restoreSubjectChoice, subjectModelToUse, useSubjectChoice } from '../engines/local/segmentation/subjectModel';
import { showError } from '../notices/notices';
import { controlClass, labelClass } from '../ui/fieldStyles';
import { PanelButton } from '../ui/IconButton';
import { cancelSubjectSelection, selectSubject, useSubjectSelection } from './segmentActions';

/** Which ready subject model runs, when there is a choice; before the first use, what it downloads. */
function SubjectModelChoice() {
  const id = useId();
  const added = useModelLibrary((s) => s.added);
  const states = useModelLibrary((s) => s.states);
  const chosen = useSubjectChoice((s) => s.id);
  useQuery({ queryKey: ['local-models'], queryFn: () => refreshModelStates().then(() => true) });
  useQuery({ queryKey: ['subject-model-choice'], queryFn: () => restoreSubjectChoice().then(() => true) });
  const ready = readySubjectModels(allModels({ added }), states);
  if (!ready.length) {
    const first = modelById(DEFAULT_SUBJECT_MODEL);
    return first ? <p className="text-xs text-neutral-500">The first use downloads {first.name} ({formatBytes(totalSize(first))}) and keeps it.</p> : null;
  }
  if (ready.length === 1) return null;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClass}>
        Subject model
      </label>
      <select
        id={id}
        value={subjectModelToUse(ready, chosen)?.id}
        onChange={(e) => void chooseSubjectModel(e.target.value).catch((error) => showError(`The choice was not kept: ${(error as Error).message}`))}
        className={controlClass()}
      >
        {ready.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "Select subject" and "Select background" (Alt+click or Subtract: take it out of the mask), with progress and Cancel. */
export function SubjectSelection({ disabled }: { disabled: boolean }) {
  const running = useSubjectSelection((s) => s.running);
  const message = useSubjectSelection((s) => s.message);
  const fraction = useSubjectSelection((s) => s.fraction);
  const [subtract, setSubtract] = useState(false);
  const run = (background: boolean) => (event: MouseEvent) => void selectSubject({ background, subtract: subtract || event.altKey });
  const off = disabled || running !== null;
  return (
    <div className="flex flex-col gap-2">
      <div className="grid grid-cols-2 gap-2">
        <PanelButton disabled={off} onClick={run(false)} title="Mask the photo's subject (Alt+click: take it out of the mask)">
          Select subject
        </PanelButton>
        <PanelButton disabled={off} onClick={run(true)} title="Mask everything but the subject, a little into its edge (Alt+click: take it out of the mask)">
          Select background
        </PanelButton>
      </div>
      <label className="flex items-center gap-1.5 text-sm">
        <input type="checkbox" checked={subtract} onChange={(e) => setSubtract(e.target.checked)} />
        Subtract
      </label>
      <SubjectModelChoice />
      {running && (
        <div className="flex flex-col gap-1">
          <progress aria-label={`${running} progress`} className="h-1.5 w-full accent-accent" max={1} value={fraction} />
          <div className="flex items-center gap-2">
            <p role="status" className="flex-1 text-xs text-neutral-400">
              {message}
            </p>
            <PanelButton aria-label={`Cancel ${running}`} onClick={cancelSubjectSelection}>
              Cancel
            </PanelButton>
          </div>
        </div>
      )}
    </div>
  );
}
