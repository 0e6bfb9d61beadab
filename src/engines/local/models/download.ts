/**
 * Downloads one model file into a ModelStore the way a desktop app would: progress with speed,
 * cancel, resume (HTTP Range) after a dropped connection or a reload, a mirror when the host
 * fails, and nothing kept unless it is the right file: no web page, the expected size, the
 * expected SHA-256.
 */
import { formatBytes } from './bytes';
import type { ModelStore } from './modelStore';
import { DownloadError, type DownloadOptions, type DownloadProgress, type DownloadResult } from './downloadTypes';
import { ProgressMeter } from './progressMeter';
import { askToPersist, checkRoom } from './storageRoom';
import { allFailed, Failed, notAModel, wrongSize } from './downloadFailures';
import { hashStream, type HashStream } from './hashStream';
import { concat, hostOf, isTextType, looksLikeMarkup, parseContentRange, sleep } from './httpBody';

export { formatBytes };
export * from './downloadTypes';
export { isTextType, looksLikeMarkup } from './httpBody';

/** Bytes stored (and hashed) per write while downloading. */
const WRITE_BYTES = 4 * 2 ** 20;

const HASH = /^[0-9a-f]{64}$/;
const active = new WeakMap<ModelStore, Set<string>>();

/**
 * Downloads `url` (or `mirrorUrl`) into `store` under `key`. Resolves once the file is
 * checked and committed; rejects with a DownloadError. Do not run two at once for one key
 * (the second is refused with kind 'busy').
 */
export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const { key, store } = options;
  const expectedHash = options.expected?.sha256?.trim().toLowerCase();
  if (expectedHash !== undefined && !HASH.test(expectedHash)) throw new TypeError(`expected.sha256 must be 64 hex digits, got "${options.expected?.sha256}".`);
  const busy = active.get(store) ?? new Set<string>();
  active.set(store, busy);
  if (busy.has(key)) throw new DownloadError('busy', `${options.label ?? key} is already being downloaded.`);
  busy.add(key);
  try {
    return await new Download(options, expectedHash).run();
  } finally {
    busy.delete(key);
  }
}

class Download {
  private readonly label: string;
  private readonly signal: AbortSignal;
  private readonly fetch: typeof fetch;
  private readonly expectedSize?: number;
  private hasher!: HashStream;
  private done = 0;
  private total: number | undefined;
  private quotaChecked = false;
  private discarded = false;
  /** Bytes taken from a partial file of an earlier session. */
  private resumed = 0;
  private readonly progress: ProgressMeter;

  constructor(
    private readonly options: DownloadOptions,
    private readonly expectedHash: string | undefined,
  ) {
    this.label = options.label ?? options.key;
    this.signal = options.signal ?? new AbortController().signal;
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.progress = new ProgressMeter(options.now ?? (() => performance.now()), options.progressIntervalMs ?? 100, options.onProgress);
    this.expectedSize = options.expected?.size;
    this.total = this.expectedSize;
  }

  async run(): Promise<DownloadResult> {
    const { key, store } = this.options;
    try {
      this.throwIfCancelled();
      this.hasher = await hashStream(this.options.writeBytes ?? WRITE_BYTES);
      await this.resumeFromPartial();
      askToPersist(this.options.persist);
      if (this.expectedSize !== undefined) await this.checkQuota(this.expectedSize - this.done);
      for (;;) {
        if (this.expectedSize === undefined || this.done < this.expectedSize) await this.downloadRest();
        const resumed = this.resumed > 0;
        try {
          return await this.finish();
        } catch (error) {
          // What an earlier session left may belong to another version of the file: once, start afresh.
          if (!(error instanceof DownloadError && error.kind === 'hash' && resumed)) throw error;
          this.discarded = false;
        }
      }
    } catch (thrown) {
      throw this.asDownloadError(thrown);
    } finally {
      this.progress.stop();
      this.hasher?.close();
      if (!this.discarded) await store.closePartial(key).catch(() => undefined);
    }
  }

