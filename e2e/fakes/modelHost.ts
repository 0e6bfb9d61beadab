/**
 * A fake model host (a Hugging Face `resolve` URL, or its mirror): serves model files from a
 * folder, or from memory in unit tests, with HTTP Range and the CORS a cross-origin isolated
 * page needs. Every file is also served under `/mirror/`, so a test can point the mirror URL
 * at the same host and fail only one of them.
 *
 * Faults (POST /__control/faults, or `state.faults` in-process) hit the next request for
 * `on`: 'file' (any file), 'main' (not under /mirror/), 'mirror', or one file's path
 * ('/lama.onnx'). Besides the toolkit's status/drop/delayMs: drop the connection after N
 * bytes, corrupt a byte, send an HTML page with 200, ignore Range, send more bytes than the
 * file has, leave out Content-Length, be slow.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { applyFault, controlRoutes, fakeState, takeFault, type Fault, type FakeState, type Seen } from './toolkit';

export interface ModelHostFault extends Fault {
  /** Send this many bytes of the body, then close the connection. */
  dropAfterBytes?: number;
  /** Flip the first byte of the body (same length, wrong hash). */
  corrupt?: boolean;
  /** Answer 200 with an HTML error page, as a login wall or a CDN error would. */
  html?: boolean;
  /** The Content-Type to send (e.g. an HTML page that says application/octet-stream). */
  contentType?: string;
  /** Answer 200 with the whole file even when a Range came. */
  ignoreRange?: boolean;
  /** Send this many zero bytes after the file (a wrong size). */
  extraBytes?: number;
  /** No Content-Length (chunked), so only the bytes tell the size. */
  noLength?: boolean;
  /** Trickle the body at about this rate. */
  bytesPerSecond?: number;
}

export interface ModelHostSeen extends Seen {
  range?: string;
  status?: number;
}

export interface ModelHostState extends FakeState {
  faults: ModelHostFault[];
  seen: ModelHostSeen[];
}

export interface ModelHostOptions {
  /** Serve the files in this folder (read at each request: it may appear later). */
  folder?: string;
  /** Or these, by path (`/tiny.onnx`). */
  files?: Record<string, Uint8Array>;
  state?: ModelHostState;
}

export const corsHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'Range, If-Range, Content-Type',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, Content-Type',
  'Access-Control-Max-Age': '600',
  // A require-corp page may also load these without CORS.
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

const ERROR_PAGE = new TextEncoder().encode(
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The model host is having trouble.</p></body></html>\n',
);

interface Source {
  size: number;
  /** The bytes from start to end inclusive, in chunks. */
  read(start: number, end: number): AsyncIterable<Uint8Array>;
}

