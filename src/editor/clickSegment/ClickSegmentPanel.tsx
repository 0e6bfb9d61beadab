import { useId } from 'react';
import { totalSize } from '../../engines/local/catalog';
import { cancelDownload, useModelLibrary } from '../../engines/local/library';
import { formatBytes } from '../../engines/local/models/bytes';
import type { SamStage } from '../../engines/local/segmentation/samRunner';
import { controlClass, labelClass } from '../../ui/fieldStyles';
import { PanelButton } from '../../ui/IconButton';
import { useEditor } from '../store';
import { applyProposal, chooseSegmentModel, chosenModel, downloadSegmentModel, dropProposal, segmentModels } from './actions';
import { currentProposal, useClickSegment } from './store';
import { useClickSegmentTool } from './useClickSegmentTool';

const stageWords: Record<SamStage, string> = {
  loading: 'Loading the model…',
  reading: 'Reading the photo…',
  encoding: 'Looking at the photo (once per photo)…',
};

/** Where the tool is: the download or the embedding under way, else the clicks and what they cover. */
function Status() {
  const points = useClickSegment((s) => s.points);
  const proposals = useClickSegment((s) => s.proposals);
  const preparing = useClickSegment((s) => s.preparing);
  const image = useEditor((s) => s.image);
  const modelId = useClickSegment((s) => s.modelId);
  const library = useModelLibrary();
  const model = chosenModel(modelId, library);
  const state = model ? library.states[model.id] : undefined;
  const proposal = currentProposal({ points, proposals });
  const progress = state?.status === 'downloading' ? state.progress : undefined;
  return (
    <>
      {model && state?.status === 'downloading' && (
        <div className="flex flex-col gap-1">
          <progress aria-label="Segmentation model download" className="h-1.5 w-full accent-accent" max={progress?.total ?? undefined} value={progress?.total ? progress.done : undefined} />
          <p className="text-xs text-neutral-400">
            Downloading {model.name}: {formatBytes(progress?.done ?? 0)}
            {progress?.total ? ` of ${formatBytes(progress.total)}` : ''}
          </p>
          <PanelButton onClick={() => cancelDownload(model.id)}>Cancel download</PanelButton>
        </div>
      )}
      {preparing && preparing !== 'download' && (
        <div className="flex flex-col gap-1">
          <progress aria-label="Preparing the photo" className="h-1.5 w-full accent-accent" />
          <p className="text-xs text-neutral-400">{stageWords[preparing]}</p>
        </div>
      )}
      <output aria-label="Proposal" className="text-xs text-neutral-300">
        {!points.length
          ? 'Click an object to select it.'
          : `${points.length} ${points.length === 1 ? 'point' : 'points'} · ${
              proposal && image ? `${((100 * proposal.area) / (image.width * image.height)).toFixed(1)}% of the photo` : state?.status === 'ready' ? 'working…' : 'waiting for the model'
            }`}
      </output>
    </>
  );
}

/** The "Click to segment" tool's panel: its model, progress, and Apply / Subtract / Drop. */
export function ClickSegmentPanel() {
  useClickSegmentTool();
  const id = useId();
  const tool = useEditor((s) => s.tool);
  const points = useClickSegment((s) => s.points);
  const proposals = useClickSegment((s) => s.proposals);
  const modelId = useClickSegment((s) => s.modelId);
  const library = useModelLibrary();
  if (tool !== 'segment') return null;
  const models = segmentModels(library.added);
  const model = chosenModel(modelId, library);
  const status = model ? library.states[model.id]?.status : undefined;
  const ready = currentProposal({ points, proposals }) !== null;
  return (
    <section aria-label="Click to segment" className="flex flex-col gap-2 rounded-md border border-neutral-800 p-2.5">
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className={labelClass}>
          Segmentation model
        </label>
        <select id={id} value={model?.id ?? ''} onChange={(e) => chooseSegmentModel(e.target.value)} className={controlClass()}>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} · {library.states[m.id]?.status === 'ready' ? 'ready' : `not downloaded · ${formatBytes(totalSize(m))}`}
            </option>
          ))}
        </select>
      </div>
      {model && status !== 'ready' && status !== 'downloading' && model.files.every((f) => f.url) && (
        <PanelButton onClick={() => void downloadSegmentModel()}>Download model · {formatBytes(totalSize(model))}</PanelButton>
      )}
      <Status />
      <p className="text-xs text-neutral-500">Click: add · Alt-click or right-click: cut out · Enter: Apply · Alt+Enter: Subtract · Esc: drop · Ctrl+Z: last click</p>
      <div className="flex gap-1.5">
        <PanelButton disabled={!ready} onClick={(e) => applyProposal(e.altKey ? 'subtract' : 'add')}>
          Apply
        </PanelButton>
        <PanelButton disabled={!ready} onClick={() => applyProposal('subtract')}>
          Subtract
        </PanelButton>
        <PanelButton disabled={!points.length} onClick={dropProposal}>
          Drop
        </PanelButton>
      </div>
    </section>
  );
}
