import { useId } from 'react';
import { labelClass } from '../ui/fieldStyles';
import { FieldError } from './FieldError';
import { NumericInput } from './NumericInput';
import type { NumericParam } from './useNumericParam';

export interface NumberFieldProps extends NumericParam {
  /** Id of the note saying why the field is off, read out while it is disabled. */
  disabledNoteId?: string;
}

/** The id the control points to with aria-describedby: its error, else why it is off. */
export function describedBy(errorId: string, { error, disabled, disabledNoteId }: Pick<NumberFieldProps, 'error' | 'disabled' | 'disabledNoteId'>) {
  if (error !== undefined) return errorId;
  return disabled ? disabledNoteId : undefined;
}

/** A labelled numeric input with its range error right under it. */
export function NumberField(props: NumberFieldProps) {
  const { range, value, onChange, error, disabled } = props;
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={`${labelClass} ${disabled ? 'opacity-50' : ''}`}>
        {range.label}
      </label>
      <NumericInput
        id={id}
        range={range}
        value={value}
        onChange={onChange}
        describedBy={describedBy(errorId, props)}
        invalid={error !== undefined}
        disabled={disabled}
        className="w-full"
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}
