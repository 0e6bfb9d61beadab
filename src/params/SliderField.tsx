import { useId } from 'react';
import { labelClass, sliderClass } from '../ui/fieldStyles';
import { FieldError } from './FieldError';
import { describedBy, type NumberFieldProps } from './NumberField';
import { NumericInput } from './NumericInput';
import { sliderPosition } from './stepValue';

/**
 * A slider plus a number input for the same value. The number input carries the
 * field's exact label (it can be typed into); the slider is "<Label> slider".
 */
export function SliderField(props: NumberFieldProps) {
  const { range, value, onChange, error, disabled } = props;
  const id = useId();
  const errorId = `${id}-error`;
  const { label, min, max, step } = range;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={`${labelClass} ${disabled ? 'opacity-50' : ''}`}>
        {label}
      </label>
      <div className="flex items-center gap-3">
        <input
          type="range"
          aria-label={`${label} slider`}
          min={min}
          max={max}
          step={step}
          value={sliderPosition(range, value)}
          onChange={(event) => onChange(event.target.value)}
          disabled={disabled}
          aria-describedby={disabled ? props.disabledNoteId : undefined}
          className={`${sliderClass} disabled:opacity-50`}
        />
        <NumericInput
          id={id}
          range={range}
          value={value}
          onChange={onChange}
          describedBy={describedBy(errorId, props)}
          invalid={error !== undefined}
          disabled={disabled}
          className="w-20 text-right"
        />
      </div>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
