/** What the schedulers share: the config and its errors, numpy-exact spacing, the training schedule, sigmas, elementwise helpers. */
import type { SchedulerId } from '../../contract';

/** The keys of a diffusers scheduler_config.json this module reads. */
export interface SchedulerConfig {
  num_train_timesteps?: number;
  beta_start?: number;
  beta_end?: number;
  beta_schedule?: string;
  trained_betas?: readonly number[] | null;
  prediction_type?: string;
  set_alpha_to_one?: boolean;
  steps_offset?: number;
  timestep_spacing?: string;
  use_karras_sigmas?: boolean;
  clip_sample?: boolean;
  clip_sample_range?: number;
  final_sigmas_type?: string;
  sigma_min?: number | null;
  sigma_max?: number | null;
  interpolation_type?: string;
  solver_type?: string;
  lower_order_final?: boolean;
  euler_at_final?: boolean;
  original_inference_steps?: number;
  timestep_scaling?: number;
  rescale_betas_zero_snr?: boolean;
  thresholding?: boolean;
  [key: string]: unknown;
}


/** The strength leaves no step to run (diffusers raises a ValueError there). */
export class NoStepsLeftError extends Error {
  readonly steps: number;
  readonly strength: number;
  constructor(steps: number, strength: number) {
    super(`Strength ${strength} with ${steps} steps leaves no step to run: raise the strength or the number of steps.`);
    this.name = 'NoStepsLeftError';
    this.steps = steps;
    this.strength = strength;
  }
}

/** The scheduler config (or the steps asked for) is something this module cannot follow. */
export class SchedulerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchedulerConfigError';
  }
}

export interface Scheduler {
  readonly id: SchedulerId;
  /** The steps asked for, before strength. */
  readonly steps: number;
  /** Index of the first step run in the full schedule (diffusers' t_start). */
  readonly startIndex: number;
  /**
   * The UNet's timestep for each call, in order (PNDM calls the UNet steps + 1 times, its second
   * timestep twice). Euler and LMS with "linspace" spacing or Karras sigmas give fractional values:
   * round them for an integer `timestep` input.
   */
  readonly timesteps: readonly number[];
  /** Euler, Euler a, LMS, DPM++: the noise level at each call, then the final one (length timesteps + 1). */
  readonly sigmas?: Float64Array;
  /** Multiply pure noise by this to start at strength 1. */
  readonly initNoiseSigma: number;
  /** step() wants fresh standard-normal noise (Euler a on every step but the last, LCM on every step but the last). */
  readonly needsNoise: boolean;
  /** The UNet's input for call i: the sample itself, or divided by sqrt(sigma^2 + 1) (Euler family) into `out` when given. */
  scaleModelInput(sample: Float32Array, i: number, out?: Float32Array): Float32Array;
  /**
   * The sample after call i (the next call's input); noise as needsNoise says. Euler and Euler a
   * write it into `out` when given (it may be `sample` itself: they go value by value); the
   * others, which keep a history, return a new array.
   */
  step(modelOutput: Float32Array, i: number, sample: Float32Array, noise?: Float32Array, out?: Float32Array): Float32Array;
  /** `original` noised to the level of call i's input; i = timesteps.length gives `original` back (a copy). */
  addNoise(original: Float32Array, noise: Float32Array, i: number): Float32Array;
}

export interface CreateOptions {
  /** Img2img / inpainting strength in (0, 1]; 1 (the default) runs every step from pure noise. */
  strength?: number;
}

// ---------------------------------------------------------------------------------------------
// numpy helpers, so that timesteps match diffusers exactly

/** numpy's round: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** np.linspace(start, stop, num) (endpoint included), as numpy computes it. */
export function linspace(start: number, stop: number, num: number, endpoint = true): number[] {
  const div = endpoint ? num - 1 : num;
  if (num === 1) return [start];
  const step = (stop - start) / div;
  const out = Array.from({ length: num }, (_, i) => i * step + start);
  if (endpoint) out[num - 1] = stop;
  return out;
}

/** np.interp(x, arange(len(ys)), ys) for x within [0, len - 1]. */
export function interpIndex(x: number, ys: Float64Array): number {
  if (x <= 0) return ys[0];
  if (x >= ys.length - 1) return ys[ys.length - 1];
  const lo = Math.floor(x);
  const w = x - lo;
  return w === 0 ? ys[lo] : ys[lo] + (ys[lo + 1] - ys[lo]) * w;
}

// ---------------------------------------------------------------------------------------------
// the training schedule

interface Defaults {
  beta_start: number;
  beta_end: number;
  beta_schedule: string;
  timestep_spacing: string;
  set_alpha_to_one: boolean;
  clip_sample: boolean;
}

