import { z } from 'zod/mini';
import { MAX_SEED, type EngineMeta, type EngineParamValues } from '../engines/contract';
import { isMaskEmpty } from '../mask';
import type { Mask } from '../mask/types';
import { rollSeed, type JobParams } from './params';
import { validateParams, type ParamsDraft } from './validateParams';

/** The photo a job works on: the file as it was opened (what History keeps), and its size. */
export interface JobImage {
  blob: Blob;
  width: number;
  height: number;
}

/** A validated job: image, mask (0 keep, 255 repaint) and parameters, with a seed per variation. */
export interface Job {
  image: JobImage;
  mask: Mask;
  params: JobParams;
  seeds: number[];
}

export interface BuildJobInput {
  image?: JobImage | null;
  mask?: Mask | null;
  draft: ParamsDraft;
}

export type BuildJobResult = { ok: true; job: Job } | { ok: false; errors: string[] };

export const NO_IMAGE = 'Upload an image first';
export const EMPTY_MASK = 'Paint a mask over the part to change';

const size = z.int().check(z.positive());

const imageSchema = z.object({
  blob: z.instanceof(Blob),
  width: size,
  height: size,
});

const maskSchema = z
  .object({ width: size, height: size, data: z.instanceof(Uint8Array) })
  .check(z.refine((mask) => mask.data.length === mask.width * mask.height, { message: 'The mask is damaged; clear it and paint again' }));

function imageErrors(image: JobImage | null | undefined): string[] {
  if (!image) return [NO_IMAGE];
  return imageSchema.safeParse(image).success
    ? []
    : ['The image could not be read; upload it again'];
}

function maskErrors(mask: Mask | null | undefined, image: JobImage | null | undefined, maskOptional: boolean): string[] {
  if (!mask) return maskOptional ? [] : [EMPTY_MASK];
  const parsed = maskSchema.safeParse(mask);
  if (!parsed.success) return parsed.error.issues.slice(0, 1).map((issue) => issue.message);
  if (image && (mask.width !== image.width || mask.height !== image.height)) {
    return [
      `The mask (${mask.width}×${mask.height}) does not match the image ` +
        `(${image.width}×${image.height}); clear the mask and paint again`,
    ];
  }
  return maskOptional || !isMaskEmpty(mask.data) ? [] : [EMPTY_MASK];
}

/** Variation i uses seed + i, as A1111 does, so any single result can be made again. */
export const seedsFor = (seed: number, variations: number) =>
  Array.from({ length: variations }, (_, i) => (seed + i) % (MAX_SEED + 1));

/**
 * The one place a job is checked before it runs, against the chosen engine. Collects every
 * problem at once so the user can fix them together; with Random seed on, picks a fresh seed.
 */
export function buildJob(input: BuildJobInput, meta: EngineMeta, random: () => number = Math.random): BuildJobResult {
  const { image, draft } = input;
  const mask = input.mask ?? (image && meta.maskOptional ? { width: image.width, height: image.height, data: new Uint8Array(image.width * image.height) } : null);
  const errors = [...imageErrors(image), ...maskErrors(mask, image, meta.maskOptional)];

  const validated = validateParams(draft, meta);
  if (!validated.ok) {
    errors.push(...Object.values(validated.errors).filter((m): m is string => m !== undefined));
  }

  if (errors.length > 0 || !image || !mask || !validated.ok) return { ok: false, errors };

  const params = validated.params.randomSeed
    ? { ...validated.params, seed: rollSeed(random, meta.params.seed?.max) }
    : validated.params;
  return { ok: true, job: { image, mask, params, seeds: seedsFor(params.seed, params.variations) } };
}

/** Only what the engine uses, never the editor's own settings (output format, padding...). */
export function engineParams(params: JobParams, meta: EngineMeta): Partial<EngineParamValues> {
  const used = meta.params;
  const picked: Partial<EngineParamValues> = {};
  if (used.prompt) picked.prompt = params.prompt.trim();
  if (used.negativePrompt) picked.negativePrompt = params.negativePrompt.trim();
  if (used.strength) picked.strength = params.strength;
  if (used.steps) picked.steps = params.steps;
  if (used.guidanceScale) picked.guidanceScale = params.guidanceScale;
  if (used.scheduler) picked.scheduler = params.scheduler;
  if (used.loras) picked.loras = params.loras;
  if (used.embeddings) picked.embeddings = params.embeddings;
  return picked;
}
