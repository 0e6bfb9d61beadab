import { useId } from 'react';
import { numericFields } from '../jobs/params';
import { FieldError } from './FieldError';
import { labelClass, sliderClass } from '../ui/fieldStyles';
import type { NumberFieldProps } from './NumberField';
import { NumericInput } from './NumericInput';
import { sliderPosition } from './stepValue';

/**
 * A slider plus a number input for the same value. The number input carries the
 * field's exact label (it can be typed into); the slider is "<Label> slider".
 */
export function SliderField({ field, value, onChange, error, disabled }: NumberFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const { label, min, max, step } = numericFields[field];
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <div className="flex items-center gap-3">
        <input
          type="range"
          aria-label={`${label} slider`}
          min={min}
          max={max}
          step={step}
          value={sliderPosition(field, value)}
          onChange={(event) => onChange(event.target.value)}
          disabled={disabled}
          className={sliderClass}
        />
        <NumericInput
          id={id}
          field={field}
          value={value}
          onChange={onChange}
          errorId={errorId}
          invalid={error !== undefined}
          disabled={disabled}
          className="w-20 text-right"
        />
      </div>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
