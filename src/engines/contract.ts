import type { JobParams } from '../jobs/params';
import type { Mask } from '../mask/types';

/** Straight-alpha RGBA pixels, 4 bytes per pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Size rules an engine puts on what it is sent; the crop is planned to fit them. */
export interface EngineSizeRules {
  /** Width and height must be multiples of this (8 for SD latents, 64 for some APIs). */
  multipleOf: number;
  /** The width/height ratio the engine wants; undefined = any. */
  aspect?: number;
  minSide?: number;
  /** Larger crops are scaled down to this before they are sent. */
  maxSide?: number;
}

/** What an engine is asked to do: the (cropped, scaled) image and mask, and the parameters. */
export interface EngineJob {
  image: RgbaImage;
  /** Same size as image; 0 keep, 255 repaint, greys the feathered edge. */
  mask: Mask;
  params: JobParams;
  /** One seed per variation, in order. */
  seeds: number[];
}

/** How far a job has got, for the progress bar. */
export interface EngineProgress {
  phase: 'queued' | 'downloading' | 'preparing' | 'running' | 'finishing';
  /** Step k of n (diffusion steps, or variations for the remover). */
  step?: number;
  steps?: number;
  bytes?: { done: number; total: number };
}

export interface EngineRunContext {
  signal: AbortSignal;
  onProgress: (progress: EngineProgress) => void;
}

/** One image per seed, same size as the job's image (engines may differ; the caller scales). */
export interface EngineOutput {
  images: RgbaImage[];
}

/**
 * The one contract every engine implements: the built-in remover, the local ONNX models
 * and each cloud provider. Runs are cancelled through the signal.
 */
export interface Engine {
  id: string;
  /** The name in the "Engine" select. */
  label: string;
  sizeRules: EngineSizeRules;
  run(job: EngineJob, context: EngineRunContext): Promise<EngineOutput>;
}

export type EngineErrorKind = 'cancelled' | 'network' | 'rate-limited' | 'provider' | 'invalid-job' | 'out-of-memory' | 'internal';

/** A failure the UI can explain: `message` is for the user, `retryable` says whether trying again may help. */
export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'EngineError';
  }

  static cancelled() {
    return new EngineError('cancelled', 'Cancelled.', false);
  }
}

/** Any thrown value as an EngineError, so the UI handles one type. */
export function toEngineError(error: unknown, signal?: AbortSignal): EngineError {
  if (error instanceof EngineError) return error;
  if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) return EngineError.cancelled();
  const detail = error instanceof Error ? error.message : String(error);
  if (/out of memory|allocation failed|Array buffer allocation/i.test(detail)) {
    return new EngineError('out-of-memory', `The browser ran out of memory for this job (${detail}). Try "Only masked" or a smaller image.`, false);
  }
  return new EngineError('internal', `Something went wrong: ${detail}`, true);
}
