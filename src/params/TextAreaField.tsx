import { useId, type Ref } from 'react';
import { controlClass, labelClass } from '../ui/fieldStyles';
import { FieldError } from './FieldError';

export interface TextAreaFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  error?: string;
  disabled?: boolean;
  disabledNoteId?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextAreaField({ label, value, onChange, placeholder, error, disabled, disabledNoteId, ref }: TextAreaFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={`${labelClass} ${disabled ? 'opacity-50' : ''}`}>
        {label}
      </label>
      <textarea
        ref={ref}
        id={id}
        rows={3}
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errorId : disabled ? disabledNoteId : undefined}
        onChange={(event) => onChange(event.target.value)}
        className={`${controlClass(error !== undefined)} w-full resize-y placeholder:text-neutral-500 disabled:opacity-50`}
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}
