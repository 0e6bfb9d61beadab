import { z } from 'zod';
import { rollSeed, type JobParams } from './params';
import { validateParams, type ParamsDraft } from './validateParams';

export interface JobImage {
  blob: Blob;
  width: number;
  height: number;
}

/** One byte per image pixel, row-major: 0 keeps the pixel, anything else repaints it. */
export interface JobMask {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface Job {
  image: JobImage;
  mask: JobMask;
  params: JobParams;
}

export interface BuildJobInput {
  image?: JobImage | null;
  mask?: JobMask | null;
  draft: ParamsDraft;
}

export type BuildJobResult = { ok: true; job: Job } | { ok: false; errors: string[] };

export const NO_IMAGE = 'Upload an image first';
export const EMPTY_MASK = 'Paint a mask over the part to change';

const size = z.int().positive();

const imageSchema = z.object({
  blob: z.instanceof(Blob),
  width: size,
  height: size,
});

const maskSchema = z
  .object({ width: size, height: size, data: z.instanceof(Uint8Array) })
  .refine((mask) => mask.data.length === mask.width * mask.height, {
    message: 'The mask is damaged; clear it and paint again',
  });

function hasPaint(data: Uint8Array): boolean {
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) return true;
  return false;
}

function imageErrors(image: JobImage | null | undefined): string[] {
  if (!image) return [NO_IMAGE];
  return imageSchema.safeParse(image).success
    ? []
    : ['The image could not be read; upload it again'];
}

function maskErrors(mask: JobMask | null | undefined, image: JobImage | null | undefined): string[] {
  if (!mask) return [EMPTY_MASK];
  const parsed = maskSchema.safeParse(mask);
  if (!parsed.success) return parsed.error.issues.slice(0, 1).map((issue) => issue.message);
  if (image && (mask.width !== image.width || mask.height !== image.height)) {
    return [
      `The mask (${mask.width}×${mask.height}) does not match the image ` +
        `(${image.width}×${image.height}); clear the mask and paint again`,
    ];
  }
  return hasPaint(mask.data) ? [] : [EMPTY_MASK];
}

/**
 * The one place a job is checked before it runs. Collects every problem at once
 * so the user can fix them together; with Random seed on, picks a fresh seed.
 */
export function buildJob(input: BuildJobInput, random: () => number = Math.random): BuildJobResult {
  const { image, mask, draft } = input;
  const errors = [...imageErrors(image), ...maskErrors(mask, image)];

  const validated = validateParams(draft);
  if (!validated.ok) {
    errors.push(...Object.values(validated.errors).filter((m): m is string => m !== undefined));
  }

  if (errors.length > 0 || !image || !mask || !validated.ok) return { ok: false, errors };

  const params = validated.params.randomSeed
    ? { ...validated.params, seed: rollSeed(random) }
    : validated.params;
  return { ok: true, job: { image, mask, params } };
}
