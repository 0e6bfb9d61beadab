import { useId } from 'react';
import { schedulerIds, schedulerLabels } from '../engines/contract';
import { outputFormatLabels, outputFormats } from '../jobs/params';
import { validateParams } from '../jobs/validateParams';
import { AddOnsField } from './AddOnsField';
import { InpaintAreaField } from './InpaintAreaField';
import { NumberField } from './NumberField';
import { useFocusedPrompt } from './promptFocus';
import { useParams } from './paramsStore';
import { SeedField } from './SeedField';
import { SelectField } from './SelectField';
import { SliderField } from './SliderField';
import { TextAreaField } from './TextAreaField';
import { useEngineMeta } from './useEngine';
import { useNumericParam } from './useNumericParam';

/**
 * The "Parameters" panel. It follows the chosen engine: what it does not use is disabled
 * with its note, ranges and scheduler choices are its own. Feather lives in the mask panel.
 */
export function ParamsPanel() {
  const noteId = useId();
  const meta = useEngineMeta();
  const draft = useParams((state) => state.draft);
  const setField = useParams((state) => state.setField);
  const strength = useNumericParam('strength');
  const guidanceScale = useNumericParam('guidanceScale');
  const steps = useNumericParam('steps');
  const variations = useNumericParam('variations');
  const validated = validateParams(draft, meta);
  const textError = (key: 'prompt' | 'negativePrompt' | 'scheduler' | 'loras' | 'embeddings') => (validated.ok ? undefined : validated.errors[key]);
  const { params } = meta;
  const off = { disabledNoteId: noteId };
  const { ref: promptRef, example: promptExample } = useFocusedPrompt();

  return (
    <section aria-labelledby="params-heading" className="flex flex-col gap-4 rounded-lg bg-[#1c1f24] p-4 text-neutral-100">
      <h2 id="params-heading" className="text-sm font-semibold tracking-wide">
        Parameters
      </h2>
      {meta.unusedParamsNote && (
        <p id={noteId} className="rounded-md bg-neutral-800 px-2.5 py-2 text-xs text-neutral-300">
          {meta.unusedParamsNote}
        </p>
      )}
      <TextAreaField
        label="Prompt"
        ref={promptRef}
        value={draft.prompt}
        onChange={(value) => setField('prompt', value)}
        placeholder={promptExample ?? (params.prompt?.required ? 'What to paint in the masked area' : 'What to paint in the masked area (leave empty to remove)')}
        error={textError('prompt')}
        disabled={!params.prompt}
        {...off}
      />
      <TextAreaField
        label="Negative prompt"
        value={draft.negativePrompt}
        onChange={(value) => setField('negativePrompt', value)}
        placeholder="What to avoid"
        error={textError('negativePrompt')}
        disabled={!params.negativePrompt}
        {...off}
      />
      <SliderField {...strength} {...off} />
      <SliderField {...guidanceScale} {...off} />
      <div className="grid grid-cols-2 gap-3">
        <NumberField {...steps} {...off} />
        <NumberField {...variations} />
      </div>
      <SelectField
        label="Scheduler"
        value={draft.scheduler}
        options={params.scheduler?.choices ?? schedulerIds}
        optionLabels={schedulerLabels}
        onChange={(value) => setField('scheduler', value)}
        error={textError('scheduler')}
        disabled={!params.scheduler}
        {...off}
      />
      <SeedField {...off} />
      {/* Hidden, not disabled: most engines have no such thing. */}
      {params.loras && <AddOnsField field="loras" noun="LoRA" max={params.loras.max} error={textError('loras')} />}
      {params.embeddings && <AddOnsField field="embeddings" noun="Embedding" max={params.embeddings.max} error={textError('embeddings')} />}
      <InpaintAreaField />
      <SelectField
        label="Output format"
        value={draft.outputFormat}
        options={outputFormats}
        optionLabels={outputFormatLabels}
        onChange={(value) => setField('outputFormat', value)}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={draft.colourMatch} onChange={(e) => setField('colourMatch', e.target.checked)} />
        Colour match
        <span className="text-xs text-neutral-500">blend the new area into its surroundings</span>
      </label>
    </section>
  );
}
