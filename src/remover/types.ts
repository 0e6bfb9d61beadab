/** What the remover works on: pure data, so it runs in a Web Worker and in Node alike. */

/** Set by the caller (e.g. a worker's cancel message) and read between iterations. */
export interface AbortFlag {
  aborted: boolean;
}

export interface FillOptions {
  /** Same seed, same fill; another seed, another plausible fill. */
  seed: number;
  signal?: AbortFlag;
  /** Called after each iteration: done of total units of work. */
  onProgress?: (done: number, total: number) => void;
}

/** A mask value at or above this is a hole to fill (greys below are kept as they are). */
export const HOLE_THRESHOLD = 128;

/** The same error name fetch() uses, so callers can treat both cancels alike. */
export function abortError(): Error {
  const error = new Error('The fill was cancelled');
  error.name = 'AbortError';
  return error;
}

export function throwIfAborted(signal: AbortFlag | undefined): void {
  if (signal?.aborted) throw abortError();
}
