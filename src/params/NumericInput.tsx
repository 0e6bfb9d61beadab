import type { KeyboardEvent } from 'react';
import type { NumericFieldMeta } from '../jobs/params';
import { parseNumber } from '../jobs/validateParams';
import { controlClass } from '../ui/fieldStyles';
import { stepValue } from './stepValue';

export interface NumericInputProps {
  id: string;
  range: NumericFieldMeta;
  value: string;
  onChange: (value: string) => void;
  describedBy?: string;
  invalid: boolean;
  disabled?: boolean;
  className?: string;
}

/**
 * A text input acting as a spin button: text so the draft keeps exactly what was
 * typed (a native number input hides half-typed values), arrows step the value.
 */
export function NumericInput({ id, range, value, onChange, describedBy, invalid, disabled, className = '' }: NumericInputProps) {
  const { min, max, integer } = range;
  const parsed = parseNumber(value);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    onChange(stepValue(range, value, event.key === 'ArrowUp' ? 1 : -1));
  }

  return (
    <input
      id={id}
      type="text"
      role="spinbutton"
      inputMode={integer && min >= 0 ? 'numeric' : 'decimal'}
      autoComplete="off"
      spellCheck={false}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={onKeyDown}
      disabled={disabled}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={Number.isNaN(parsed) ? undefined : parsed}
      aria-invalid={invalid ? 'true' : undefined}
      aria-describedby={describedBy}
      className={`${controlClass(invalid)} tabular-nums disabled:opacity-50 ${className}`}
    />
  );
}
