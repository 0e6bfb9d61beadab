import {
  defaultParams,
  numericKeys,
  paramsSchema,
  type JobParams,
  type NumericKey,
} from './params';

/** What the inputs hold: numeric fields stay as the user typed them until a job is built. */
export type ParamsDraft = {
  [K in keyof JobParams]: K extends NumericKey ? string : JobParams[K];
};

export type ParamErrors = Partial<Record<keyof JobParams, string>>;

export type ValidateResult =
  | { ok: true; params: JobParams }
  | { ok: false; errors: ParamErrors };

export function isNumericKey(key: string): key is NumericKey {
  return (numericKeys as readonly string[]).includes(key);
}

export function draftFromParams(params: JobParams): ParamsDraft {
  return {
    ...params,
    strength: String(params.strength),
    steps: String(params.steps),
    guidanceScale: String(params.guidanceScale),
    seed: String(params.seed),
    variations: String(params.variations),
    feather: String(params.feather),
    padding: String(params.padding),
  };
}

export const defaultDraft: ParamsDraft = draftFromParams(defaultParams);

// Plain decimal only: Number() would also take "0x1f", "Infinity" and "" (as 0).
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** The number typed in a field, or NaN when it is not a plain decimal number. */
export function parseNumber(text: string): number {
  return DECIMAL.test(text) ? Number(text) : NaN;
}

/** The error for one numeric field's typed text, or undefined when it is fine. */
export function numericFieldError(key: NumericKey, text: string): string | undefined {
  const result = paramsSchema.shape[key].safeParse(parseNumber(text));
  return result.success ? undefined : result.error.issues[0]?.message;
}

/**
 * Fields the job ignores in the current settings: a bad value there must not block the job.
 * Padding only matters for "Only masked"; the typed seed is replaced when Random seed is on.
 */
export function inactiveFields(draft: ParamsDraft): NumericKey[] {
  const inactive: NumericKey[] = [];
  if (draft.inpaintArea === 'whole') inactive.push('padding');
  if (draft.randomSeed === true) inactive.push('seed');
  return inactive;
}

export function validateParams(draft: ParamsDraft): ValidateResult {
  const candidate: Record<string, unknown> = { ...draft };
  for (const key of numericKeys) candidate[key] = parseNumber(draft[key]);
  // An ignored field falls back to its default so it cannot fail the whole job.
  for (const key of inactiveFields(draft)) {
    if (numericFieldError(key, draft[key]) !== undefined) candidate[key] = defaultParams[key];
  }

  const result = paramsSchema.safeParse(candidate);
  if (result.success) return { ok: true, params: result.data };

  const errors: ParamErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string' && key in paramsSchema.shape) {
      const field = key as keyof JobParams;
      errors[field] ??= issue.message;
    }
  }
  return { ok: false, errors };
}
