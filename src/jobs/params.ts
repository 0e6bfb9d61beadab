// zod's mini build: the same schemas at a quarter of the bundle (the initial JS has a budget).
import { z } from 'zod/mini';
import { paramBounds } from '../engines/checkMeta';
import { MAX_SEED, schedulerIds, type EngineMeta } from '../engines/contract';

export interface NumericFieldMeta {
  label: string;
  min: number;
  max: number;
  step: number;
  integer: boolean;
}

export const numericKeys = [
  'strength',
  'steps',
  'guidanceScale',
  'variations',
  'padding',
  'feather',
  'seed',
] as const;
export type NumericKey = (typeof numericKeys)[number];

export type NumericFields = Record<NumericKey, NumericFieldMeta>;

/**
 * Each numeric field's label, step and widest range. The chosen engine narrows the ranges
 * (fieldsFor); the schema, messages and inputs are all derived from these.
 */
export const numericFields: NumericFields = {
  strength: { label: 'Strength', ...paramBounds.strength, step: 0.01, integer: false },
  steps: { label: 'Steps', ...paramBounds.steps, step: 1, integer: true },
  guidanceScale: { label: 'Guidance scale', ...paramBounds.guidanceScale, step: 0.5, integer: false },
  variations: { label: 'Variations', ...paramBounds.variations, step: 1, integer: true },
  padding: { label: 'Padding', min: 0, max: 256, step: 1, integer: true },
  feather: { label: 'Feather', min: 0, max: 128, step: 1, integer: true },
  seed: { label: 'Seed', min: 0, max: MAX_SEED, step: 1, integer: true },
};

/** The numeric fields with the ranges of an engine: what it takes is what the inputs accept. */
export function fieldsFor(meta: EngineMeta): NumericFields {
  const { params } = meta;
  const narrowed = { ...numericFields };
  for (const key of ['strength', 'steps', 'guidanceScale', 'variations'] as const) {
    const spec = params[key];
    if (spec) narrowed[key] = { ...numericFields[key], min: spec.min, max: spec.max };
  }
  if (params.seed) narrowed.seed = { ...numericFields.seed, max: params.seed.max };
  return narrowed;
}

export const inpaintAreas = ['whole', 'masked'] as const;
export type InpaintArea = (typeof inpaintAreas)[number];
export const inpaintAreaLabels: Record<InpaintArea, string> = {
  whole: 'Whole image',
  masked: 'Only masked',
};

export const outputFormats = ['png', 'jpeg', 'webp'] as const;
export type OutputFormat = (typeof outputFormats)[number];
export const outputFormatLabels: Record<OutputFormat, string> = {
  png: 'PNG',
  jpeg: 'JPEG',
  webp: 'WebP',
};

/** The message shown for any bad value of a numeric field: it always names the allowed range. */
export function rangeMessage(key: NumericKey, fields: NumericFields = numericFields): string {
  const { label, min, max, integer } = fields[key];
  return integer
    ? `${label} must be a whole number from ${min} to ${max}`
    : `${label} must be between ${min} and ${max}`;
}

function numberField(key: NumericKey, fields: NumericFields) {
  const { min, max, integer } = fields[key];
  const message = rangeMessage(key, fields);
  return (integer ? z.int({ error: message }) : z.number({ error: message })).check(z.minimum(min, message), z.maximum(max, message));
}

export const ADD_ON_WEIGHT = { min: -4, max: 4 } as const;
export const MAX_ADD_ONS = 10;

/** Style add-ons: each needs an id or URL and a weight in range. */
function addOnsSchema(what: string) {
  const weight = `${what} weight must be between ${ADD_ON_WEIGHT.min} and ${ADD_ON_WEIGHT.max}`;
  return z
    .array(
      z.object({
        model: z.string().check(z.trim(), z.minLength(1, `Each ${what} needs an id or URL`)),
        weight: z.number({ error: weight }).check(z.minimum(ADD_ON_WEIGHT.min, weight), z.maximum(ADD_ON_WEIGHT.max, weight)),
      }),
    )
    .check(z.maxLength(MAX_ADD_ONS, `At most ${MAX_ADD_ONS} of them`));
}

/** The job parameters' schema for the given ranges (the widest by default). */
export function paramsSchemaFor(fields: NumericFields) {
  return z.object({
    prompt: z.string({ error: 'Prompt must be text' }),
    negativePrompt: z.string({ error: 'Negative prompt must be text' }),
    strength: numberField('strength', fields),
    steps: numberField('steps', fields),
    guidanceScale: numberField('guidanceScale', fields),
    seed: numberField('seed', fields),
    randomSeed: z.boolean({ error: 'Random seed must be on or off' }),
    variations: numberField('variations', fields),
    scheduler: z.enum(schedulerIds, { error: 'Choose a scheduler from the list' }),
    feather: numberField('feather', fields),
    inpaintArea: z.enum(inpaintAreas, { error: 'Choose Whole image or Only masked' }),
    padding: numberField('padding', fields),
    outputFormat: z.enum(outputFormats, { error: 'Choose PNG, JPEG or WebP' }),
    colourMatch: z.boolean({ error: 'Colour match must be on or off' }),
    loras: addOnsSchema('LoRA'),
    embeddings: addOnsSchema('Embedding'),
  });
}

export const paramsSchema = paramsSchemaFor(numericFields);

export type JobParams = z.infer<typeof paramsSchema>;

export const defaultParams: JobParams = {
  prompt: '',
  negativePrompt: '',
  strength: 0.75,
  steps: 25,
  guidanceScale: 7.5,
  seed: 42,
  randomSeed: true,
  variations: 4,
  scheduler: 'euler-a',
  feather: 4,
  inpaintArea: 'masked',
  padding: 32,
  outputFormat: 'png',
  colourMatch: true,
  loras: [],
  embeddings: [],
};

/** The defaults with the engine's own where it has them (steps, guidance...). */
export function defaultsFor(meta: EngineMeta): JobParams {
  const { params } = meta;
  return {
    ...defaultParams,
    strength: params.strength?.default ?? defaultParams.strength,
    steps: params.steps?.default ?? defaultParams.steps,
    guidanceScale: params.guidanceScale?.default ?? defaultParams.guidanceScale,
    scheduler: params.scheduler?.default ?? defaultParams.scheduler,
    variations: params.variations.default,
  };
}

/** A uniformly random seed in 0..max; `random` is injectable so tests can pin it. */
export function rollSeed(random: () => number = Math.random, max = MAX_SEED): number {
  return Math.min(max, Math.floor(random() * (max + 1)));
}
