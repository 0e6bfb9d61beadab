import { z } from 'zod';

/** Largest seed the backends accept (unsigned 32-bit). */
export const MAX_SEED = 4294967295;

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

// Bounds live here once; the schema, messages and inputs are all derived from it.
export const numericFields: Record<NumericKey, NumericFieldMeta> = {
  strength: { label: 'Strength', min: 0.01, max: 1, step: 0.01, integer: false },
  steps: { label: 'Steps', min: 1, max: 150, step: 1, integer: true },
  guidanceScale: { label: 'Guidance scale', min: 0, max: 30, step: 0.5, integer: false },
  variations: { label: 'Variations', min: 1, max: 8, step: 1, integer: true },
  padding: { label: 'Padding', min: 0, max: 256, step: 1, integer: true },
  feather: { label: 'Feather', min: 0, max: 128, step: 1, integer: true },
  seed: { label: 'Seed', min: 0, max: MAX_SEED, step: 1, integer: true },
};

export const schedulerIds = ['euler-a', 'euler', 'dpmpp-2m', 'ddim', 'lms', 'pndm', 'lcm'] as const;
export type Scheduler = (typeof schedulerIds)[number];
export const schedulerLabels: Record<Scheduler, string> = {
  'euler-a': 'Euler a',
  euler: 'Euler',
  'dpmpp-2m': 'DPM++ 2M',
  ddim: 'DDIM',
  lms: 'LMS',
  pndm: 'PNDM',
  lcm: 'LCM',
};

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
export function rangeMessage(key: NumericKey): string {
  const { label, min, max, integer } = numericFields[key];
  return integer
    ? `${label} must be a whole number from ${min} to ${max}`
    : `${label} must be between ${min} and ${max}`;
}

function numberField(key: NumericKey) {
  const { min, max, integer } = numericFields[key];
  const message = rangeMessage(key);
  const base = z.number({ error: message }).min(min, message).max(max, message);
  return integer ? base.int(message) : base;
}

export const paramsSchema = z.object({
  prompt: z.string({ error: 'Prompt must be text' }),
  negativePrompt: z.string({ error: 'Negative prompt must be text' }),
  strength: numberField('strength'),
  steps: numberField('steps'),
  guidanceScale: numberField('guidanceScale'),
  seed: numberField('seed'),
  randomSeed: z.boolean({ error: 'Random seed must be on or off' }),
  variations: numberField('variations'),
  scheduler: z.enum(schedulerIds, { error: 'Choose a scheduler from the list' }),
  feather: numberField('feather'),
  inpaintArea: z.enum(inpaintAreas, { error: 'Choose Whole image or Only masked' }),
  padding: numberField('padding'),
  outputFormat: z.enum(outputFormats, { error: 'Choose PNG, JPEG or WebP' }),
  colourMatch: z.boolean({ error: 'Colour match must be on or off' }),
});

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
};

/** A uniformly random seed in 0..MAX_SEED; `random` is injectable so tests can pin it. */
export function rollSeed(random: () => number = Math.random): number {
  return Math.min(MAX_SEED, Math.floor(random() * (MAX_SEED + 1)));
}
