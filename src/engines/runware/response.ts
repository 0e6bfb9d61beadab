/** Runware's answers, read as its contract writes them, tolerating both readings where one is unconfirmed. */
import type { EngineErrorKind } from '../contract';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** One image a task made. */
export interface TaskResult {
  /** Where to fetch it (imageURL), or the picture itself as a data: URI (other output types). */
  url: string;
  /** The seed Runware says it used, only when it is exact: seeds beyond 2^53 lose digits in JSON.parse. */
  seed?: number;
  /** What it cost, in USD, when Runware says. */
  cost?: number;
}

/** How one task stands, from every item and error an answer holds for it. */
export interface TaskState {
  results: TaskResult[];
  /** Why it failed, in Runware's words. */
  failed?: { message: string; kind: EngineErrorKind };
  /** 0-100, when Runware says. */
  progress?: number;
  /** The last status it gave (processing, or pending in older answers). */
  status?: string;
}

export interface RunwareError {
  code?: string;
  message: string;
  parameter?: string;
  taskUUID?: string;
}

/** The items of an answer: `data` is an array, or a single object (imageUpload in the new docs). */
export function answerItems(body: unknown): Record<string, unknown>[] {
  if (!isRecord(body)) return [];
  if (Array.isArray(body.data)) return body.data.filter(isRecord);
  return isRecord(body.data) ? [body.data] : [];
}

/** A seed as a number only when it is exact: a parsed 9202427981074766178 is not, and is dropped. */
export function exactSeed(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function oneError(value: unknown, taskUUID?: unknown): RunwareError | undefined {
  if (!isRecord(value)) return typeof value === 'string' && value ? { message: value } : undefined;
  const parameter = Array.isArray(value.parameter) ? value.parameter.filter((p) => typeof p === 'string').join(', ') : str(value.parameter);
  const code = str(value.code);
  const message = str(value.message) ?? code ?? 'the task failed';
  return { code, message, parameter: parameter || undefined, taskUUID: str(value.taskUUID) ?? str(taskUUID) };
}

/** Every error an answer carries: the `errors[]` list (also inside a 2xx answer), or a single `error` with the taskUUID beside it. */
export function answerErrors(body: unknown): RunwareError[] {
  if (!isRecord(body)) return [];
  const errors: RunwareError[] = [];
  if (Array.isArray(body.errors)) for (const e of body.errors) {
    const error = oneError(e);
    if (error) errors.push(error);
  }
  if (body.error !== undefined) {
    const error = oneError(body.error, body.taskUUID);
    if (error) errors.push(error);
  }
  return errors;
}

/** One error in Runware's words: the parameter it blames (for a refused input), the message, the code. */
export function describeError({ code, message, parameter }: RunwareError): string {
  const about = parameter && kindOfCode(code) === 'invalid-input' && !message.includes(parameter) ? `${parameter}: ` : '';
  return `${about}${message}${code && !message.includes(code) ? ` (${code})` : ''}`;
}

/** The words of an error answer, either shape; several errors are joined, each said once. */
export function errorMessage(body: unknown): string | undefined {
  const words = [...new Set(answerErrors(body).map(describeError))];
  if (words.length) return words.join('; ');
  return typeof body === 'string' && body && body.length < 300 ? body : undefined;
}

/** What kind of failure an error code names, for errors that arrive inside a 2xx answer or a task's own. */
export function kindOfCode(code: string | undefined): EngineErrorKind {
  if (!code) return 'invalid-input';
  if (/api.?key|unauthori[sz]ed|authenticat|forbidden/i.test(code)) return 'auth';
  if (/credit|balance|payment|insufficient/i.test(code)) return 'credits';
  if (/timeout|timed.?out|busy|queue|overload|unavailable|server.?error|internal/i.test(code)) return 'unavailable';
  return 'invalid-input';
}

function resultOf(item: Record<string, unknown>): TaskResult | undefined {
  const base64 = str(item.imageBase64Data);
  const url = str(item.imageURL) ?? str(item.imageDataURI) ?? (base64 ? `data:image/png;base64,${base64}` : undefined);
  if (!url) return undefined;
  const cost = typeof item.cost === 'number' && Number.isFinite(item.cost) && item.cost >= 0 ? item.cost : undefined;
  return { url, seed: exactSeed(item.seed), cost };
}

/**
 * How each of our tasks stands after an answer (the submit's acknowledgement, a sync
 * answer, or getResponse): its images, its failure, its progress. An error that names no
 * task of ours is about the whole request, so it fails every task.
 */
export function readTasks(body: unknown, taskUUIDs: readonly string[]): Map<string, TaskState> {
  const states = new Map<string, TaskState>(taskUUIDs.map((id) => [id, { results: [] }]));
  for (const item of answerItems(body)) {
    const state = states.get(str(item.taskUUID) ?? '');
    if (!state) continue;
    const status = str(item.status);
    if (status === 'error' || (item.error !== undefined && status !== 'success')) {
      const error = oneError(item.error) ?? { message: 'the task failed' };
      state.failed = { message: describeError(error), kind: kindOfCode(error.code) };
      continue;
    }
    const result = resultOf(item);
    if (result) state.results.push(result);
    else if (status) state.status = status;
    const progress = typeof item.progress === 'number' && Number.isFinite(item.progress) ? Math.max(0, Math.min(100, item.progress)) : undefined;
    if (progress !== undefined) state.progress = progress;
  }
  for (const error of answerErrors(body)) {
    const failed = { message: describeError(error), kind: kindOfCode(error.code) };
    const state = error.taskUUID ? states.get(error.taskUUID) : undefined;
    if (state) state.failed ??= failed;
    else for (const each of states.values()) each.failed ??= failed;
  }
  return states;
}
