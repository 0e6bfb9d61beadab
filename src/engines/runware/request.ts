import type { EngineJob } from '../contract';
import { isFlux, modelOf, schedulerNames } from './meta';

/** One task of a Runware request; the request body is always an array of them. */
export type RunwareTask = Record<string, unknown> & { taskType: string; taskUUID: string };

/** What a request remembers: each task's id and the seed it was sent, in the order of the job's seeds. */
export interface SubmittedTask {
  taskUUID: string;
  seed: number;
}

/**
 * The imageInference task for one seed: our engine job as Runware's fields. The crop
 * already meets the size rules (multiples of 64, 128-2048). `maskMargin` is never sent:
 * the editor has already cut the mask's box plus its padding ("Only masked"), and with
 * "Whole image" the user asked for the whole picture, which maskMargin would undo.
 * Delivery is async, so a reload can pick the task up again by its taskUUID.
 */
export function inferenceTask(job: EngineJob, images: { seed: string; mask: string | null }, task: SubmittedTask): RunwareTask {
  const { params } = job;
  const model = modelOf(job.settings);
  const body: RunwareTask = {
    taskType: 'imageInference',
    taskUUID: task.taskUUID,
    positivePrompt: params.prompt?.trim() ?? '',
    seedImage: images.seed,
    model,
    width: job.image.width,
    height: job.image.height,
    seed: task.seed,
    numberResults: 1,
    outputType: 'URL',
    outputFormat: 'PNG',
    deliveryMethod: 'async',
    includeCost: true,
  };
  if (images.mask) body.maskImage = images.mask;
  // Runware refuses an empty negativePrompt: none is sent rather than "".
  if (params.negativePrompt?.trim()) body.negativePrompt = params.negativePrompt.trim();
  if (params.strength !== undefined && !isFlux(model)) body.strength = params.strength;
  if (params.steps !== undefined) body.steps = params.steps;
  if (params.guidanceScale !== undefined) body.CFGScale = params.guidanceScale;
  if (params.scheduler !== undefined && !isFlux(model)) body.scheduler = schedulerNames[params.scheduler];
  if (params.loras?.length) body.lora = params.loras.map((l) => ({ model: l.model, weight: l.weight }));
  return body;
}

/** One imageInference task per seed, each with its own taskUUID, all in one request. */
export function inferenceTasks(job: EngineJob, images: { seed: string; mask: string | null }, tasks: SubmittedTask[]): RunwareTask[] {
  return tasks.map((task) => inferenceTask(job, images, task));
}

/** Asks how the tasks stand: one getResponse per task still waited for. */
export const getResponseTasks = (taskUUIDs: readonly string[]): RunwareTask[] => taskUUIDs.map((taskUUID) => ({ taskType: 'getResponse', taskUUID }));
