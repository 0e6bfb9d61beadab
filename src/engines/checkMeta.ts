import { checkRules } from '../compositing/engineSize';
import { MAX_SEED, schedulerIds, type EngineMeta, type RangeSpec } from './contract';

/** The widest range the editor offers for each numeric parameter; an engine narrows it. */
export const paramBounds = {
  strength: { min: 0, max: 1 },
  steps: { min: 1, max: 500 },
  guidanceScale: { min: 0, max: 50 },
  variations: { min: 1, max: 16 },
} as const;

function rangeProblems(name: keyof typeof paramBounds, spec: RangeSpec | undefined): string[] {
  if (!spec) return [];
  const { min, max } = paramBounds[name];
  const problems: string[] = [];
  if (![spec.min, spec.max, spec.default].every(Number.isFinite)) problems.push(`${name}: min, max and default must be numbers`);
  else {
    if (spec.min > spec.max) problems.push(`${name}: min ${spec.min} is above max ${spec.max}`);
    if (spec.default < spec.min || spec.default > spec.max) problems.push(`${name}: default ${spec.default} is outside ${spec.min}..${spec.max}`);
    if (spec.min < min || spec.max > max) problems.push(`${name}: ${spec.min}..${spec.max} goes beyond what the editor offers (${min}..${max})`);
  }
  return problems;
}

/** What is wrong with an engine's meta, in words; empty when it is sound. */
export function checkEngineMeta(meta: EngineMeta): string[] {
  const { params } = meta;
  const problems = [
    ...rangeProblems('strength', params.strength),
    ...rangeProblems('steps', params.steps),
    ...rangeProblems('guidanceScale', params.guidanceScale),
    ...rangeProblems('variations', params.variations),
  ];
  if (params.steps && !Number.isInteger(params.steps.min)) problems.push('steps: the range must be whole numbers');
  if (!Number.isInteger(params.variations.min) || !Number.isInteger(params.variations.max)) problems.push('variations: the range must be whole numbers');
  if (params.scheduler) {
    const { choices } = params.scheduler;
    if (choices.length === 0) problems.push('scheduler: no choices');
    if (!choices.includes(params.scheduler.default)) problems.push(`scheduler: default ${params.scheduler.default} is not among the choices`);
    for (const choice of choices) if (!schedulerIds.includes(choice)) problems.push(`scheduler: unknown choice ${choice}`);
  }
  if (params.seed && !(Number.isInteger(params.seed.max) && params.seed.max > 0 && params.seed.max <= MAX_SEED)) {
    problems.push(`seed: max must be a whole number from 1 to ${MAX_SEED}`);
  }
  for (const key of ['prompt', 'negativePrompt'] as const) {
    const spec = params[key];
    if (spec?.minLength !== undefined && spec.maxLength !== undefined && spec.minLength > spec.maxLength) {
      problems.push(`${key}: minLength is above maxLength`);
    }
  }
  if (!(Number.isInteger(meta.maxVariationsPerRun) && meta.maxVariationsPerRun >= 1)) problems.push('maxVariationsPerRun must be a whole number of at least 1');
  if (!(Number.isInteger(meta.concurrency) && meta.concurrency >= 1)) problems.push('concurrency must be a whole number of at least 1');
  const used = ['prompt', 'negativePrompt', 'strength', 'steps', 'guidanceScale', 'scheduler'] as const;
  if (used.some((key) => !params[key]) && !meta.unusedParamsNote) problems.push('unusedParamsNote must say why some parameters are not used');
  try {
    checkRules(meta.sizeRules);
  } catch (error) {
    problems.push(`sizeRules: ${(error as Error).message}`);
  }
  return problems;
}
