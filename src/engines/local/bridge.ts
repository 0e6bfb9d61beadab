import { EngineError } from '../contract';

/** What a worker behind a bridge answers to: `call` messages in, `result`/`error`/`progress` out. */
export type BridgeRequest = { type: 'call'; id: number; method: string; args: unknown[] } | { type: 'abort'; id: number };
export type BridgeResponse =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: { name: string; kind?: string; message: string } }
  | { type: 'progress'; id: number; value: unknown };

/** A worker method's arguments as the page passes them: without the trailing call context. */
type ArgsOf<F> = F extends (...args: [...infer A, WorkerCallContext]) => unknown ? A : F extends (...args: infer A) => unknown ? A : never;

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (value: unknown) => void;
  transfer?: Transferable[];
}

export interface BridgeOptions {
  /** A worker idle this long is ended (what it holds with it) and started again on the next call. */
  idleMs?: number;
  /** Calls go to the worker at once, without waiting for the ones before (downloads of several files). */
  concurrent?: boolean;
}

/**
 * One typed way into a worker: calls run in the order they were made, one at a time (unless
 * `concurrent`); an abort rejects at once and tells the worker, which stops at its next
 * check; a worker idle for `idleMs` is ended and started again on the next call.
 */
export class WorkerBridge<Api extends Record<string, (...args: never[]) => unknown>> {
  private worker: Worker | null = null;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void; onProgress?: (v: unknown) => void }>();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private busy = 0;

  private readonly idleMs: number;
  private readonly concurrent: boolean;

  constructor(
    private readonly start: () => Worker,
    { idleMs = 5 * 60_000, concurrent = false }: BridgeOptions = {},
  ) {
    this.idleMs = idleMs;
    this.concurrent = concurrent;
  }

  call<K extends keyof Api & string>(method: K, args: ArgsOf<Api[K]>, options: CallOptions = {}): Promise<Awaited<ReturnType<Api[K]>>> {
    const run = () => this.send(method, args, options);
    if (this.concurrent) return run() as Promise<Awaited<ReturnType<Api[K]>>>;
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result as Promise<Awaited<ReturnType<Api[K]>>>;
  }

  /** Ends the worker now (and everything it holds). */
  terminate() {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.worker?.terminate();
    this.worker = null;
    for (const { reject } of this.pending.values()) reject(new EngineError('unknown', 'The model worker was stopped.'));
    this.pending.clear();
  }

  get running() {
    return this.worker !== null;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.start();
    worker.onmessage = (event: MessageEvent<BridgeResponse>) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      const error = new EngineError('unknown', `The model worker failed: ${event.message || 'it could not start'}`);
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
      this.worker?.terminate();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }

  private send(method: string, args: unknown[], { signal, onProgress, transfer = [] }: CallOptions): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(EngineError.cancelled());
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.busy++;
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.delete(id)) return;
        worker.postMessage({ type: 'abort', id } satisfies BridgeRequest);
        reject(EngineError.cancelled());
      };
      this.pending.set(id, {
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        onProgress,
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ type: 'call', id, method, args } satisfies BridgeRequest, transfer);
    }).finally(() => {
      this.busy--;
      if (this.busy === 0 && this.worker) this.idleTimer = setTimeout(() => this.terminate(), this.idleMs);
    });
  }

  private receive(message: BridgeResponse) {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message.value);
      return;
    }
    this.pending.delete(message.id);
    if (message.type === 'result') pending.resolve(message.value);
    else {
      const { kind, message: text, name } = message.error;
      pending.reject(kind ? new EngineError(kind as EngineError['kind'], text) : Object.assign(new Error(text), { name }));
    }
  }
}

/** The worker side: answers calls with `api`, each with a signal that aborts when the page says so. */
export function serveBridge(api: Record<string, (...args: never[]) => unknown>) {
  const aborts = new Map<number, AbortController>();
  const scope = self as unknown as { postMessage(message: BridgeResponse, transfer?: Transferable[]): void; onmessage: ((event: MessageEvent<BridgeRequest>) => void) | null };
  scope.onmessage = async (event) => {
    const request = event.data;
    if (request.type === 'abort') {
      aborts.get(request.id)?.abort();
      return;
    }
    const controller = new AbortController();
    aborts.set(request.id, controller);
    const context: WorkerCallContext = {
      signal: controller.signal,
      progress: (value) => scope.postMessage({ type: 'progress', id: request.id, value }),
      transfer: [],
    };
    try {
      const method = api[request.method] as (...args: unknown[]) => unknown;
      if (!method) throw new Error(`no method ${request.method}`);
      const value = await method(...request.args, context);
      scope.postMessage({ type: 'result', id: request.id, value }, context.transfer);
    } catch (error) {
      const e = error as { name?: string; kind?: string; message?: string };
      scope.postMessage({ type: 'error', id: request.id, error: { name: e?.name ?? 'Error', kind: e?.kind, message: e?.message ?? String(error) } });
    } finally {
      aborts.delete(request.id);
    }
  };
}

/** Handed to each worker method as its last argument. */
export interface WorkerCallContext {
  signal: AbortSignal;
  progress(value: unknown): void;
  /** Buffers to transfer with the result. */
  transfer: Transferable[];
}
