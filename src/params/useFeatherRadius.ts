import { numericFieldError, parseNumber } from '../jobs/validateParams';
import { useParams } from './paramsStore';

/** The feather radius typed in the Feather field, or null while it holds an invalid value. */
export function useFeatherRadius(): number | null {
  return useParams((s) => (numericFieldError('feather', s.draft.feather) ? null : parseNumber(s.draft.feather)));
}
