import type { EngineMeta } from '../engines/contract';
import type { ParamsDraft } from '../jobs/validateParams';

/** The example the prompt box shows after Replace background. */
export const BACKGROUND_PROMPT_EXAMPLE = 'on a marble table, soft daylight, product photography';

/** What a batch repaints: the background around the subject, or the subject itself. */
export type BatchTarget = 'background' | 'subject';

export const takesPrompt = (meta: EngineMeta) => meta.params.prompt !== undefined;

/**
 * The parameters Replace background sets: full strength, so nothing of the old background
 * shows through; no feather of its own, since the selection is already grown and feathered
 * and a job feather would reach into the subject, whose pixels must stay exact.
 */
export function replaceBackgroundFields(meta: EngineMeta): Pick<ParamsDraft, 'feather'> & Partial<Pick<ParamsDraft, 'strength'>> {
  const strength = meta.params.strength;
  return { feather: '0', ...(strength ? { strength: String(Math.min(1, strength.max)) } : {}) };
}

/** The parameters every photo of a batch runs with: as set, without a job feather (the selection brings its own soft edge). */
export function batchDraft(draft: ParamsDraft): ParamsDraft {
  return { ...draft, feather: '0' };
}