/** diffusers' class defaults for the keys a config may leave out. */
export const CLASS_DEFAULTS: Record<SchedulerId, Defaults> = {
  ddim: { beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', timestep_spacing: 'leading', set_alpha_to_one: true, clip_sample: true },
  euler: { beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', timestep_spacing: 'linspace', set_alpha_to_one: false, clip_sample: false },
  'euler-a': { beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', timestep_spacing: 'linspace', set_alpha_to_one: false, clip_sample: false },
  'dpmpp-2m': { beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', timestep_spacing: 'linspace', set_alpha_to_one: false, clip_sample: false },
  'dpmpp-2m-karras': { beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', timestep_spacing: 'linspace', set_alpha_to_one: false, clip_sample: false },
  lms: { beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', timestep_spacing: 'linspace', set_alpha_to_one: false, clip_sample: false },
  pndm: { beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', timestep_spacing: 'leading', set_alpha_to_one: false, clip_sample: false },
  lcm: { beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'scaled_linear', timestep_spacing: 'leading', set_alpha_to_one: true, clip_sample: false },
};

export function numTrain(config: SchedulerConfig): number {
  const n = config.num_train_timesteps ?? 1000;
  if (!Number.isInteger(n) || n < 2) throw new SchedulerConfigError(`num_train_timesteps must be an integer of at least 2, got ${n}`);
  return n;
}

/** The betas of the training schedule ("linear", "scaled_linear", "squaredcos_cap_v2" or trained_betas). */
export function betas(config: SchedulerConfig, defaults: Pick<Defaults, 'beta_start' | 'beta_end' | 'beta_schedule'> = CLASS_DEFAULTS.pndm): Float64Array {
  const n = numTrain(config);
  if (config.trained_betas) {
    if (config.trained_betas.length !== n) throw new SchedulerConfigError(`trained_betas has ${config.trained_betas.length} values, num_train_timesteps is ${n}`);
    return Float64Array.from(config.trained_betas);
  }
  const start = config.beta_start ?? defaults.beta_start;
  const end = config.beta_end ?? defaults.beta_end;
  const schedule = config.beta_schedule ?? defaults.beta_schedule;
  if (schedule === 'linear') return Float64Array.from(linspace(start, end, n));
  if (schedule === 'scaled_linear') return Float64Array.from(linspace(Math.sqrt(start), Math.sqrt(end), n), (v) => v * v);
  if (schedule === 'squaredcos_cap_v2') {
    // betas_for_alpha_bar, cosine
    const alphaBar = (t: number) => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    return Float64Array.from({ length: n }, (_, i) => Math.min(1 - alphaBar((i + 1) / n) / alphaBar(i / n), 0.999));
  }
  throw new SchedulerConfigError(`beta_schedule "${schedule}" is not supported (linear, scaled_linear, squaredcos_cap_v2)`);
}

/** cumprod(1 - betas): alphas_cumprod[t] is the share of signal left at training timestep t. */
export function alphasCumprod(config: SchedulerConfig, defaults?: Pick<Defaults, 'beta_start' | 'beta_end' | 'beta_schedule'>): Float64Array {
  const b = betas(config, defaults);
  const out = new Float64Array(b.length);
  let prod = 1;
  for (let i = 0; i < b.length; i++) {
    prod *= 1 - b[i];
    out[i] = prod;
  }
  return out;
}

/** sqrt((1 - a) / a) for every training timestep (increasing with t). */
export function trainSigmas(ac: Float64Array): Float64Array {
  return ac.map((a) => Math.sqrt((1 - a) / a));
}

// ---------------------------------------------------------------------------------------------
// strength

/**
 * diffusers' get_timesteps: init = min(int(steps * strength), steps), the run starts at steps - init.
 * Throws NoStepsLeftError when init is 0.
 */
export function startStep(steps: number, strength: number): number {
  checkSteps(steps);
  if (!(strength > 0 && strength <= 1)) throw new RangeError(`strength must be in (0, 1], got ${strength}`);
  const init = Math.min(Math.trunc(steps * strength), steps);
  if (init < 1) throw new NoStepsLeftError(steps, strength);
  return steps - init;
}

export function checkSteps(steps: number): void {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${steps}`);
}

// ---------------------------------------------------------------------------------------------
// timesteps per spacing

/** DDIM, Euler, Euler a and LMS: descending timesteps; linspace values stay fractional unless `roundLinspace`. */
export function spacedTimesteps(spacing: string, steps: number, train: number, offset: number, roundLinspace: boolean): number[] {
  if (spacing === 'linspace') {
    const ts = linspace(0, train - 1, steps).reverse();
    return roundLinspace ? ts.map(roundHalfEven) : ts;
  }
  if (spacing === 'leading') {
    const ratio = Math.floor(train / steps);
    return Array.from({ length: steps }, (_, i) => (steps - 1 - i) * ratio + offset);
  }
  if (spacing === 'trailing') {
    // np.round(np.arange(train, 0, -train / steps)) - 1; numpy's arange gives one value too many
    // for some step counts (61, 103, ...): only the first `steps` are kept here.
    const ratio = train / steps;
    return Array.from({ length: steps }, (_, i) => roundHalfEven(train - i * ratio) - 1);
  }
  throw new SchedulerConfigError(`timestep_spacing "${spacing}" is not supported (leading, trailing, linspace)`);
}

export function checkMaxSteps(steps: number, train: number): void {
  if (steps > train) throw new SchedulerConfigError(`${steps} steps cannot be more than num_train_timesteps (${train})`);
}

// ---------------------------------------------------------------------------------------------
// sigmas

/** diffusers' _sigma_to_t: the (fractional) training timestep of a noise level, interpolating log sigmas. */
export function sigmaToT(sigma: number, logSigmas: Float64Array): number {
  const logSigma = Math.log(Math.max(sigma, 1e-10));
  // numpy: argmax(cumsum(log_sigma - log_sigmas >= 0)), the first index where the running count peaks.
  let low = 0;
  let running = 0;
  let best = -1;
  for (let k = 0; k < logSigmas.length; k++) {
    if (logSigma - logSigmas[k] >= 0) running++;
    if (running > best) {
      best = running;
      low = k;
    }
  }
  low = Math.min(low, logSigmas.length - 2);
  const high = low + 1;
  const w = Math.min(Math.max((logSigmas[low] - logSigma) / (logSigmas[low] - logSigmas[high]), 0), 1);
  return (1 - w) * low + w * high;
}

/** Karras et al. (2022) noise levels, rho 7, from sigmaMax down to sigmaMin. */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, steps: number): number[] {
  const rho = 7;
  const minInv = sigmaMin ** (1 / rho);
  const maxInv = sigmaMax ** (1 / rho);
  return linspace(0, 1, steps).map((ramp) => (maxInv + ramp * (minInv - maxInv)) ** rho);
}

export function finalSigma(config: SchedulerConfig, ac: Float64Array): number {
  const type = config.final_sigmas_type ?? 'zero';
  if (type === 'zero') return 0;
  if (type === 'sigma_min') return Math.sqrt((1 - ac[0]) / ac[0]);
  throw new SchedulerConfigError(`final_sigmas_type "${type}" is not supported (zero, sigma_min)`);
}

// ---------------------------------------------------------------------------------------------
// elementwise helpers

export function checkLength(a: Float32Array, b: Float32Array, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what} has ${b.length} values, the sample ${a.length}`);
}

/** out[k] = a * x[k] + b * y[k] */
export function axpby(a: number, x: Float32Array, b: number, y: Float32Array): Float32Array {
  checkLength(x, y, 'the second tensor');
  const out = new Float32Array(x.length);
  for (let k = 0; k < x.length; k++) out[k] = a * x[k] + b * y[k];
  return out;
}

/** x * s, into `out` when given: a run reuses its buffers, as a fresh one costs a page fault per 4 KB. */
export function scale(x: Float32Array, s: number, out: Float32Array = new Float32Array(x.length)): Float32Array {
  for (let k = 0; k < x.length; k++) out[k] = x[k] * s;
  return out;
}

type Prediction = 'epsilon' | 'v_prediction' | 'sample';

export function predictionType(config: SchedulerConfig): Prediction {
  const p = config.prediction_type ?? 'epsilon';
  if (p === 'epsilon' || p === 'v_prediction' || p === 'sample') return p;
  throw new SchedulerConfigError(`prediction_type "${p}" is not supported (epsilon, v_prediction, sample)`);
}

export function checkUnsupported(config: SchedulerConfig): void {
  if (config.rescale_betas_zero_snr) throw new SchedulerConfigError('rescale_betas_zero_snr is not supported');
  if (config.thresholding) throw new SchedulerConfigError('thresholding is not supported');
}

export function requireNoise(id: SchedulerId, noise: Float32Array | undefined, sample: Float32Array, i: number): Float32Array {
  if (!noise) throw new RangeError(`${id} needs fresh noise for step ${i}`);
  checkLength(sample, noise, 'the step noise');
  return noise;
}

/** Stateful multistep schedulers must see the steps in order. */
export function orderGuard(id: SchedulerId) {
  let next = 0;
  return (i: number) => {
    if (i !== next) throw new RangeError(`${id}: step ${i} called, step ${next} expected (one scheduler per run, steps in order)`);
    next++;
  };
}
