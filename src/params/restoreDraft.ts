import { schedulerIds } from '../engines/contract';
import { inpaintAreas, outputFormats } from '../jobs/params';
import { defaultDraft, isNumericKey, type ParamsDraft } from '../jobs/validateParams';

type Draft = Record<string, unknown>;

function isRecord(value: unknown): value is Draft {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(options: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

/** The value to keep for one field, or undefined to fall back to the default. */
function restoreField(key: keyof ParamsDraft, value: unknown): unknown {
  if (isNumericKey(key)) {
    // Older saves may hold numbers; typed text (even invalid) is kept as typed.
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return undefined;
  }
  switch (key) {
    case 'prompt':
    case 'negativePrompt':
      return typeof value === 'string' ? value : undefined;
    case 'randomSeed':
    case 'colourMatch':
      return typeof value === 'boolean' ? value : undefined;
    case 'scheduler':
      return oneOf(schedulerIds, value) ? value : undefined;
    case 'inpaintArea':
      return oneOf(inpaintAreas, value) ? value : undefined;
    case 'outputFormat':
      return oneOf(outputFormats, value) ? value : undefined;
    case 'loras':
    case 'embeddings':
      return Array.isArray(value) ? value.filter(isRecord).map((a) => ({ model: String(a.model ?? ''), weight: String(a.weight ?? '1') })) : undefined;
  }
  return undefined;
}

/**
 * A draft from saved data of any age: known fields of the right type are kept,
 * unknown keys are dropped and missing or mistyped fields get their defaults.
 */
export function restoreDraft(saved: unknown): ParamsDraft {
  const draft: Draft = { ...defaultDraft };
  if (!isRecord(saved)) return draft as ParamsDraft;
  for (const key of Object.keys(defaultDraft) as (keyof ParamsDraft)[]) {
    const value = restoreField(key, saved[key]);
    if (value !== undefined) draft[key] = value;
  }
  return draft as ParamsDraft;
}
