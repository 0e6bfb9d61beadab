/**
 * ModelsLab's answers, read as its contract writes them. The HTTP status is usually 200:
 * what happened is in `body.status`. Numbers may come as strings, and old answers spell
 * `message` as `messege`.
 */
import type { ProviderAnswer } from '../cloud/api';
import { errorFromAnswer, retryAfterOf } from '../cloud/errors';
import { EngineError } from '../contract';
import { label } from './meta';

export type ModelsLabAnswer =
  | { kind: 'success'; id?: string; urls: string[]; seed?: number }
  /** Accepted, not done: wait about `etaSeconds` (a submit says; a fetch does not), then fetch. */
  | { kind: 'processing'; id?: string; etaSeconds?: number; fetchPath?: string }
  /** The request was refused, or the job failed: `message` in ModelsLab's words. */
  | { kind: 'error'; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** A number, or a number written as a string, as ModelsLab sends either. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** A request id: ModelsLab sends a number, some answers a string. */
export function idOf(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return str(v);
}

/** The image URLs of an answer: `output` (an array, or "" while a fetch is processing), else `proxy_links`. */
export function outputUrls(body: unknown): string[] {
  if (!isRecord(body)) return [];
  const urls = (list: unknown) =>
    Array.isArray(list) ? list.map((item) => (typeof item === 'string' ? item : isRecord(item) ? str(item.url) : undefined)).filter((u): u is string => !!u && /^https?:\/\//i.test(u)) : [];
  const output = urls(body.output);
  return output.length ? output : urls(body.proxy_links);
}

/**
 * The path of a `fetch_result` URL, to call through the app's server against ModelsLab's
 * configured base: its host is never used, so an answer cannot send us anywhere else.
 */
export function pathOfUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const path = parsed.pathname + parsed.search;
  if (!path.startsWith('/api/') || parsed.pathname.split('/').some((s) => s === '..' || s === '.' || /%2e%2e|%2f/i.test(s))) return undefined;
  return path;
}

/** A sentence: ModelsLab's words with a full stop when they have none. */
const sentence = (text: string) => (/[.!?)]$/.test(text) ? text : `${text}.`);

/** The words of an error: `message` (or the legacy `messege`, or `error`); a message of field errors is joined. */
export function messageOf(body: unknown): string | undefined {
  if (!isRecord(body)) return typeof body === 'string' && body.trim() && body.length < 300 ? sentence(body.trim()) : undefined;
  for (const field of [body.message, body.messege, body.error, isRecord(body.error) ? body.error.message : undefined]) {
    const text = str(field);
    if (text) return sentence(text);
    if (isRecord(field)) {
      const parts = Object.values(field).flat().map(str).filter(Boolean);
      if (parts.length) return parts.map((p) => sentence(p!)).join(' ');
    }
  }
  return undefined;
}

/** An answer as it stands: success with its image URLs, processing with where to fetch it, or an error. */
export function readAnswer(body: unknown): ModelsLabAnswer {
  if (!isRecord(body)) return { kind: 'error', message: messageOf(body) ?? `${label} sent an answer that could not be read.` };
  const status = str(body.status)?.toLowerCase();
  const id = idOf(body.id);
  switch (status) {
    case 'success':
    case 'succeeded': {
      const meta = isRecord(body.meta) ? body.meta : {};
      const seed = num(meta.seed);
      return { kind: 'success', id, urls: outputUrls(body), seed: seed !== undefined && Number.isSafeInteger(seed) && seed >= 0 ? seed : undefined };
    }
    case 'error':
    case 'failed':
      return { kind: 'error', message: messageOf(body) ?? `${label} answered "${status}" without a reason.` };
    default: {
      // "processing", and any other word for a job not done yet.
      const eta = num(body.eta);
      return { kind: 'processing', id, etaSeconds: eta !== undefined && eta >= 0 ? eta : undefined, fetchPath: pathOfUrl(body.fetch_result) };
    }
  }
}

const AUTH = /api[\s_-]*key|unauthori[sz]ed|unauthenticated|authenticat/i;
const RATE_LIMIT = /rate[\s_-]*limit|too many requests|queued requests|queue (is )?full/i;
const CREDITS = /credit|balance|insufficient|fund|subscription|payment|upgrade/i;

/**
 * An error answer as an EngineError in ModelsLab's words: one the proxy or the HTTP status
 * already explains (401, 402, 429, 5xx) as errorFromAnswer makes it; an error inside a 200
 * (or a plain 400) by its words: a rate limit (or retry_after) is rate-limited and proves
 * the request was not taken, the key refused is auth, credits or balance is credits, and
 * anything else is invalid input.
 */
export function modelslabError(answer: ProviderAnswer): EngineError {
  const message = messageOf(answer.body);
  const http = answer.status < 200 || answer.status >= 300 || !!answer.proxyError;
  if (http) {
    const error = errorFromAnswer(answer, label, message);
    if (answer.proxyError || error.kind !== 'invalid-input') return error;
  }
  const status = http ? answer.status : undefined;
  const words = message ?? (http ? `${label} answered ${answer.status}.` : `${label} refused the request.`);
  const retryAfterSeconds = retryAfterOf(answer);
  if (RATE_LIMIT.test(words) || (retryAfterSeconds !== undefined && !AUTH.test(words) && !CREDITS.test(words))) {
    return new EngineError('rate-limited', words, { status, retryAfterSeconds, notAccepted: true });
  }
  if (AUTH.test(words)) return new EngineError('auth', words, { status });
  if (CREDITS.test(words)) return new EngineError('credits', words, { status });
  return new EngineError('invalid-input', words, { status });
}
