/** What a model download takes and gives back, and how it fails (download.ts does the work). */
import type { ModelStore } from './modelStore';

export type DownloadErrorKind =
  /** The host could not be reached, or the connection kept dropping. The partial file is kept. */
  | 'network'
  /** The host answered with an error status (404, 403, 5xx...). */
  | 'http'
  /** A web page or other text came instead of the model. Nothing was kept. */
  | 'not-a-model'
  /** The file has another size than the catalog says. Nothing was kept. */
  | 'size'
  /** The file's SHA-256 is not the catalog's. Nothing was kept. */
  | 'hash'
  /** Not enough room in the browser's storage. The partial file is kept. */
  | 'quota'
  /** The browser's storage failed to write or read. */
  | 'storage'
  /** This file is already being downloaded into this store. */
  | 'busy'
  /** Cancelled through the signal. The partial file is kept: the next download resumes it. */
  | 'cancelled';

export interface DownloadErrorDetails {
  url?: string;
  status?: number;
  /** What was expected and what came: bytes for size and quota, hex for hash, a content type. */
  expected?: number | string;
  actual?: number | string;
}

export class DownloadError extends Error {
  constructor(
    readonly kind: DownloadErrorKind,
    /** A sentence for the user. */
    message: string,
    readonly details: DownloadErrorDetails = {},
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface DownloadProgress {
  /**
   * `checking`: a partial file left by an earlier session is being hashed again before the
   * download resumes (done/total count its bytes); `downloading`: done/total are the file's.
   */
  phase: 'checking' | 'downloading';
  done: number;
  /** Undefined while the size is unknown (no catalog size, no Content-Length yet). */
  total: number | undefined;
  /** Smoothed over the last few seconds; 0 until measured. */
  bytesPerSecond: number;
}

export interface StorageEstimateLike {
  quota?: number;
  usage?: number;
}

export interface DownloadOptions {
  url: string;
  /** Tried when `url` fails: unreachable, 404, 5xx, a web page instead of the file. */
  mirrorUrl?: string;
  /** The file's key in the store. */
  key: string;
  /** The name the user knows the file by, for messages (default: the key). */
  label?: string;
  /** A configuration file (JSON, a tokenizer's text): text is what is expected, so it is not refused as a web page. */
  text?: boolean;
  /** From the catalog. Without sha256 the result is `verified: false` and carries the hash to pin. */
  expected?: { size?: number; sha256?: string };
  store: ModelStore;
  signal?: AbortSignal;
  /** Called at most every `progressIntervalMs`, and once at the end. */
  onProgress?: (progress: DownloadProgress) => void;
  fetch?: typeof fetch;
  /** `navigator.storage.estimate` by default; undefined quota or usage skips the check. */
  estimate?: () => Promise<StorageEstimateLike>;
  /** `navigator.storage.persist` by default (asked once per page). */
  persist?: () => Promise<boolean>;
  /** Retries of a dropped or failing connection in a row without progress (default 5). */
  retries?: number;
  /** First backoff wait (default 500 ms, doubling, at most 8 s, with jitter). */
  backoffMs?: number;
  progressIntervalMs?: number;
  /** Bytes gathered before each storage write (default 4 MiB). */
  writeBytes?: number;
  /** Milliseconds clock, for progress and speed (default performance.now). */
  now?: () => number;
}

export interface DownloadResult {
  size: number;
  /** Lower-case hex. */
  sha256: string;
  /** True when the hash matched `expected.sha256`; false when none was given. */
  verified: boolean;
}

/** What the download worker is asked for: the options that can cross to it (it has its own store, signal and progress). */
export type WorkerDownload = Pick<DownloadOptions, 'url' | 'mirrorUrl' | 'key' | 'label' | 'text' | 'expected'>;
