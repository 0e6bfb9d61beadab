/** The schedulers that step in alphas_cumprod: DDIM, PNDM's PLMS steps, LCM (diffusers' formulas; see schedulers.ts). */
import { type SchedulerConfig, SchedulerConfigError, type Scheduler, linspace, CLASS_DEFAULTS, numTrain, alphasCumprod, spacedTimesteps, checkMaxSteps, checkLength, axpby, predictionType, requireNoise, orderGuard } from './schedulerBase';

/** x0 and eps from a model output at alphas_cumprod a (DDIM, PNDM, LCM). */
function alphaSpaceAddNoise(ac: Float64Array, timesteps: readonly number[]) {
  return (original: Float32Array, noise: Float32Array, i: number): Float32Array => {
    if (i >= timesteps.length) return Float32Array.from(original);
    const a = ac[timesteps[i]];
    return axpby(Math.sqrt(a), original, Math.sqrt(1 - a), noise);
  };
}

export function ddim(config: SchedulerConfig, steps: number, start: number): Scheduler {
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

export function pndm(config: SchedulerConfig, steps: number, start: number): Scheduler {
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

export function lcm(config: SchedulerConfig, steps: number, start: number): Scheduler {
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
