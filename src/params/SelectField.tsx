import { useId } from 'react';
import { controlClass, labelClass } from '../ui/fieldStyles';

export interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly T[];
  optionLabels: Record<T, string>;
  onChange: (value: T) => void;
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  optionLabels,
  onChange,
}: SelectFieldProps<T>) {
  const id = useId();
  // Map back through the list so only known options ever reach the store.
  const pick = (raw: string) => options.find((option) => option === raw);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const next = pick(event.target.value);
          if (next !== undefined) onChange(next);
        }}
        className={`${controlClass()} w-full`}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabels[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
