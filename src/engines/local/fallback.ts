import { EngineError } from '../contract';

/** What ran, and why it ran on WASM when WebGPU failed. */
export interface FallbackOutcome<T> {
  value: T;
  /** WebGPU's failure, in its own words, when the WASM retry made `value`. */
  fellBack?: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)) || 'no reason given';
const isCancel = (error: unknown) => error instanceof EngineError && error.kind === 'cancelled';

/**
 * `attempt()` on the backend chosen; when that was WebGPU and it failed (making the session
 * or running it), `attempt(failure)` once more, which runs on WASM. A cancel is never
 * retried, nor a failure on WASM: it would fail again.
 */
export async function withWasmFallback<T>(onWebGpu: boolean, attempt: (webGpuFailure?: string) => Promise<T>): Promise<FallbackOutcome<T>> {
  try {
    return { value: await attempt() };
  } catch (error) {
    if (!onWebGpu || isCancel(error)) throw error;
    const fellBack = message(error);
    return { value: await attempt(fellBack), fellBack };
  }
}

/** The notice once a task moved to WASM. */
export const fellBackNotice = (task: string, failure: string) => `WebGPU failed (${failure}); ${task} runs on WASM from now on.`;
