import { useId } from 'react';
import { inpaintAreaLabels, inpaintAreas } from '../jobs/params';
import { labelClass } from '../ui/fieldStyles';
import { NumberField } from './NumberField';
import { useParams } from './paramsStore';
import { useNumericParam } from './useNumericParam';

/** Whole image vs only the masked area; Padding only exists for the latter. */
export function InpaintAreaField() {
  const name = useId();
  const area = useParams((state) => state.draft.inpaintArea);
  const setField = useParams((state) => state.setField);
  const padding = useNumericParam('padding');
  return (
    <div className="flex flex-col gap-2">
      <fieldset className="flex flex-col gap-1">
        <legend className={`${labelClass} mb-1`}>Inpaint area</legend>
        <div className="flex gap-4">
          {inpaintAreas.map((option) => (
            <label key={option} className="flex items-center gap-2 text-sm text-neutral-200">
              <input
                type="radio"
                name={name}
                value={option}
                checked={area === option}
                onChange={() => setField('inpaintArea', option)}
                className="size-4 accent-[#4f8cff]"
              />
              {inpaintAreaLabels[option]}
            </label>
          ))}
        </div>
      </fieldset>
      {area === 'masked' && <NumberField {...padding} />}
    </div>
  );
}
