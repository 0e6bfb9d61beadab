/**
 * The engine contract: read this first. Every engine (the built-in remover, the local
 * ONNX models, each cloud provider) is an `Engine`. It says what it is and what it takes
 * (`meta`), whether it can run now (`readiness`), and runs one request (`run`), reporting
 * progress and handing over each image as soon as it has it. The job runner
 * (`jobs/runJob.ts`) does the rest: it crops the photo to the engine's size rules, splits
 * the variations into requests, pastes every image back into the full-size original.
 */
import type { EngineSizeRules } from '../compositing/engineSize';
import type { RgbaImage } from '../image/rgba';
import type { Mask } from '../mask/types';

/** Largest seed any engine is sent (unsigned 32-bit, what every backend takes). */
export const MAX_SEED = 4294967295;

export const schedulerIds = ['euler-a', 'euler', 'dpmpp-2m', 'dpmpp-2m-karras', 'ddim', 'lms', 'pndm', 'lcm'] as const;
export type SchedulerId = (typeof schedulerIds)[number];
export const schedulerLabels: Record<SchedulerId, string> = {
  'euler-a': 'Euler a',
  euler: 'Euler',
  'dpmpp-2m': 'DPM++ 2M',
  'dpmpp-2m-karras': 'DPM++ 2M Karras',
  ddim: 'DDIM',
  lms: 'LMS',
  pndm: 'PNDM',
  lcm: 'LCM',
};

/** A number the engine takes: its range and the value it works best with. */
export interface RangeSpec {
  min: number;
  max: number;
  default: number;
}

export interface TextSpec {
  /** The engine refuses an empty text (most cloud inpainting needs a prompt). */
  required?: boolean;
  /** Shortest and longest text accepted, in characters. */
  minLength?: number;
  maxLength?: number;
}

/**
 * The parameters an engine uses. A key that is absent is not used: the Parameters panel
 * disables its field, and the engine is never sent it.
 */
export interface EngineParamSpecs {
  prompt?: TextSpec;
  negativePrompt?: TextSpec;
  strength?: RangeSpec;
  steps?: RangeSpec;
  guidanceScale?: RangeSpec;
  scheduler?: { choices: readonly SchedulerId[]; default: SchedulerId };
  /** Seeds it accepts: 0..max. Absent when the engine ignores seeds. */
  seed?: { max: number };
  /** Style add-ons by id or URL with a weight (a provider's LoRAs), and textual-inversion embeddings. */
  loras?: { max: number };
  embeddings?: { max: number };
  /** How many variations one job may ask for (split into requests of maxVariationsPerRun). */
  variations: RangeSpec;
}

export type EngineParamKey = keyof EngineParamSpecs;

/** What an engine is and takes, for its current settings (the chosen model may change it). */
export interface EngineMeta {
  params: EngineParamSpecs;
  /** One line on why the parameters it does not use are off, shown beside them. */
  unusedParamsNote?: string;
  /** The most variations one request may ask for; more are sent as several requests. */
  maxVariationsPerRun: number;
  /** What picture sizes it accepts: the crop is planned to fit them. */
  sizeRules: EngineSizeRules;
  /** It can run with an empty mask: image to image, the whole picture reworked. */
  maskOptional: boolean;
  /** How many of its jobs may run at once (local engines 1, cloud providers several). */
  concurrency: number;
  /**
   * A remover: the feathered edge goes wholly outside the mask (mask/featherOutside), so
   * everything painted is replaced and nothing of the removed object shows through the
   * soft edge. Otherwise (the default) the feather is centred on the mask's edge.
   */
  featherOutside?: boolean;
  /** A request cut short by a reload can be picked up again from what it remembered (a provider's job id). */
  resumable?: boolean;
}

/** One setting the user gives an engine in Settings (a key, a model id). */
export interface EngineSettingField {
  key: string;
  /** The text box's accessible name, e.g. "Runflow API key". */
  label: string;
  /** Never shown back, never logged, kept only in memory unless the user asks to remember it. */
  secret?: boolean;
  default?: string;
  /** A line under the field: where to find it, what it changes. */
  hint?: string;
  /** Chosen elsewhere in the editor (the local model's Model select), not in the Settings dialog. */
  hidden?: boolean;
}

/** Settings the user chose for an engine (model id, keys): strings, kept by the app. */
export type EngineSettings = Readonly<Record<string, string>>;

export type EngineReadiness = { ready: true } | { ready: false; reason: string; fix?: string };

/** A style add-on: a LoRA's id or URL and how strongly it applies. */
export interface StyleAddOn {
  model: string;
  weight: number;
}

/** The values of the parameters, as an engine receives them. */
export interface EngineParamValues {
  prompt: string;
  negativePrompt: string;
  strength: number;
  steps: number;
  guidanceScale: number;
  scheduler: SchedulerId;
  loras: StyleAddOn[];
  embeddings: StyleAddOn[];
}

