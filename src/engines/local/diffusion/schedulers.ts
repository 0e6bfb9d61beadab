/**
 * Diffusion schedulers, built from a diffusers `scheduler_config.json`, following the formulas of
 * diffusers' scheduler classes (src/diffusers/schedulers/scheduling_*.py):
 * - 'ddim'            DDIMScheduler, eta 0
 * - 'euler'           EulerDiscreteScheduler (s_churn 0)
 * - 'euler-a'         EulerAncestralDiscreteScheduler (fresh noise each step)
 * - 'dpmpp-2m'        DPMSolverMultistepScheduler, dpmsolver++, order 2, no Karras sigmas
 * - 'dpmpp-2m-karras' the same with Karras sigmas
 * - 'lms'             LMSDiscreteScheduler, order 4
 * - 'pndm'            PNDMScheduler's PLMS steps (skip_prk_steps), what Stable Diffusion's configs use
 * - 'lcm'             LCMScheduler (1-8 steps for LCM models; fresh noise between steps)
 *
 * Latents are Float32Array (any layout: every operation is elementwise); the arithmetic is float64.
 * A scheduler is made for one run: `createScheduler(id, config, steps, { strength })` gives the
 * timesteps to run (already cut by strength), and `step` must be called for i = 0, 1, 2, ... in order.
 * Config keys a scheduler class does not have are ignored, absent keys take that class's diffusers
 * default (as `Scheduler.from_config(pipe.scheduler.config)` does).
 */
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
  /** The UNet's input for call i: the sample itself, or divided by sqrt(sigma^2 + 1) (Euler family). */
  scaleModelInput(sample: Float32Array, i: number): Float32Array;
  /** The sample after call i (the next call's input); noise as needsNoise says. */
  step(modelOutput: Float32Array, i: number, sample: Float32Array, noise?: Float32Array): Float32Array;
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
function linspace(start: number, stop: number, num: number, endpoint = true): number[] {
  const div = endpoint ? num - 1 : num;
  if (num === 1) return [start];
  const step = (stop - start) / div;
  const out = Array.from({ length: num }, (_, i) => i * step + start);
  if (endpoint) out[num - 1] = stop;
  return out;
}

