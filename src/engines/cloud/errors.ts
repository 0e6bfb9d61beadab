import { EngineError, type EngineErrorKind } from '../contract';
import type { ProviderAnswer } from './api';

/** Seconds to wait from a Retry-After header (seconds or an HTTP date) or a retry_after body field. */
export function retryAfterOf(answer: Pick<ProviderAnswer, 'headers' | 'body'>, now = Date.now()): number | undefined {
  const header = answer.headers.get('retry-after');
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds;
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.max(0, (date - now) / 1000);
  }
  const field = (answer.body as { retry_after?: unknown } | null)?.retry_after;
  const seconds = typeof field === 'string' ? Number(field) : field;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function kindOfStatus(status: number): EngineErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 402) return 'credits';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'unavailable';
  return 'invalid-input';
}

/** The app's own server speaking: no key, an access token needed, the provider out of reach. */
function proxyFailure(answer: ProviderAnswer, label: string): EngineError {
  const { code, message, sent } = answer.proxyError!;
  switch (code) {
    case 'NO_KEY':
      return new EngineError('auth', `No ${label} API key: add yours in Settings.`, { status: answer.status });
    case 'ACCESS_TOKEN_REQUIRED':
      return new EngineError('auth', "This server needs its access token: add it in Settings.", { status: answer.status });
    case 'UPSTREAM_UNREACHABLE':
    case 'UPSTREAM_TIMEOUT':
      // Never sent: a paid submit may go again. Sent and lost: only reads may.
      return new EngineError('network', `${label} could not be reached (${message})`, { status: answer.status, notAccepted: sent === 'no' });
    case 'BODY_TOO_LARGE':
      return new EngineError('invalid-input', `The picture is too large to send to ${label}: ${message}`, { status: answer.status });
    default:
      return new EngineError('unavailable', `${label}: ${message}`, { status: answer.status, retryable: false });
  }
}

/**
 * An error answer as an EngineError in the provider's own words (`message` reads them from
 * its error envelope). 429 and 503 prove a submit was not taken; 5xx and 429 may be retried.
 */
export function errorFromAnswer(answer: ProviderAnswer, label: string, message: string | undefined): EngineError {
  if (answer.proxyError) return proxyFailure(answer, label);
  const { status } = answer;
  const kind = kindOfStatus(status);
  const words = message?.trim() || `${label} answered ${status}.`;
  return new EngineError(kind, words, {
    status,
    retryAfterSeconds: retryAfterOf(answer),
    retryable: status === 429 || status >= 500,
    notAccepted: status === 429 || status === 503,
  });
}