/** One request: the crop, its mask, one seed per image wanted, and only the parameters the engine uses. */
export interface EngineJob {
  /** Already at a size that meets the engine's size rules. */
  image: RgbaImage;
  /** Same size as image; 0 keep, 255 repaint, greys the feathered edge. Null: image to image. */
  mask: Mask | null;
  seeds: number[];
  params: Partial<EngineParamValues>;
  settings: EngineSettings;
  /** What this request remembered before a reload cut it short: pick it up instead of paying again. */
  resume?: unknown;
}

export interface ByteProgress {
  done: number;
  total: number;
}

/** How far a request has got, as the job queue shows it. */
export type EngineProgress =
  | { phase: 'preparing' }
  | { phase: 'downloading'; bytes: ByteProgress }
  | { phase: 'uploading'; bytes: ByteProgress }
  /** Waiting in a provider's own queue, or to try again (note says why). */
  | { phase: 'queued'; position?: number; etaSeconds?: number; note?: string }
  /** Step k of n, or a fraction 0..1 when that is all the engine knows; a preview when it has one. */
  | { phase: 'running'; step?: number; steps?: number; fraction?: number; preview?: RgbaImage | Blob }
  | { phase: 'finishing' };

/** One finished image: pixels, or encoded bytes (decoded off the main thread). */
export interface EngineImage {
  /** Which of the request's seeds it answers. */
  index: number;
  image: RgbaImage | Blob;
  /** The seed the engine says it used, when it is not the one asked for. */
  seed?: number;
}

export interface EngineRunContext {
  signal: AbortSignal;
  onProgress(progress: EngineProgress): void;
  /** Hand over each image as soon as it is done: it is pasted back and shown at once. */
  onImage(image: EngineImage): void;
  /** Keep what is needed to pick this request up after a reload (a provider's job id); stored in the job's record. */
  remember(state: unknown): void;
}

export interface EngineRunResult {
  /** What the provider charged for the request, when it says. */
  cost?: { amount: number; currency: string };
}

export interface Engine {
  readonly id: string;
  /** The name in the "Engine" select. */
  readonly label: string;
  /** What the user sets for it in Settings; absent for engines that need nothing. */
  readonly settingsFields?: readonly EngineSettingField[];
  meta(settings: EngineSettings): EngineMeta;
  /** Whether it can run now, and if not, why and how to fix it. */
  readiness(settings: EngineSettings): Promise<EngineReadiness>;
  /** One request. Resolves once every image has been handed to onImage; rejects with an EngineError. */
  run(job: EngineJob, context: EngineRunContext): Promise<EngineRunResult | void>;
  /** A cheap authenticated call for "Test connection": resolves with what it found, rejects with an EngineError. */
  testConnection?(settings: EngineSettings, signal: AbortSignal): Promise<string>;
  /** Frees what it holds (workers, model sessions) when the user switches away. */
  release?(): void | Promise<void>;
}

export type EngineErrorKind =
  | 'auth'
  | 'credits'
  | 'rate-limited'
  | 'unavailable'
  | 'invalid-input'
  | 'network'
  | 'out-of-memory'
  | 'cancelled'
  | 'unknown';

/** Trying again later may help with these; with the others it will not, unless the engine says so. */
const retryableKinds: ReadonlySet<EngineErrorKind> = new Set(['rate-limited', 'unavailable', 'network']);

export interface EngineErrorOptions {
  /** The HTTP status, when the failure came from one. */
  status?: number;
  /** How long the provider asked us to wait (Retry-After, retry_after). */
  retryAfterSeconds?: number;
  retryable?: boolean;
  /** The answer proves the request was not taken (429, 503 before acceptance, never reached): a paid submit may go again. */
  notAccepted?: boolean;
}

/** A failure the UI can explain: `message` is for the user, in the provider's own words where it gave some. */
export class EngineError extends Error {
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly notAccepted: boolean;

  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    options: EngineErrorOptions = {},
  ) {
    super(message);
    this.name = 'EngineError';
    this.retryable = options.retryable ?? retryableKinds.has(kind);
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.notAccepted = options.notAccepted ?? false;
  }

  static cancelled() {
    return new EngineError('cancelled', 'Cancelled.');
  }
}

/** Any thrown value as an EngineError, so the UI handles one type. */
export function toEngineError(error: unknown, signal?: AbortSignal): EngineError {
  if (error instanceof EngineError) return error;
  if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) return EngineError.cancelled();
  const detail = error instanceof Error ? error.message : String(error);
  if (/out of memory|allocation failed|Array buffer allocation/i.test(detail)) {
    return new EngineError('out-of-memory', `The browser ran out of memory for this job (${detail}). Try "Only masked" or a smaller image.`);
  }
  if (error instanceof TypeError && /fetch|network/i.test(detail)) {
    return new EngineError('network', `The connection failed (${detail}).`);
  }
  return new EngineError('unknown', `Something went wrong: ${detail}`);
}
