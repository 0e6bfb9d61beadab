/** Runflow's answers, read as its contract writes them, tolerating both readings where one is unconfirmed. */

export type RunState =
  | { kind: 'waiting'; status: string }
  | { kind: 'running' }
  | { kind: 'done'; urls: string[]; seed?: number; partial: boolean }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** Every output shape in the contract: outputs[].url, image_urls[], image.url, images[].url, url. */
export function outputUrls(output: unknown): string[] {
  if (!isRecord(output)) return [];
  const urls: string[] = [];
  const take = (list: unknown) => {
    if (Array.isArray(list)) for (const item of list) {
      const url = typeof item === 'string' ? item : isRecord(item) ? str(item.url) : undefined;
      if (url) urls.push(url);
    }
  };
  take(output.outputs);
  take(output.image_urls);
  take(output.images);
  if (isRecord(output.image) && str(output.image.url)) urls.push(output.image.url as string);
  if (str(output.url)) urls.push(output.url as string);
  return urls;
}

/** Why a run failed, in Runflow's words: error.message, else failure_message with its stage. */
export function failureMessage(run: Record<string, unknown>): string {
  const error = isRecord(run.error) ? run.error : undefined;
  const stage = str(run.failure_stage_code) ?? str(run.failure_stage);
  const words = str(error?.message) ?? str(run.failure_message) ?? str(error?.code) ?? str(run.failure_code) ?? 'the run failed';
  return stage ? `${words} (${stage})` : words;
}

/** A run as it stands now: `GET /v1/runs/{id}`. */
export function readRun(body: unknown): RunState {
  const run = isRecord(body) ? body : {};
  const status = str(run.status_code) ?? str(run.status) ?? 'queued';
  switch (status) {
    case 'queued':
    case 'dispatching':
      return { kind: 'waiting', status };
    case 'running':
      return { kind: 'running' };
    case 'succeeded':
    case 'partial_succeeded': {
      const output = isRecord(run.output) ? run.output : {};
      const seed = typeof output.seed === 'number' && Number.isSafeInteger(output.seed) ? output.seed : undefined;
      return { kind: 'done', urls: outputUrls(output), seed, partial: status === 'partial_succeeded' };
    }
    case 'failed':
      return { kind: 'failed', message: failureMessage(run) };
    case 'canceled':
    case 'cancelled':
      return { kind: 'cancelled' };
    default:
      return { kind: 'waiting', status };
  }
}

/** The run's id from a submit answer. */
export const runId = (body: unknown): string | undefined => (isRecord(body) ? str(body.id) : undefined);

/** The words of an error envelope `{code, message, errors}`; a 422 lists each field. */
export function errorMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return typeof body === 'string' && body.length < 300 ? body : undefined;
  const message = str(body.message) ?? (isRecord(body.error) ? str(body.error.message) : undefined) ?? str(body.detail);
  const fields = Array.isArray(body.errors)
    ? body.errors
        .filter(isRecord)
        .map((e) => [str(e.field) ?? (Array.isArray(e.loc) ? e.loc.join('.') : undefined), str(e.message) ?? str(e.msg)].filter(Boolean).join(': '))
        .filter(Boolean)
    : [];
  const code = str(body.code);
  const text = [message, ...fields].filter(Boolean).join('; ');
  return text ? (code && !text.includes(code) ? `${text} (${code})` : text) : code;
}
