import { fieldsFor, type NumericFieldMeta, type NumericKey } from '../jobs/params';
import { inactiveFields, numericFieldError, unusedFields } from '../jobs/validateParams';
import { useParams } from './paramsStore';
import { useEngineMeta } from './useEngine';

export interface NumericParam {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  /** Label, step and the chosen engine's range. */
  range: NumericFieldMeta;
  /** The chosen engine does not use it. */
  disabled: boolean;
}

/** One numeric field bound to the params store, with the engine's range and its current error (if it matters now). */
export function useNumericParam(key: NumericKey): NumericParam {
  const meta = useEngineMeta();
  const value = useParams((state) => state.draft[key]);
  const setField = useParams((state) => state.setField);
  // Same rule as validateParams: an ignored field shows no error.
  const ignored = useParams((state) => inactiveFields(state.draft, meta).includes(key));
  const fields = fieldsFor(meta);
  return {
    value,
    onChange: (next) => setField(key, next),
    error: ignored ? undefined : numericFieldError(key, value, fields),
    range: fields[key],
    disabled: unusedFields(meta).includes(key),
  };
}
