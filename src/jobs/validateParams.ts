import type { EngineMeta, TextSpec } from '../engines/contract';
import {
  defaultParams,
  fieldsFor,
  numericFields,
  numericKeys,
  paramsSchemaFor,
  type JobParams,
  type NumericFields,
  type NumericKey,
} from './params';

/** A style add-on as typed: the weight stays text until a job is built. */
export interface DraftAddOn {
  model: string;
  weight: string;
}

type AddOnKey = 'loras' | 'embeddings';

/** What the inputs hold: numeric fields stay as the user typed them until a job is built. */
export type ParamsDraft = {
  [K in keyof JobParams]: K extends NumericKey ? string : K extends AddOnKey ? DraftAddOn[] : JobParams[K];
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
    loras: params.loras.map((a) => ({ model: a.model, weight: String(a.weight) })),
    embeddings: params.embeddings.map((a) => ({ model: a.model, weight: String(a.weight) })),
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
export function numericFieldError(key: NumericKey, text: string, fields: NumericFields = numericFields): string | undefined {
  const result = paramsSchemaFor(fields).shape[key].safeParse(parseNumber(text));
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** The numeric parameters the engine takes no notice of. */
export function unusedFields(meta: EngineMeta): NumericKey[] {
  const unused: NumericKey[] = [];
  for (const key of ['strength', 'steps', 'guidanceScale'] as const) if (!meta.params[key]) unused.push(key);
  if (!meta.params.seed) unused.push('seed');
  return unused;
}

/**
 * Fields the job ignores in the current settings: a bad value there must not block the job.
 * Padding only matters for "Only masked"; the typed seed is replaced when Random seed is on;
 * the engine may not use some parameters at all.
 */
export function inactiveFields(draft: ParamsDraft, meta: EngineMeta): NumericKey[] {
  const inactive = unusedFields(meta);
  if (draft.inpaintArea === 'whole') inactive.push('padding');
  if (draft.randomSeed === true && !inactive.includes('seed')) inactive.push('seed');
  return inactive;
}

function textError(label: string, text: string, spec: TextSpec | undefined): string | undefined {
  if (!spec) return undefined;
  const length = text.trim().length;
  if (spec.required && length === 0) return `${label} is needed for this engine`;
  if (length > 0 && spec.minLength !== undefined && length < spec.minLength) return `${label} must be at least ${spec.minLength} characters`;
  if (spec.maxLength !== undefined && length > spec.maxLength) return `${label} must be at most ${spec.maxLength} characters (now ${length})`;
  return undefined;
}

/**
 * The one check of the parameters against the chosen engine: its ranges, its scheduler
 * choices, its prompt rules. Every problem comes back at once, keyed by field.
 */
export function validateParams(draft: ParamsDraft, meta: EngineMeta): ValidateResult {
  const fields = fieldsFor(meta);
  const schema = paramsSchemaFor(fields);
  const candidate: Record<string, unknown> = { ...draft };
  for (const key of numericKeys) candidate[key] = parseNumber(draft[key]);
  for (const key of ['loras', 'embeddings'] as const) {
    // Add-ons the engine cannot take are kept in the draft but never checked or sent.
    candidate[key] = meta.params[key] ? draft[key].map((a) => ({ model: a.model, weight: parseNumber(a.weight) })) : [];
  }
  // An ignored field falls back to its default so it cannot fail the whole job.
  for (const key of inactiveFields(draft, meta)) {
    if (numericFieldError(key, draft[key], fields) !== undefined) candidate[key] = defaultParams[key];
  }

  const errors: ParamErrors = {};
  const result = schema.safeParse(candidate);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path[0];
      if (typeof key === 'string' && key in schema.shape) errors[key as keyof JobParams] ??= issue.message;
    }
  }
  const { params } = meta;
  const prompt = textError('Prompt', draft.prompt, params.prompt);
  if (prompt) errors.prompt = prompt;
  const negative = textError('Negative prompt', draft.negativePrompt, params.negativePrompt);
  if (negative) errors.negativePrompt = negative;
  for (const key of ['loras', 'embeddings'] as const) {
    const max = params[key]?.max;
    if (max !== undefined && draft[key].length > max) errors[key] = `This engine takes at most ${max}`;
  }
  if (params.scheduler && !errors.scheduler && !params.scheduler.choices.includes(draft.scheduler)) {
    errors.scheduler = 'Choose a scheduler this engine offers';
  }

  if (result.success && Object.keys(errors).length === 0) return { ok: true, params: result.data };
  return { ok: false, errors };
}
