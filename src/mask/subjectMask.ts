import { featherMask } from './feather';
import { growMask } from './morphology';

/**
 * A subject model's alpha (0..255, full resolution) as a mask. Alpha up to NOISE is the
 * background's speckle and becomes 0 (a remover repaints anything above 0); from SOLID up it
 * is the subject and becomes 255; the band between is stretched, so the edge stays soft.
 */
export const NOISE = 32;
export const SOLID = 224;

/** How far the background reaches into the subject's edge, and how soft it is there (px). */
export const BACKGROUND_GROW_PX = 4;
export const BACKGROUND_FEATHER_PX = 4;

export interface SubjectMaskOptions {
  /** The background (the subject's inverse) instead of the subject. */
  background: boolean;
  /** Grow the selection by this many px (default: 0 for the subject, 4 for the background). */
  growPx?: number;
  /** Feather its (grown) edge by this radius (default: 0 for the subject, 4 for the background). */
  featherPx?: number;
}

/**
 * The subject, or the background grown into the subject's edge so its halo is repainted, and
 * feathered about the grown edge. The feather never lowers the selection itself (the
 * background stays 255), and the subject beyond the grown, feathered band stays 0: its
 * pixels are kept exactly.
 */
export function subjectToMask(alpha: Uint8Array, width: number, height: number, options: SubjectMaskOptions): Uint8Array<ArrayBuffer> {
  if (alpha.length !== width * height) throw new RangeError(`expected ${width * height} alpha values, got ${alpha.length}`);
  const region = new Uint8Array(alpha.length);
  const stretch = 255 / (SOLID - NOISE);
  for (let i = 0; i < alpha.length; i++) {
    const a = alpha[i];
    const subject = a <= NOISE ? 0 : a >= SOLID ? 255 : Math.round((a - NOISE) * stretch);
    region[i] = options.background ? 255 - subject : subject;
  }
  const growPx = options.growPx ?? (options.background ? BACKGROUND_GROW_PX : 0);
  const featherPx = options.featherPx ?? (options.background ? BACKGROUND_FEATHER_PX : 0);
  const grown = growPx > 0 ? growMask({ width, height, data: region }, growPx) : region;
  if (!(featherPx > 0)) return grown;
  const soft = featherMask(grown, width, height, featherPx);
  for (let i = 0; i < soft.length; i++) if (soft[i] < region[i]) soft[i] = region[i];
  return soft;
}

/** Takes `remove` out of `mask` in place, as the eraser does: each value falls to at most 255 - remove. */
export function subtractMask(mask: Uint8Array, remove: Uint8Array): void {
  if (mask.length !== remove.length) throw new RangeError(`masks of ${mask.length} and ${remove.length} values`);
  for (let i = 0; i < mask.length; i++) {
    const keep = 255 - remove[i];
    if (mask[i] > keep) mask[i] = keep;
  }
}
