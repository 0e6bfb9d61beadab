import { EngineError, toEngineError } from '../contract';

export interface RetryOptions {
  signal: AbortSignal;
  /** A paid submit: tried again only when the error proves it was not taken. */
  submit?: boolean;
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
  /** Told before each wait, for the progress line. */
  onWait?: (seconds: number, error: EngineError) => void;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Waits `ms`, or rejects with a cancellation as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(EngineError.cancelled());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(EngineError.cancelled());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Whether to try again after this error. */
export function shouldRetry(error: EngineError, submit: boolean): boolean {
  if (error.kind === 'cancelled' || !error.retryable) return false;
  return submit ? error.notAccepted : true;
}

/**
 * Runs `attempt` until it succeeds, retrying rate limits, outages and lost connections with
 * exponential backoff and full jitter, never sooner than the provider's Retry-After. A paid
 * submit goes again only when the answer proves it was not accepted.
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { signal, submit = false, attempts = 5, baseMs = 1000, maxMs = 30_000, random = Math.random } = options;
  const wait = options.sleep ?? sleep;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (thrown) {
      const error = toEngineError(thrown, signal);
      if (n >= attempts || !shouldRetry(error, submit)) throw error;
      const backoff = random() * Math.min(maxMs, baseMs * 2 ** (n - 1));
      const ms = Math.max(backoff, (error.retryAfterSeconds ?? 0) * 1000);
      options.onWait?.(ms / 1000, error);
      await wait(ms, signal);
    }
  }
}