  private cancelled(): DownloadError {
    const kept = this.done > 0 ? ` ${formatBytes(this.done)} kept: it resumes from there.` : '';
    return new DownloadError('cancelled', `Download of ${this.label} cancelled.${kept}`);
  }

  private throwIfCancelled() {
    if (this.signal.aborted) throw this.cancelled();
  }

  private asDownloadError(thrown: unknown): DownloadError {
    if (thrown instanceof DownloadError) return thrown;
    if (thrown instanceof Failed) return thrown.error;
    if (this.signal.aborted) return this.cancelled();
    throw thrown;
  }

  /** A store call, its failures as DownloadErrors. */
  private async storage<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const name = (error as { name?: string })?.name;
      const detail = error instanceof Error ? error.message : String(error);
      if (name === 'QuotaExceededError') {
        throw new DownloadError('quota', `The browser's storage is full after ${formatBytes(this.done)} of ${this.label}. Delete cached models or free disk space, then download again: it resumes.`);
      }
      throw new DownloadError('storage', `${this.label} could not be saved in the browser's storage (${detail}).`);
    }
  }

  private async discard() {
    await this.storage(() => this.options.store.deletePartial(this.options.key));
    this.hasher.reset();
    this.done = 0;
    this.resumed = 0;
    this.total = this.expectedSize;
    this.progress.restart(0);
  }

  /** Fatal: the partial is deleted and the error thrown. */
  private async refuse(error: DownloadError): Promise<never> {
    await this.discard();
    this.discarded = true;
    throw error;
  }

  private report(phase: DownloadProgress['phase'], done: number, total: number | undefined, force = false) {
    this.progress.report(phase, done, total, this.done, force);
  }

  /** A partial file from an earlier session: hash it again, so the final hash covers every byte. */
  private async resumeFromPartial() {
    const { key, store } = this.options;
    const size = await this.storage(() => store.partialSize(key));
    if (size === 0) return;
    if (this.expectedSize !== undefined && size > this.expectedSize) return this.discard();
    const blob = await this.storage(() => store.readPartial(key));
    if (!this.options.text && looksLikeMarkup(new Uint8Array(await blob.slice(0, 512).arrayBuffer()))) return this.discard();
    const reader = blob.stream().getReader();
    let hashed = 0;
    this.report('checking', 0, blob.size, true);
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        this.throwIfCancelled();
        await this.hasher.update(read.value);
        hashed += read.value.length;
        this.report('checking', hashed, blob.size);
      }
    } finally {
      reader.releaseLock();
    }
    this.done = hashed;
    this.resumed = hashed;
  }

  private async checkQuota(needed: number) {
    this.quotaChecked = true;
    await checkRoom(this.label, needed, this.options.estimate);
  }

  /** Requests until the body is complete: retries with Range after drops, the mirror when the host fails. */
  private async downloadRest() {
    const sources = [this.options.url, ...(this.options.mirrorUrl ? [this.options.mirrorUrl] : [])];
    const retries = this.options.retries ?? 5;
    const baseMs = this.options.backoffMs ?? 500;
    const failedSources = new Map<number, Failed>();
    let source = 0;
    let failures = 0;
    for (;;) {
      this.throwIfCancelled();
      const before = this.done;
      let failed: Failed;
      try {
        await this.request(sources[source]);
        return;
      } catch (thrown) {
        if (!(thrown instanceof Failed)) throw thrown;
        failed = thrown;
      }
      if (this.done > before) {
        failures = 0;
        failedSources.clear();
      }
      if (failed.stage === 'source') {
        failedSources.set(source, failed);
        const next = sources.findIndex((_, at) => !failedSources.has(at));
        if (next >= 0) {
          source = next;
          continue;
        }
        if (![...failedSources.values()].some((f) => f.retryable) || failures >= retries) throw allFailed(failedSources);
        failedSources.clear();
        source = 0;
      } else if (failures >= retries) {
        throw failed.error;
      }
      failures++;
      const wait = Math.min(8000, baseMs * 2 ** (failures - 1)) * (0.5 + Math.random() / 2);
      try {
        await sleep(wait, this.signal);
      } catch {
        throw this.cancelled();
      }
    }
  }

  /** One request from `done` on. Returns when the body has ended; throws Failed to be retried. */
  private async request(url: string): Promise<void> {
    const host = hostOf(url);
    const headers: Record<string, string> = this.done > 0 ? { Range: `bytes=${this.done}-` } : {};
    let response: Response;
    try {
      response = await this.fetch(url, { headers, signal: this.signal, cache: 'no-store' });
    } catch (error) {
      if (this.signal.aborted) throw this.cancelled();
      const detail = error instanceof Error ? error.message : String(error);
      throw new Failed(new DownloadError('network', `${host} could not be reached for ${this.label} (${detail}).`, { url }), 'source', true);
    }
    const dropBody = () => response.body?.cancel().catch(() => undefined);

    if (response.status === 416 && this.done > 0) {
      await dropBody();
      // The partial may already be the whole file.
      if (parseContentRange(response.headers.get('content-range'))?.total === this.done) return;
      await this.discard();
      throw new Failed(new DownloadError('http', `${host} refused to resume ${this.label}; starting again.`, { url, status: 416 }), 'dropped', true);
    }
    if (!response.ok) {
      await dropBody();
      const { status } = response;
      const words = status === 404 ? 'not found (404)' : `an error (${status}${response.statusText ? ` ${response.statusText}` : ''})`;
      const retryable = status >= 500 || status === 408 || status === 429;
      throw new Failed(new DownloadError('http', `${host} answered ${words} for ${this.label}.`, { url, status }), 'source', retryable);
    }
    const type = response.headers.get('content-type');
    if (isTextType(type) && !this.options.text) {
      await dropBody();
      throw new Failed(notAModel(this.label, url, `a web page or text (${type})`, type ?? undefined), 'source', false);
    }

    let serverTotal: number | undefined;
    if (response.status === 206) {
      const range = parseContentRange(response.headers.get('content-range'));
      if (range?.start !== this.done) {
        await dropBody();
        await this.discard();
        throw new Failed(new DownloadError('http', `${host} sent another part of ${this.label} than asked; starting again.`, { url, status: 206 }), 'dropped', true);
      }
      serverTotal = range.total;
    } else {
      // 200: the whole file. After a Range request the server ignored it: start again from this body.
      if (this.done > 0) await this.discard();
      const encoded = (response.headers.get('content-encoding') ?? 'identity').toLowerCase() !== 'identity';
      const length = response.headers.get('content-length');
      if (!encoded && length !== null && /^\d+$/.test(length.trim())) serverTotal = Number(length);
    }
    if (serverTotal !== undefined) {
      if (this.expectedSize !== undefined && serverTotal !== this.expectedSize) {
        await dropBody();
        throw new Failed(wrongSize(this.label, this.expectedSize, url, serverTotal), 'source', false);
      }
      this.total = serverTotal;
      if (!this.quotaChecked) {
        await dropBodyOnError(dropBody, () => this.checkQuota(serverTotal - this.done));
      }
    }
    if (!response.body) throw new Failed(new DownloadError('network', `${host} sent no body for ${this.label}.`, { url }), 'dropped', true);
    await this.readBody(url, response.body);
  }

  private async readBody(url: string, body: ReadableStream<Uint8Array<ArrayBuffer>>) {
    const { key, store } = this.options;
    const reader = body.getReader();
    // A fresh start holds the first bytes back until it is clear they are not a web page.
    let head: Uint8Array<ArrayBuffer>[] | null = this.done === 0 ? [] : null;
    let headSize = 0;
    this.progress.restart(this.done);
    let ended = false;
    // Network chunks (often 64 KB) are stored and hashed a few MB at a time: one storage write per chunk made downloads several times slower than curl.
    // They are gathered in one reused buffer: a fresh one per write cost a page fault per 4 KB.
    const staging = new Uint8Array(this.options.writeBytes ?? WRITE_BYTES);
    let staged = 0;
    const keep = async (bytes: Uint8Array<ArrayBuffer>) => {
      await this.storage(() => store.appendPartial(key, bytes));
      await this.hasher.update(bytes);
      this.done += bytes.length;
    };
    const flush = async () => {
      if (!staged) return;
      const bytes = staging.subarray(0, staged);
      staged = 0;
      await keep(bytes);
    };
    const write = async (chunk: Uint8Array<ArrayBuffer>) => {
      if (this.expectedSize !== undefined && this.done + staged + chunk.length > this.expectedSize) {
        await reader.cancel().catch(() => undefined);
        await this.refuse(wrongSize(this.label, this.expectedSize, url, this.done + staged + chunk.length));
      }
      if (staged + chunk.length > staging.length) await flush();
      if (chunk.length >= staging.length) await keep(chunk);
      else {
        staging.set(chunk, staged);
        staged += chunk.length;
      }
      this.report('downloading', this.done + staged, this.total);
    };
    const releaseHead = async () => {
      const chunks = head ?? [];
      head = null;
      const joined = concat(chunks, headSize);
      if (!this.options.text && looksLikeMarkup(joined.subarray(0, 512))) {
        await reader.cancel().catch(() => undefined);
        throw new Failed(notAModel(this.label, url, 'a web page'), 'source', false);
      }
      if (joined.length) await write(joined);
    };
    try {
      for (;;) {
        let read: ReadableStreamReadResult<Uint8Array<ArrayBuffer>>;
        try {
          read = await reader.read();
        } catch (error) {
          // What came before a cancel or a drop is good: kept, so the next request resumes after it.
          if (this.signal.aborted) {
            await flush();
            throw this.cancelled();
          }
          if (head) await releaseHead();
          await flush();
          const detail = error instanceof Error ? error.message : String(error);
          throw new Failed(new DownloadError('network', `The connection to ${hostOf(url)} dropped after ${formatBytes(this.done)} of ${this.label} (${detail}).`, { url }), 'dropped', true);
        }
        if (read.done) break;
        if (this.signal.aborted) {
          // Cancel keeps what came: the next download resumes after it.
          await flush();
          this.throwIfCancelled();
        }
        if (head) {
          head.push(read.value);
          headSize += read.value.length;
          if (headSize >= 512) await releaseHead();
          continue;
        }
        await write(read.value);
      }
      if (head) await releaseHead();
      await flush();
      ended = true;
    } finally {
      if (!ended) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
    if (this.total !== undefined && this.done < this.total) {
      throw new Failed(new DownloadError('network', `${hostOf(url)} ended ${this.label} after ${formatBytes(this.done)} of ${formatBytes(this.total)}.`, { url }), 'dropped', true);
    }
  }

  private async finish(): Promise<DownloadResult> {
    if (this.expectedSize !== undefined && this.done !== this.expectedSize) await this.refuse(wrongSize(this.label, this.expectedSize, undefined, this.done));
    const sha256 = await this.hasher.digest();
    if (this.expectedHash !== undefined && sha256 !== this.expectedHash) {
      await this.refuse(new DownloadError('hash', `${this.label} is damaged or not the expected file: its SHA-256 is ${sha256}, the catalog says ${this.expectedHash}. Nothing was kept.`, { expected: this.expectedHash, actual: sha256 }));
    }
    await this.storage(() => this.options.store.commit(this.options.key));
    this.report('downloading', this.done, this.done, true);
    return { size: this.done, sha256, verified: this.expectedHash !== undefined };
  }
}

/** Runs `work`; when it throws, the response body is let go first. */
async function dropBodyOnError(dropBody: () => unknown, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    await dropBody();
    throw error;
  }
}