/** np.interp(x, arange(len(ys)), ys) for x within [0, len - 1]. */
function interpIndex(x: number, ys: Float64Array): number {
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
const CLASS_DEFAULTS: Record<SchedulerId, Defaults> = {
  ddim: { beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', timestep_spacing: 'leading', set_alpha_to_one: true, clip_sample: true },
  euler: { beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', timestep_spacing: 'linspace', set_alpha_to_one: false, clip_sample: false },
  'euler-a': { beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', timestep_spacing: 'linspace', set_alpha_to_one: false, clip_sample: false },
  'dpmpp-2m': { beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', timestep_spacing: 'linspace', set_alpha_to_one: false, clip_sample: false },
  'dpmpp-2m-karras': { beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', timestep_spacing: 'linspace', set_alpha_to_one: false, clip_sample: false },
  lms: { beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', timestep_spacing: 'linspace', set_alpha_to_one: false, clip_sample: false },
  pndm: { beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', timestep_spacing: 'leading', set_alpha_to_one: false, clip_sample: false },
  lcm: { beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'scaled_linear', timestep_spacing: 'leading', set_alpha_to_one: true, clip_sample: false },
};

function numTrain(config: SchedulerConfig): number {
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
function trainSigmas(ac: Float64Array): Float64Array {
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

function checkSteps(steps: number): void {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${steps}`);
}

// ---------------------------------------------------------------------------------------------
// timesteps per spacing

/** DDIM, Euler, Euler a and LMS: descending timesteps; linspace values stay fractional unless `roundLinspace`. */
function spacedTimesteps(spacing: string, steps: number, train: number, offset: number, roundLinspace: boolean): number[] {
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

function checkMaxSteps(steps: number, train: number): void {
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

function finalSigma(config: SchedulerConfig, ac: Float64Array): number {
  const type = config.final_sigmas_type ?? 'zero';
  if (type === 'zero') return 0;
  if (type === 'sigma_min') return Math.sqrt((1 - ac[0]) / ac[0]);
  throw new SchedulerConfigError(`final_sigmas_type "${type}" is not supported (zero, sigma_min)`);
}

// ---------------------------------------------------------------------------------------------
// elementwise helpers

function checkLength(a: Float32Array, b: Float32Array, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what} has ${b.length} values, the sample ${a.length}`);
}

/** out[k] = a * x[k] + b * y[k] */
function axpby(a: number, x: Float32Array, b: number, y: Float32Array): Float32Array {
  checkLength(x, y, 'the second tensor');
  const out = new Float32Array(x.length);
  for (let k = 0; k < x.length; k++) out[k] = a * x[k] + b * y[k];
  return out;
}

function scale(x: Float32Array, s: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let k = 0; k < x.length; k++) out[k] = x[k] * s;
  return out;
}

type Prediction = 'epsilon' | 'v_prediction' | 'sample';

function predictionType(config: SchedulerConfig): Prediction {
  const p = config.prediction_type ?? 'epsilon';
  if (p === 'epsilon' || p === 'v_prediction' || p === 'sample') return p;
  throw new SchedulerConfigError(`prediction_type "${p}" is not supported (epsilon, v_prediction, sample)`);
}

function checkUnsupported(config: SchedulerConfig): void {
  if (config.rescale_betas_zero_snr) throw new SchedulerConfigError('rescale_betas_zero_snr is not supported');
  if (config.thresholding) throw new SchedulerConfigError('thresholding is not supported');
}

function requireNoise(id: SchedulerId, noise: Float32Array | undefined, sample: Float32Array, i: number): Float32Array {
  if (!noise) throw new RangeError(`${id} needs fresh noise for step ${i}`);
  checkLength(sample, noise, 'the step noise');
  return noise;
}

/** Stateful multistep schedulers must see the steps in order. */
function orderGuard(id: SchedulerId) {
  let next = 0;
  return (i: number) => {
    if (i !== next) throw new RangeError(`${id}: step ${i} called, step ${next} expected (one scheduler per run, steps in order)`);
    next++;
  };
}

// ---------------------------------------------------------------------------------------------
// the schedulers

export function createScheduler(id: SchedulerId, config: SchedulerConfig, steps: number, options: CreateOptions = {}): Scheduler {
  checkSteps(steps);
  checkUnsupported(config);
  const strength = options.strength ?? 1;
  const start = startStep(steps, strength);
  switch (id) {
    case 'ddim':
      return ddim(config, steps, start);
    case 'euler':
    case 'euler-a':
    case 'lms':
      return sigmaScheduler(id, config, steps, start);
    case 'dpmpp-2m':
    case 'dpmpp-2m-karras':
      return dpmSolver(id, config, steps, start);
    case 'pndm':
      return pndm(config, steps, start);
    case 'lcm':
      return lcm(config, steps, start);
    default:
      throw new SchedulerConfigError(`unknown scheduler "${String(id)}"`);
  }
}

/** x0 and eps from a model output at alphas_cumprod a (DDIM, PNDM, LCM). */
function alphaSpaceAddNoise(ac: Float64Array, timesteps: readonly number[]) {
  return (original: Float32Array, noise: Float32Array, i: number): Float32Array => {
    if (i >= timesteps.length) return Float32Array.from(original);
    const a = ac[timesteps[i]];
    return axpby(Math.sqrt(a), original, Math.sqrt(1 - a), noise);
  };
}

function ddim(config: SchedulerConfig, steps: number, start: number): Scheduler {
  const d = CLASS_DEFAULTS.ddim;
  const train = numTrain(config);
  checkMaxSteps(steps, train);
  const ac = alphasCumprod(config, d);
  const finalAlpha = (config.set_alpha_to_one ?? d.set_alpha_to_one) ? 1 : ac[0];
  const prediction = predictionType(config);
  const clip = config.clip_sample ?? d.clip_sample;
  const clipRange = config.clip_sample_range ?? 1;
  const all = spacedTimesteps(config.timestep_spacing ?? d.timestep_spacing, steps, train, config.steps_offset ?? 0, true);
  const timesteps = all.slice(start);
  const stride = Math.floor(train / steps);
  return {
    id: 'ddim',
    steps,
    startIndex: start,
    timesteps,
    initNoiseSigma: 1,
    needsNoise: false,
    scaleModelInput: (sample) => sample,
    step(modelOutput, i, sample) {
      checkLength(sample, modelOutput, 'the model output');
      const t = timesteps[i];
      const prev = t - stride;
      const a = ac[t];
      const aPrev = prev >= 0 ? ac[prev] : finalAlpha;
      const sa = Math.sqrt(a);
      const sb = Math.sqrt(1 - a);
      const out = new Float32Array(sample.length);
      for (let k = 0; k < sample.length; k++) {
        const x = sample[k];
        const m = modelOutput[k];
        let x0: number;
        let eps: number;
        if (prediction === 'epsilon') {
          x0 = (x - sb * m) / sa;
          eps = m;
        } else if (prediction === 'v_prediction') {
          x0 = sa * x - sb * m;
          eps = sa * m + sb * x;
        } else {
          x0 = m;
          eps = (x - sa * x0) / sb;
        }
        if (clip) x0 = Math.min(Math.max(x0, -clipRange), clipRange);
        out[k] = Math.sqrt(aPrev) * x0 + Math.sqrt(1 - aPrev) * eps;
      }
      return out;
    },
    addNoise: alphaSpaceAddNoise(ac, timesteps),
  };
}

/** Euler, Euler ancestral and LMS: noise levels sigma, samples x = x0 + sigma * eps. */
function sigmaScheduler(id: 'euler' | 'euler-a' | 'lms', config: SchedulerConfig, steps: number, start: number): Scheduler {
  const d = CLASS_DEFAULTS[id];
  const train = numTrain(config);
  checkMaxSteps(steps, train);
  const ac = alphasCumprod(config, d);
  const prediction = predictionType(config);
  const spacing = config.timestep_spacing ?? d.timestep_spacing;
  const base = trainSigmas(ac);
  let ts = spacedTimesteps(spacing, steps, train, config.steps_offset ?? 0, false);
  let levels = ts.map((t) => interpIndex(t, base));
  // Euler a has no Karras option in diffusers; Euler and LMS take it from the config.
  if (id !== 'euler-a' && config.use_karras_sigmas) {
    const logSigmas = base.map(Math.log);
    // Both take the ends of the spaced sigmas; Euler lets sigma_min / sigma_max in the config override them.
    const lo = (id === 'euler' ? config.sigma_min : null) ?? levels[levels.length - 1];
    const hi = (id === 'euler' ? config.sigma_max : null) ?? levels[0];
    levels = karrasSigmas(lo, hi, steps);
    ts = levels.map((s) => sigmaToT(s, logSigmas));
  }
  if (id === 'euler' && (config.interpolation_type ?? 'linear') !== 'linear') {
    throw new SchedulerConfigError(`interpolation_type "${String(config.interpolation_type)}" is not supported (linear)`);
  }
  const last = id === 'euler' ? finalSigma(config, ac) : 0;
  const allSigmas = Float64Array.from([...levels, last]);
  const sigmaMax = Math.max(...allSigmas);
  const initNoiseSigma = spacing === 'linspace' || spacing === 'trailing' ? sigmaMax : Math.sqrt(sigmaMax * sigmaMax + 1);
  const timesteps = ts.slice(start);
  const sigmas = allSigmas.slice(start);
  const x0Of = (x: number, m: number, sigma: number) => {
    if (prediction === 'epsilon') return x - sigma * m;
    if (prediction === 'v_prediction') return m * (-sigma / Math.sqrt(sigma * sigma + 1)) + x / (sigma * sigma + 1);
    return m;
  };
  const derivatives: Float32Array[] = [];
  const guard = id === 'lms' ? orderGuard(id) : () => {};

  const step = (modelOutput: Float32Array, i: number, sample: Float32Array, noise?: Float32Array): Float32Array => {
    checkLength(sample, modelOutput, 'the model output');
    guard(i);
    const sigma = sigmas[i];
    const sigmaNext = sigmas[i + 1];
    const out = new Float32Array(sample.length);
    if (id === 'euler') {
      for (let k = 0; k < sample.length; k++) {
        const x = sample[k];
        const derivative = (x - x0Of(x, modelOutput[k], sigma)) / sigma;
        out[k] = x + derivative * (sigmaNext - sigma);
      }
      return out;
    }
    if (id === 'euler-a') {
      const up = Math.sqrt((sigmaNext * sigmaNext * (sigma * sigma - sigmaNext * sigmaNext)) / (sigma * sigma));
      const down = Math.sqrt(sigmaNext * sigmaNext - up * up);
      const n = up > 0 ? requireNoise(id, noise, sample, i) : null;
      for (let k = 0; k < sample.length; k++) {
        const x = sample[k];
        const derivative = (x - x0Of(x, modelOutput[k], sigma)) / sigma;
        out[k] = x + derivative * (down - sigma) + (n ? n[k] * up : 0);
      }
      return out;
    }
    // LMS: linear multistep over the last (up to 4) derivatives.
    const derivative = new Float32Array(sample.length);
    for (let k = 0; k < sample.length; k++) derivative[k] = (sample[k] - x0Of(sample[k], modelOutput[k], sigma)) / sigma;
    derivatives.push(derivative);
    if (derivatives.length > 4) derivatives.shift();
    const order = Math.min(i + 1, 4);
    const coeffs = Array.from({ length: order }, (_, current) => lmsCoefficient(sigmas, order, i, current));
    out.set(sample);
    for (let c = 0; c < Math.min(order, derivatives.length); c++) {
      const dv = derivatives[derivatives.length - 1 - c];
      for (let k = 0; k < out.length; k++) out[k] += coeffs[c] * dv[k];
    }
    return out;
  };

  return {
    id,
    steps,
    startIndex: start,
    timesteps,
    sigmas,
    initNoiseSigma,
    needsNoise: id === 'euler-a',
    scaleModelInput: (sample, i) => scale(sample, 1 / Math.sqrt(sigmas[i] * sigmas[i] + 1)),
    step,
    addNoise(original, noise, i) {
      if (i >= timesteps.length) return Float32Array.from(original);
      return axpby(1, original, sigmas[i], noise);
    },
  };
}

/** The integral from sigmas[t] to sigmas[t + 1] of the Lagrange basis polynomial `current` over sigmas[t - k], k < order. */
export function lmsCoefficient(sigmas: Float64Array, order: number, t: number, current: number): number {
  const basis = (tau: number) => {
    let prod = 1;
    for (let k = 0; k < order; k++) {
      if (k === current) continue;
      prod *= (tau - sigmas[t - k]) / (sigmas[t - current] - sigmas[t - k]);
    }
    return prod;
  };
  // 4-point Gauss-Legendre: exact for polynomials up to degree 7 (the basis has degree order - 1 <= 3).
  const a = sigmas[t];
  const b = sigmas[t + 1];
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  const nodes = [0.3399810435848563, 0.8611363115940526];
  const weights = [0.6521451548625461, 0.3478548451374538];
  let sum = 0;
  for (let j = 0; j < 2; j++) sum += weights[j] * (basis(mid - half * nodes[j]) + basis(mid + half * nodes[j]));
  return sum * half;
}

function dpmSolver(id: 'dpmpp-2m' | 'dpmpp-2m-karras', config: SchedulerConfig, steps: number, start: number): Scheduler {
  const d = CLASS_DEFAULTS[id];
  const train = numTrain(config);
  checkMaxSteps(steps, train);
  const ac = alphasCumprod(config, d);
  const prediction = predictionType(config);
  const base = trainSigmas(ac);
  const spacing = config.timestep_spacing ?? d.timestep_spacing;
  const offset = config.steps_offset ?? 0;
  // lambda_min_clipped is -inf by default: last_timestep = num_train_timesteps.
  const lastTimestep = train;
  let ts: number[];
  if (spacing === 'linspace') ts = linspace(0, lastTimestep - 1, steps + 1).map(roundHalfEven).reverse().slice(0, steps);
  else if (spacing === 'leading') {
    const ratio = Math.floor(lastTimestep / (steps + 1));
    ts = Array.from({ length: steps }, (_, i) => (steps - i) * ratio + offset);
  } else if (spacing === 'trailing') {
    const ratio = train / steps;
    ts = Array.from({ length: steps }, (_, i) => roundHalfEven(lastTimestep - i * ratio) - 1);
  } else throw new SchedulerConfigError(`timestep_spacing "${spacing}" is not supported (leading, trailing, linspace)`);
  let levels: number[];
  if (id === 'dpmpp-2m-karras') {
    const logSigmas = base.map(Math.log);
    levels = karrasSigmas(config.sigma_min ?? base[0], config.sigma_max ?? base[base.length - 1], steps);
    ts = levels.map((s) => roundHalfEven(sigmaToT(s, logSigmas)));
  } else {
    levels = ts.map((t) => interpIndex(t, base));
  }
  const allSigmas = Float64Array.from([...levels, finalSigma(config, ac)]);
  const timesteps = ts.slice(start);
  const sigmas = allSigmas.slice(start);
  const heun = config.solver_type === 'heun';
  const lowerOrderFinal = config.lower_order_final ?? true;
  const eulerAtFinal = config.euler_at_final ?? false;
  const finalZero = (config.final_sigmas_type ?? 'zero') === 'zero';
  const alphaSigma = (sigma: number) => {
    const alpha = 1 / Math.sqrt(sigma * sigma + 1);
    return { alpha, sigma: sigma * alpha, lambda: Math.log(alpha) - Math.log(sigma * alpha) };
  };
  const guard = orderGuard(id);
  let previousX0: Float32Array | null = null;
  let lowerOrderNums = 0;

  return {
    id,
    steps,
    startIndex: start,
    timesteps,
    sigmas,
    initNoiseSigma: 1,
    needsNoise: false,
    scaleModelInput: (sample) => sample,
    step(modelOutput, i, sample) {
      checkLength(sample, modelOutput, 'the model output');
      guard(i);
      const s0 = alphaSigma(sigmas[i]);
      const x0 = new Float32Array(sample.length);
      for (let k = 0; k < sample.length; k++) {
        const m = modelOutput[k];
        x0[k] = prediction === 'epsilon' ? (sample[k] - s0.sigma * m) / s0.alpha : prediction === 'v_prediction' ? s0.alpha * sample[k] - s0.sigma * m : m;
      }
      const last = i === timesteps.length - 1;
      const lowerFinal = last && (eulerAtFinal || (lowerOrderFinal && steps < 15) || finalZero);
      const target = alphaSigma(sigmas[i + 1]);
      const h = target.lambda - s0.lambda;
      const ratio = target.sigma / s0.sigma;
      const expm1 = Math.exp(-h) - 1;
      const out = new Float32Array(sample.length);
      if (lowerOrderNums < 1 || lowerFinal || !previousX0) {
        for (let k = 0; k < out.length; k++) out[k] = ratio * sample[k] - target.alpha * expm1 * x0[k];
      } else {
        const s1 = alphaSigma(sigmas[i - 1]);
        const r0 = (s0.lambda - s1.lambda) / h;
        const prev = previousX0;
        for (let k = 0; k < out.length; k++) {
          const d1 = (x0[k] - prev[k]) / r0;
          out[k] = heun
            ? ratio * sample[k] - target.alpha * expm1 * x0[k] + target.alpha * (expm1 / h + 1) * d1
            : ratio * sample[k] - target.alpha * expm1 * x0[k] - 0.5 * target.alpha * expm1 * d1;
        }
      }
      previousX0 = x0;
      if (lowerOrderNums < 2) lowerOrderNums++;
      return out;
    },
    addNoise(original, noise, i) {
      if (i >= timesteps.length) return Float32Array.from(original);
      const { alpha, sigma } = alphaSigma(sigmas[i]);
      return axpby(alpha, original, sigma, noise);
    },
  };
}

function pndm(config: SchedulerConfig, steps: number, start: number): Scheduler {
  const d = CLASS_DEFAULTS.pndm;
  const train = numTrain(config);
  checkMaxSteps(steps, train);
  const ac = alphasCumprod(config, d);
  const finalAlpha = (config.set_alpha_to_one ?? d.set_alpha_to_one) ? 1 : ac[0];
  const prediction = predictionType(config);
  if (prediction === 'sample') throw new SchedulerConfigError('PNDM takes prediction_type epsilon or v_prediction');
  // Descending unique timesteps of the full schedule, then the ones left after strength.
  const unique = spacedTimesteps(config.timestep_spacing ?? d.timestep_spacing, steps, train, config.steps_offset ?? 0, true).slice(start);
  // PLMS order: the second timestep twice (its first pass is the warm-up step's correction).
  const timesteps = unique.length > 1 ? [unique[0], unique[1], ...unique.slice(1)] : [...unique];
  const stride = Math.floor(train / steps);
  const guard = orderGuard('pndm');
  const ets: Float32Array[] = [];
  let counter = 0;
  let curSample: Float32Array | null = null;

  const prevSample = (sample: Float32Array, t: number, prev: number, output: Float32Array) => {
    const a = ac[t];
    const aPrev = prev >= 0 ? ac[prev] : finalAlpha;
    const b = 1 - a;
    const bPrev = 1 - aPrev;
    const sampleCoeff = Math.sqrt(aPrev / a);
    const denom = a * Math.sqrt(bPrev) + Math.sqrt(a * b * aPrev);
    const out = new Float32Array(sample.length);
    for (let k = 0; k < sample.length; k++) {
      const eps = prediction === 'v_prediction' ? Math.sqrt(a) * output[k] + Math.sqrt(b) * sample[k] : output[k];
      out[k] = sampleCoeff * sample[k] - ((aPrev - a) * eps) / denom;
    }
    return out;
  };

  return {
    id: 'pndm',
    steps,
    startIndex: start,
    timesteps,
    initNoiseSigma: 1,
    needsNoise: false,
    scaleModelInput: (sample) => sample,
    step(modelOutput, i, sample) {
      checkLength(sample, modelOutput, 'the model output');
      guard(i);
      let t = timesteps[i];
      let prev = t - stride;
      if (counter !== 1) {
        if (ets.length > 3) ets.shift();
        ets.push(modelOutput);
      } else {
        prev = t;
        t = t + stride;
      }
      let output: Float32Array;
      let x = sample;
      if (ets.length === 1 && counter === 0) {
        output = modelOutput;
        curSample = sample;
      } else if (ets.length === 1 && counter === 1) {
        output = axpby(0.5, modelOutput, 0.5, ets[0]);
        x = curSample ?? sample;
        curSample = null;
      } else {
        const e = ets;
        const n = e.length;
        output = new Float32Array(sample.length);
        for (let k = 0; k < output.length; k++) {
          if (n === 2) output[k] = (3 * e[1][k] - e[0][k]) / 2;
          else if (n === 3) output[k] = (23 * e[2][k] - 16 * e[1][k] + 5 * e[0][k]) / 12;
          else output[k] = (55 * e[3][k] - 59 * e[2][k] + 37 * e[1][k] - 9 * e[0][k]) / 24;
        }
      }
      counter++;
      return prevSample(x, t, prev, output);
    },
    addNoise: alphaSpaceAddNoise(ac, timesteps),
  };
}

function lcm(config: SchedulerConfig, steps: number, start: number): Scheduler {
  const d = CLASS_DEFAULTS.lcm;
  const train = numTrain(config);
  const ac = alphasCumprod(config, d);
  const prediction = predictionType(config);
  const clip = config.clip_sample ?? d.clip_sample;
  const clipRange = config.clip_sample_range ?? 1;
  const original = config.original_inference_steps ?? 50;
  const scaling = config.timestep_scaling ?? 10;
  if (original > train) throw new SchedulerConfigError(`original_inference_steps (${original}) cannot be more than num_train_timesteps (${train})`);
  if (steps > original) throw new SchedulerConfigError(`LCM runs at most original_inference_steps (${original}) steps, not ${steps}`);
  const k = Math.floor(train / original);
  const origin = Array.from({ length: original }, (_, j) => (j + 1) * k - 1).reverse();
  const all = linspace(0, origin.length, steps, false).map((v) => origin[Math.floor(v)]);
  const timesteps = all.slice(start);
  return {
    id: 'lcm',
    steps,
    startIndex: start,
    timesteps,
    initNoiseSigma: 1,
    needsNoise: true,
    scaleModelInput: (sample) => sample,
    step(modelOutput, i, sample, noise) {
      checkLength(sample, modelOutput, 'the model output');
      const t = timesteps[i];
      const last = i === timesteps.length - 1;
      const prevT = last ? t : timesteps[i + 1];
      const a = ac[t];
      const aPrev = ac[prevT];
      const st = t * scaling;
      const cSkip = 0.25 / (st * st + 0.25);
      const cOut = st / Math.sqrt(st * st + 0.25);
      const n = last ? null : requireNoise('lcm', noise, sample, i);
      const sa = Math.sqrt(a);
      const sb = Math.sqrt(1 - a);
      const out = new Float32Array(sample.length);
      for (let j = 0; j < sample.length; j++) {
        const x = sample[j];
        const m = modelOutput[j];
        let x0 = prediction === 'epsilon' ? (x - sb * m) / sa : prediction === 'v_prediction' ? sa * x - sb * m : m;
        if (clip) x0 = Math.min(Math.max(x0, -clipRange), clipRange);
        const denoised = cOut * x0 + cSkip * x;
        out[j] = n ? Math.sqrt(aPrev) * denoised + Math.sqrt(1 - aPrev) * n[j] : denoised;
      }
      return out;
    },
    addNoise: alphaSpaceAddNoise(ac, timesteps),
  };
}
