import type { NumericKey } from '../jobs/params';
import { inactiveFields, numericFieldError } from '../jobs/validateParams';
import { useParams } from './paramsStore';

export interface NumericParam {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}

/** One numeric field bound to the params store, with its current error (if it matters now). */
export function useNumericParam(key: NumericKey): NumericParam {
  const value = useParams((state) => state.draft[key]);
  const setField = useParams((state) => state.setField);
  // Same rule as validateParams: an ignored field shows no error.
  const ignored = useParams((state) => inactiveFields(state.draft).includes(key));
  return {
    value,
    onChange: (next) => setField(key, next),
    error: ignored ? undefined : numericFieldError(key, value),
  };
}
