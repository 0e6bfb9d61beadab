import {
  outputFormatLabels,
  outputFormats,
  schedulerIds,
  schedulerLabels,
} from '../jobs/params';
import { InpaintAreaField } from './InpaintAreaField';
import { NumberField } from './NumberField';
import { useParams } from './paramsStore';
import { SeedField } from './SeedField';
import { SelectField } from './SelectField';
import { SliderField } from './SliderField';
import { TextAreaField } from './TextAreaField';
import { useNumericParam } from './useNumericParam';

/** The "Parameters" panel. Feather lives in the mask tools panel (see FeatherField). */
export function ParamsPanel() {
  const draft = useParams((state) => state.draft);
  const setField = useParams((state) => state.setField);
  const strength = useNumericParam('strength');
  const guidanceScale = useNumericParam('guidanceScale');
  const steps = useNumericParam('steps');
  const variations = useNumericParam('variations');

  return (
    <section
      aria-labelledby="params-heading"
      className="flex flex-col gap-4 rounded-lg bg-[#1c1f24] p-4 text-neutral-100"
    >
      <h2 id="params-heading" className="text-sm font-semibold tracking-wide">
        Parameters
      </h2>
      <TextAreaField
        label="Prompt"
        value={draft.prompt}
        onChange={(value) => setField('prompt', value)}
        placeholder="What to paint in the masked area (leave empty to remove)"
      />
      <TextAreaField
        label="Negative prompt"
        value={draft.negativePrompt}
        onChange={(value) => setField('negativePrompt', value)}
        placeholder="What to avoid"
      />
      <SliderField field="strength" {...strength} />
      <SliderField field="guidanceScale" {...guidanceScale} />
      <div className="grid grid-cols-2 gap-3">
        <NumberField field="steps" {...steps} />
        <NumberField field="variations" {...variations} />
      </div>
      <SelectField
        label="Scheduler"
        value={draft.scheduler}
        options={schedulerIds}
        optionLabels={schedulerLabels}
        onChange={(value) => setField('scheduler', value)}
      />
      <SeedField />
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