async function fromFolder(folder: string, path: string): Promise<Source | undefined> {
  const root = resolve(folder);
  const file = resolve(root, `.${path}`);
  if (!file.startsWith(root + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  return {
    size: info.size,
    async *read(start, end) {
      if (end < start) return;
      for await (const chunk of createReadStream(file, { start, end, highWaterMark: 64 * 1024 })) yield new Uint8Array(chunk as Buffer);
    },
  };
}

function fromMemory(bytes: Uint8Array): Source {
  return {
    size: bytes.length,
    async *read(start, end) {
      for (let at = start; at <= end; at += 64 * 1024) yield bytes.slice(at, Math.min(end + 1, at + 64 * 1024));
    },
  };
}

/** `bytes=100-`, `bytes=100-199`, `bytes=-50`; undefined for none or several ranges. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(size - 1, Number(match[2]));
  return start >= size || end < start ? 'unsatisfiable' : { start, end };
}

/** The body with the fault's changes: corrupted, extended, cut off, slowed down. */
async function* shaped(chunks: AsyncIterable<Uint8Array>, fault: ModelHostFault | undefined, dropConnection: () => void): AsyncGenerator<Uint8Array> {
  let sent = 0;
  let first = true;
  const all = async function* () {
    yield* chunks;
    if (fault?.extraBytes) yield new Uint8Array(fault.extraBytes);
  };
  for await (const whole of all()) {
    const step = fault?.bytesPerSecond ? Math.max(256, Math.round(fault.bytesPerSecond / 20)) : whole.length;
    for (let at = 0; at < whole.length; at += step) {
      let chunk = whole.slice(at, at + step);
      if (first && fault?.corrupt && chunk.length) chunk[0] ^= 0xff;
      first = false;
      if (fault?.dropAfterBytes !== undefined && sent + chunk.length >= fault.dropAfterBytes) {
        chunk = chunk.slice(0, fault.dropAfterBytes - sent);
        if (chunk.length) yield chunk;
        // Let the bytes reach the socket before it closes.
        await new Promise((done) => setTimeout(done, 20));
        dropConnection();
        return;
      }
      sent += chunk.length;
      yield chunk;
      if (fault?.bytesPerSecond) await new Promise((done) => setTimeout(done, (chunk.length / fault.bytesPerSecond!) * 1000));
    }
  }
}

function webStream(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

export function modelHostState(): ModelHostState {
  return fakeState();
}

export function modelHostFake(options: ModelHostOptions = {}) {
  const app = new Hono();
  const state = options.state ?? modelHostState();
  app.use('*', async (c, next) => {
    if (c.req.method === 'OPTIONS') return c.body(null, 204, corsHeaders);
    await next();
    for (const [name, value] of Object.entries(corsHeaders)) c.res.headers.set(name, value);
  });
  controlRoutes(app, state);
  app.get('/health', (c) => c.json({ status: 'ok' }));

  const find = async (path: string): Promise<Source | undefined> => {
    const bytes = options.files?.[path];
    if (bytes) return fromMemory(bytes);
    return options.folder ? fromFolder(options.folder, path) : undefined;
  };

  const serveFile = async (c: Context) => {
    const mirror = c.req.path.startsWith('/mirror/');
    const path = decodeURIComponent(mirror ? c.req.path.slice('/mirror'.length) : c.req.path);
    const range = c.req.header('Range');
    const seen: ModelHostSeen = { kind: mirror ? 'mirror' : 'main', method: c.req.method, path: c.req.path, range };
    state.seen.push(seen);
    const fault = (takeFault(state, path) ?? takeFault(state, mirror ? 'mirror' : 'main') ?? takeFault(state, 'file')) as ModelHostFault | undefined;
    const answered = await applyFault(c, fault);
    if (answered) {
      seen.status = answered.status;
      return answered;
    }
    if (fault?.html) {
      seen.status = 200;
      return c.body(ERROR_PAGE, 200, { 'Content-Type': fault.contentType ?? 'text/html; charset=utf-8', 'Content-Length': String(ERROR_PAGE.length) });
    }
    const source = await find(path);
    if (!source) {
      seen.status = 404;
      return c.text(`${path}: no such model file here${options.folder ? ' (npm run models makes test-models/)' : ''}.`, 404);
    }
    const headers: Record<string, string> = { 'Content-Type': fault?.contentType ?? 'application/octet-stream', 'Accept-Ranges': 'bytes' };
    const wanted = fault?.ignoreRange ? undefined : parseRange(range, source.size);
    if (wanted === 'unsatisfiable') {
      seen.status = 416;
      return c.body(null, 416, { ...headers, 'Content-Range': `bytes */${source.size}` });
    }
    const { start, end } = wanted ?? { start: 0, end: source.size - 1 };
    const length = end - start + 1 + (fault?.extraBytes ?? 0);
    if (!fault?.noLength) headers['Content-Length'] = String(length);
    if (wanted) headers['Content-Range'] = `bytes ${start}-${end}/${source.size}`;
    const status = wanted ? 206 : 200;
    seen.status = status;
    if (c.req.method === 'HEAD') return c.body(null, status, headers);
    const dropConnection = () => (c.env as { incoming?: { socket?: { destroy(): void } } })?.incoming?.socket?.destroy();
    return c.body(webStream(shaped(source.read(start, end), fault, dropConnection)), status, headers);
  };
  app.on(['GET', 'HEAD'], '/*', serveFile);
  return app;
}

/** Starts a model host on a free port (or `port`), for tests in this process. */
export async function startModelHost(options: ModelHostOptions & { port?: number } = {}) {
  const state = options.state ?? modelHostState();
  const app = modelHostFake({ ...options, state });
  const server = await new Promise<ReturnType<typeof serve>>((resolveServer) => {
    const started = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () => resolveServer(started));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    origin: `http://127.0.0.1:${port}`,
    state,
    close: () =>
      new Promise<void>((done) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => done());
      }),
  };
}
