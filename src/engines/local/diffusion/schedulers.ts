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
import { ddim, lcm, pndm } from './alphaSchedulers';
import { type SchedulerConfig, SchedulerConfigError, type Scheduler, type CreateOptions, startStep, checkSteps, checkUnsupported } from './schedulerBase';
import { dpmSolver, sigmaScheduler } from './sigmaSchedulers';

export { alphasCumprod, betas, karrasSigmas, NoStepsLeftError, roundHalfEven, SchedulerConfigError, sigmaToT, startStep } from './schedulerBase';
export type { CreateOptions, Scheduler, SchedulerConfig } from './schedulerBase';
export { lmsCoefficient } from './sigmaSchedulers';

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
