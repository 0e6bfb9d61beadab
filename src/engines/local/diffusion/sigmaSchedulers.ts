/** The schedulers that step in noise levels sigma: Euler, Euler ancestral, LMS, DPM++ 2M (diffusers' formulas; see schedulers.ts). */
import { type SchedulerConfig, SchedulerConfigError, type Scheduler, roundHalfEven, linspace, interpIndex, CLASS_DEFAULTS, numTrain, alphasCumprod, trainSigmas, spacedTimesteps, checkMaxSteps, sigmaToT, karrasSigmas, finalSigma, checkLength, axpby, scale, predictionType, requireNoise, orderGuard } from './schedulerBase';

/** Euler, Euler ancestral and LMS: noise levels sigma, samples x = x0 + sigma * eps. */
export function sigmaScheduler(id: 'euler' | 'euler-a' | 'lms', config: SchedulerConfig, steps: number, start: number): Scheduler {
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

  const step = (modelOutput: Float32Array, i: number, sample: Float32Array, noise?: Float32Array, into?: Float32Array): Float32Array => {
    checkLength(sample, modelOutput, 'the model output');
    guard(i);
    const sigma = sigmas[i];
    const sigmaNext = sigmas[i + 1];
    if (id === 'euler' || id === 'euler-a') {
      const out = into?.length === sample.length ? into : new Float32Array(sample.length);
      if (id === 'euler') return eulerStep(sample, modelOutput, x0Coefficients(prediction, sigma), sigma, sigmaNext - sigma, null, 0, out);
      const up = Math.sqrt((sigmaNext * sigmaNext * (sigma * sigma - sigmaNext * sigmaNext)) / (sigma * sigma));
      const down = Math.sqrt(sigmaNext * sigmaNext - up * up);
      const n = up > 0 ? requireNoise(id, noise, sample, i) : null;
      return eulerStep(sample, modelOutput, x0Coefficients(prediction, sigma), sigma, down - sigma, n, up, out);
    }
    const out = new Float32Array(sample.length);
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
    scaleModelInput: (sample, i, out) => scale(sample, 1 / Math.sqrt(sigmas[i] * sigmas[i] + 1), out),
    step,
    addNoise(original, noise, i) {
      if (i >= timesteps.length) return Float32Array.from(original);
      return axpby(1, original, sigmas[i], noise);
    },
  };
}

/** x0 = cx * x + cm * m for a model output m at noise level sigma, by what the model predicts. */
function x0Coefficients(prediction: ReturnType<typeof predictionType>, sigma: number): [number, number] {
  if (prediction === 'epsilon') return [1, -sigma];
  if (prediction === 'v_prediction') return [1 / (sigma * sigma + 1), -sigma / Math.sqrt(sigma * sigma + 1)];
  return [0, 1];
}

/**
 * One Euler (ancestral when `noise`) step, value by value: x + (x - x0) / sigma * dt (+ noise * up).
 * A module function, not a closure per run: a new closure starts without the engine's
 * optimised code, and a run calls it only a few times.
 */
function eulerStep(sample: Float32Array, modelOutput: Float32Array, [cx, cm]: [number, number], sigma: number, dt: number, noise: Float32Array | null, up: number, out: Float32Array): Float32Array {
  for (let k = 0; k < sample.length; k++) {
    const x = sample[k];
    const derivative = (x - (cx * x + cm * modelOutput[k])) / sigma;
    out[k] = x + derivative * dt + (noise ? noise[k] * up : 0);
  }
  return out;
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

export function dpmSolver(id: 'dpmpp-2m' | 'dpmpp-2m-karras', config: SchedulerConfig, steps: number, start: number): Scheduler {
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
