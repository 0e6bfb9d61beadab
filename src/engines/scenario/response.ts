/** Scenario's answers, read as its contract writes them, tolerating both readings where one is unconfirmed. */

export type JobState =
  | { kind: 'waiting'; status: string }
  | { kind: 'running'; status: string; fraction?: number }
  | { kind: 'done'; assetIds: string[] }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
/** A string, the strings of a list (a list of field errors), or the message of an object that carries one. */
function words(v: unknown): string | undefined {
  if (Array.isArray(v)) return v.map(words).filter(Boolean).join('; ') || undefined;
  return str(v) ?? (isRecord(v) ? str(v.message) : undefined);
}

/** The job inside an answer `{"job": {...}}`. */
const jobOf = (body: unknown): Record<string, unknown> => (isRecord(body) && isRecord(body.job) ? body.job : {});

/** The job's id from a submit answer: `job.jobId`, or `job.id` as one help article shows it. */
export function jobIdOf(body: unknown): string | undefined {
  const job = jobOf(body);
  return str(job.jobId) ?? str(job.id);
}

/** Progress 0..1, when the job says. */
function fractionOf(job: Record<string, unknown>): number | undefined {
  const progress = job.progress;
  return typeof progress === 'number' && Number.isFinite(progress) ? Math.min(1, Math.max(0, progress)) : undefined;
}

/** Why a job failed, in Scenario's words: metadata.error, with its hint. */
export function failureMessage(job: Record<string, unknown>): string {
  const metadata = isRecord(job.metadata) ? job.metadata : {};
  const error = words(metadata.error) ?? words(job.error) ?? 'the job failed';
  const hint = words(metadata.hint);
  return hint && hint !== error ? `${error} (${hint})` : error;
}

/** A job as it stands now: `GET /jobs/{jobId}`. */
export function readJob(body: unknown): JobState {
  const job = jobOf(body);
  const status = str(job.status) ?? 'queued';
  switch (status) {
    case 'queued':
    case 'pending':
    case 'warming-up':
      return { kind: 'waiting', status };
    case 'in-progress':
    case 'finalizing':
      return { kind: 'running', status, fraction: fractionOf(job) };
    case 'success': {
      const metadata = isRecord(job.metadata) ? job.metadata : {};
      const assetIds = Array.isArray(metadata.assetIds) ? metadata.assetIds.filter((id): id is string => typeof id === 'string' && id !== '') : [];
      return { kind: 'done', assetIds };
    }
    case 'failure':
    case 'failed':
      return { kind: 'failed', message: failureMessage(job) };
    case 'canceled':
    case 'cancelled':
      return { kind: 'cancelled' };
    default:
      return { kind: 'waiting', status };
  }
}

/** The signed URL of an asset: `GET /assets/{assetId}` -> `{"asset": {"id", "url"}}`. */
export function assetUrlOf(body: unknown): string | undefined {
  return isRecord(body) && isRecord(body.asset) ? str(body.asset.url) : undefined;
}

/** The words of an error answer; the envelope's field names are unconfirmed: `message`, `error`, `reason`. */
export function errorMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return typeof body === 'string' && body.trim() && body.length < 300 ? body.trim() : undefined;
  const message = words(body.message) ?? words(body.error) ?? words(body.reason);
  const reason = words(body.reason);
  return message && reason && reason !== message ? `${message} (${reason})` : message;
}
