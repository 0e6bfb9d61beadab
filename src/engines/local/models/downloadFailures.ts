/** How one request of a download fails, and the messages that say so. */
import { DownloadError } from './downloadTypes';
import { hostOf } from './httpBody';

/** Why one request did not deliver the file: the host failed before the body, or the body broke off. */
export class Failed extends Error {
  constructor(
    readonly error: DownloadError,
    readonly stage: 'source' | 'dropped',
    readonly retryable: boolean,
  ) {
    super(error.message);
  }
}

/** The error of the last attempt at each source (0: the host, 1: the mirror), as one. */
export function allFailed(failed: Map<number, Failed>): DownloadError {
  const [main, mirror] = [failed.get(0)!.error, failed.get(1)?.error];
  if (!mirror) return main;
  return new DownloadError(main.kind, `${main.message} The mirror failed too: ${mirror.message}`, main.details);
}

export function notAModel(label: string, url: string, what: string, actual?: string): DownloadError {
  return new DownloadError('not-a-model', `${hostOf(url)} sent ${what} instead of the model file ${label}; nothing was kept.`, { url, expected: 'application/octet-stream', actual });
}

const exactBytes = (bytes: number) => `${bytes.toLocaleString('en-US')} bytes`;

export function wrongSize(label: string, expected: number, url: string | undefined, actual: number): DownloadError {
  const came = url ? `${hostOf(url)} sent ${exactBytes(actual)}` : `${exactBytes(actual)} came`;
  return new DownloadError('size', `${label} should be ${exactBytes(expected)} but ${came}; nothing was kept.`, { url, expected, actual });
}
