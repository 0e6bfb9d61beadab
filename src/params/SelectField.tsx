import { useId } from 'react';
import { controlClass, labelClass } from '../ui/fieldStyles';
import { FieldError } from './FieldError';

export interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly T[];
  optionLabels: Record<T, string>;
  onChange: (value: T) => void;
  error?: string;
  disabled?: boolean;
  disabledNoteId?: string;
}

export function SelectField<T extends string>({ label, value, options, optionLabels, onChange, error, disabled, disabledNoteId }: SelectFieldProps<T>) {
  const id = useId();
  const errorId = `${id}-error`;
  // Map back through the list so only known options ever reach the store.
  const pick = (raw: string) => options.find((option) => option === raw);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={`${labelClass} ${disabled ? 'opacity-50' : ''}`}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errorId : disabled ? disabledNoteId : undefined}
        onChange={(event) => {
          const next = pick(event.target.value);
          if (next !== undefined) onChange(next);
        }}
        className={`${controlClass(error !== undefined)} w-full disabled:opacity-50`}
      >
        {/* A value the engine does not offer stays visible (and marked), never silently replaced. */}
        {!options.includes(value) && <option value={value}>{optionLabels[value] ?? value}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabels[option]}
          </option>
        ))}
      </select>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
