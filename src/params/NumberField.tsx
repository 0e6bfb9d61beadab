import { useId } from 'react';
import { numericFields, type NumericKey } from '../jobs/params';
import { FieldError } from './FieldError';
import { labelClass } from '../ui/fieldStyles';
import { NumericInput } from './NumericInput';

export interface NumberFieldProps {
  field: NumericKey;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
}

/** A labelled numeric input with its range error right under it. */
export function NumberField({ field, value, onChange, error, disabled }: NumberFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClass}>
        {numericFields[field].label}
      </label>
      <NumericInput
        id={id}
        field={field}
        value={value}
        onChange={onChange}
        errorId={errorId}
        invalid={error !== undefined}
        disabled={disabled}
        className="w-full"
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}
