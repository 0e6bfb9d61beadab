import type { KeyboardEvent } from 'react';
import { numericFields, type NumericKey } from '../jobs/params';
import { parseNumber } from '../jobs/validateParams';
import { controlClass } from '../ui/fieldStyles';
import { stepValue } from './stepValue';

export interface NumericInputProps {
  id: string;
  field: NumericKey;
  value: string;
  onChange: (value: string) => void;
  errorId?: string;
  invalid: boolean;
  disabled?: boolean;
  className?: string;
}

/**
 * A text input acting as a spin button: text so the draft keeps exactly what was
 * typed (a native number input hides half-typed values), arrows step the value.
 */
export function NumericInput({
  id,
  field,
  value,
  onChange,
  errorId,
  invalid,
  disabled,
  className = '',
}: NumericInputProps) {
  const { min, max, integer } = numericFields[field];
  const parsed = parseNumber(value);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    onChange(stepValue(field, value, event.key === 'ArrowUp' ? 1 : -1));
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
      aria-describedby={invalid ? errorId : undefined}
      className={`${controlClass(invalid)} tabular-nums ${className}`}
    />
  );
}
