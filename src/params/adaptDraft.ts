import type { EngineMeta } from '../engines/contract';
import { defaultsFor } from '../jobs/params';
import { parseNumber, type ParamsDraft } from '../jobs/validateParams';

const engineDefaulted = ['strength', 'steps', 'guidanceScale', 'variations'] as const;

/**
 * The draft for another engine. A value still at the old engine's default was never the
 * user's choice, so it takes the new engine's default; anything the user set is kept as it
 * is, and marked if the new engine cannot take it: never silently changed.
 */
export function adaptDraft(draft: ParamsDraft, from: EngineMeta, to: EngineMeta): ParamsDraft {
  const before = defaultsFor(from);
  const after = defaultsFor(to);
  const next = { ...draft };
  for (const key of engineDefaulted) {
    if (parseNumber(draft[key]) === before[key]) next[key] = String(after[key]);
  }
  if (draft.scheduler === before.scheduler) next.scheduler = after.scheduler;
  return next;
}
