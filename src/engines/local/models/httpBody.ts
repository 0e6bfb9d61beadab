/** Small pure pieces of reading an HTTP body: content types, markup sniffing, ranges, joining chunks. */

export const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** `text/*` and the other types an error page comes as. */
export function isTextType(contentType: string | null): boolean {
  const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return mime.startsWith('text/') || ['application/xhtml+xml', 'application/xml', 'application/json', 'application/problem+json'].includes(mime);
}

/**
 * Whether the first bytes of a body are markup: `<` then `!`, `?`, `/` or a letter (after an
 * optional BOM and white space) and no control bytes. Binary data that happens to start with
 * `<` (0x3C, common in raw float tensors) has control bytes within its first few hundred.
 */
export function looksLikeMarkup(head: Uint8Array): boolean {
  let at = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (at < head.length && (head[at] === 0x20 || (head[at] >= 0x09 && head[at] <= 0x0d))) at++;
  if (head[at] !== 0x3c) return false;
  const next = head[at + 1];
  if (next !== undefined && !(next === 0x21 || next === 0x3f || next === 0x2f || (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7a)) return false;
  return head.every((byte) => byte >= 0x20 || (byte >= 0x09 && byte <= 0x0d)) && !head.includes(0x7f);
}

/** A Content-Range value: `bytes 100-199/1000`, or `bytes *\/1000` (416). */
export function parseContentRange(header: string | null): { start?: number; end?: number; total?: number } | undefined {
  const match = /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)$/i.exec(header?.trim() ?? '');
  if (!match) return undefined;
  return {
    start: match[1] === undefined ? undefined : Number(match[1]),
    end: match[2] === undefined ? undefined : Number(match[2]),
    total: match[3] === '*' ? undefined : Number(match[3]),
  };
}

/** Waits `ms`, or rejects when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function concat(chunks: Uint8Array<ArrayBuffer>[], size: number): Uint8Array<ArrayBuffer> {
  if (chunks.length === 1) return chunks[0];
  const joined = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return joined;
}
