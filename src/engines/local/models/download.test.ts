import { sha256 } from 'hash-wasm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DownloadError, downloadFile, formatBytes, looksLikeMarkup, type DownloadOptions, type DownloadProgress } from './download';
import { memoryStore } from './memoryStore';
import type { ModelStore } from './modelStore';
import { FakeDirectory } from './opfsFake';
import { opfsStore } from './opfsStore';

/** The fake model host the end-to-end tests use too (a Node server: loaded at run time, outside the app's types). */
interface ModelHost {
  origin: string;
  state: { faults: Record<string, unknown>[]; seen: { kind: string; path: string; range?: string; status?: number }[] };
  close(): Promise<void>;
}
const hostModule = '../../../../e2e/fakes/modelHost.ts';

/** 300 kB of deterministic bytes starting like an ONNX file. */
function modelBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let state = 0x2545f491;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  bytes[0] = 0x08;
  return bytes;
}

const MODEL = modelBytes(300_000);
let MODEL_SHA = '';
let host: ModelHost;
let url = '';
let mirrorUrl = '';

beforeAll(async () => {
  MODEL_SHA = await sha256(MODEL);
  const { startModelHost } = await import(/* @vite-ignore */ hostModule);
  host = await startModelHost({ files: { '/tiny.onnx': MODEL } });
  url = `${host.origin}/tiny.onnx`;
  mirrorUrl = `${host.origin}/mirror/tiny.onnx`;
});
afterAll(() => host?.close());
beforeEach(() => {
  host.state.faults.length = 0;
  host.state.seen.length = 0;
});

const fault = (...faults: Record<string, unknown>[]) => host.state.faults.push(...faults.map((f) => ({ on: 'file', ...f })));

function options(store: ModelStore, extra: Partial<DownloadOptions> = {}): DownloadOptions {
  return {
    url,
    key: 'tiny.onnx',
    label: 'Tiny model',
    expected: { size: MODEL.length, sha256: MODEL_SHA },
    store,
    backoffMs: 1,
    estimate: async () => ({ quota: 10e9, usage: 0 }),
    persist: async () => true,
    ...extra,
  };
}

async function failure(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

/** Whether the store holds exactly the model (toEqual on 300 kB typed arrays is slow). */
async function holdsModel(store: ModelStore, key = 'tiny.onnx') {
  const bytes = new Uint8Array(await (await store.read(key)).arrayBuffer());
  return bytes.length === MODEL.length && bytes.every((byte, i) => byte === MODEL[i]);
}

async function expectNothingKept(store: ModelStore) {
  expect(await store.has('tiny.onnx')).toBe(false);
  expect(await store.partialSize('tiny.onnx')).toBe(0);
  expect(await store.list()).toEqual([]);
  expect(await store.listPartials()).toEqual([]);
}

describe('downloadFile', () => {
  it('downloads, reports progress, verifies and commits', async () => {
    const store = memoryStore();
    const progress: DownloadProgress[] = [];
    const result = await downloadFile(options(store, { onProgress: (p) => progress.push(p) }));
    expect(result).toEqual({ size: MODEL.length, sha256: MODEL_SHA, verified: true });
    expect(await holdsModel(store)).toBe(true);
    expect(await store.list()).toEqual([{ key: 'tiny.onnx', size: MODEL.length }]);
    expect(await store.partialSize('tiny.onnx')).toBe(0);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.phase === 'downloading' && p.total === MODEL.length)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.at(-1)?.done).toBe(MODEL.length);
    expect(host.state.seen).toEqual([expect.objectContaining({ kind: 'main', range: undefined, status: 200 })]);
  });

  it('reports at most every progressIntervalMs, with a smoothed speed', async () => {
    let clock = 0;
    const reportedAt: number[] = [];
    const progress: DownloadProgress[] = [];
    // Every look at the clock moves it on 30 ms: a deterministic slow network.
    const now = () => (clock += 30);
    await downloadFile(
      options(memoryStore(), {
        now,
        progressIntervalMs: 100,
        onProgress: (p) => {
          reportedAt.push(clock);
          progress.push(p);
        },
      }),
    );
    const gaps = reportedAt.slice(1, -1).map((at, i) => at - reportedAt[i]);
    expect(gaps.every((gap) => gap >= 100)).toBe(true);
    expect(progress.at(-1)?.bytesPerSecond).toBeGreaterThan(0);
  });

  it('resumes with Range after a dropped connection: the same bytes', async () => {
    fault({ dropAfterBytes: 100_000 });
    const store = memoryStore();
    const result = await downloadFile(options(store));
    expect(result.verified).toBe(true);
    expect(await holdsModel(store)).toBe(true);
    const [first, second] = host.state.seen;
    expect(first.range).toBeUndefined();
    expect(second.range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(second.range!)![0])).toBeGreaterThan(0);
    expect(second.status).toBe(206);
    expect(host.state.seen).toHaveLength(2);
  });

  it('resumes several times when the connection keeps dropping while bytes still come', async () => {
    fault({ dropAfterBytes: 70_000, times: 4 });
    const store = memoryStore();
    await downloadFile(options(store, { retries: 1 }));
    expect(await holdsModel(store)).toBe(true);
    expect(host.state.seen.filter((s) => s.range).length).toBeGreaterThanOrEqual(4);
  });

  it('starts again from 0 when the server ignores Range', async () => {
    fault({ dropAfterBytes: 100_000 }, { ignoreRange: true });
    const store = memoryStore();
    const result = await downloadFile(options(store));
    expect(result).toEqual({ size: MODEL.length, sha256: MODEL_SHA, verified: true });
    expect(await holdsModel(store)).toBe(true);
    expect(host.state.seen[1]).toMatchObject({ status: 200 });
    expect(host.state.seen[1].range).toMatch(/^bytes=/);
  });

  it('refuses an HTML page and keeps nothing', async () => {
    fault({ html: true });
    const store = memoryStore();
    const error = await failure(downloadFile(options(store)));
    expect(error.kind).toBe('not-a-model');
    expect(error.message).toMatch(/web page.*Tiny model.*nothing was kept/);
    await expectNothingKept(store);
  });

  it('refuses an HTML page that says it is application/octet-stream, without a known size or hash', async () => {
    fault({ html: true, contentType: 'application/octet-stream' });
    const store = memoryStore();
    const error = await failure(downloadFile(options(store, { expected: {} })));
    expect(error.kind).toBe('not-a-model');
    await expectNothingKept(store);
  });

  it('refuses a size other than expected before writing', async () => {
    fault({ extraBytes: 10 });
    const store = memoryStore();
    const error = await failure(downloadFile(options(store)));
    expect(error.kind).toBe('size');
    expect(error.details).toMatchObject({ expected: MODEL.length, actual: MODEL.length + 10 });
    expect(error.message).toContain('300,000 bytes');
    await expectNothingKept(store);
  });

  it('refuses a body longer than expected when no Content-Length said so', async () => {
    fault({ extraBytes: 10, noLength: true });
    const store = memoryStore();
    expect((await failure(downloadFile(options(store)))).kind).toBe('size');
    await expectNothingKept(store);
  });

  it('refuses wrong bytes by their SHA-256 and keeps nothing', async () => {
    fault({ corrupt: true });
    const store = memoryStore();
    const error = await failure(downloadFile(options(store)));
    expect(error.kind).toBe('hash');
    expect(error.details.expected).toBe(MODEL_SHA);
    expect(error.details.actual).toMatch(/^[0-9a-f]{64}$/);
    expect(error.message).toContain(MODEL_SHA);
    await expectNothingKept(store);
  });

  it('without a known hash returns the one computed, unverified', async () => {
    const store = memoryStore();
    const result = await downloadFile(options(store, { expected: {} }));
    expect(result).toEqual({ size: MODEL.length, sha256: MODEL_SHA, verified: false });
    expect(await store.has('tiny.onnx')).toBe(true);
  });

  it('uses the mirror when the host answers 404', async () => {
    fault({ on: 'main', status: 404 });
    const store = memoryStore();
    await downloadFile(options(store, { mirrorUrl }));
    expect(await holdsModel(store)).toBe(true);
    expect(host.state.seen.map((s) => [s.kind, s.status])).toEqual([
      ['main', 404],
      ['mirror', 200],
    ]);
  });

  it('uses the mirror when the host cannot be reached', async () => {
    const store = memoryStore();
    await downloadFile(options(store, { url: 'http://127.0.0.1:9/tiny.onnx', mirrorUrl }));
    expect(await holdsModel(store)).toBe(true);
    expect(host.state.seen.map((s) => s.kind)).toEqual(['mirror']);
  });

  it('uses the mirror when the host sends a web page', async () => {
    fault({ on: 'main', html: true });
    const store = memoryStore();
    await downloadFile(options(store, { mirrorUrl }));
    expect(await holdsModel(store)).toBe(true);
  });

  it('says both failed when the mirror fails too, and does not retry a 404', async () => {
    fault({ status: 404, times: 2 });
    const store = memoryStore();
    const error = await failure(downloadFile(options(store, { mirrorUrl })));
    expect(error).toMatchObject({ kind: 'http', details: { status: 404 } });
    expect(error.message).toMatch(/not found \(404\).*mirror failed too/);
    expect(host.state.seen).toHaveLength(2);
  });

  it('retries a 503 with backoff, then gives up with the partial kept', async () => {
    fault({ status: 503, times: 3 });
    const store = memoryStore();
    const error = await failure(downloadFile(options(store, { retries: 2 })));
    expect(error).toMatchObject({ kind: 'http', details: { status: 503 } });
    expect(host.state.seen).toHaveLength(3);
    fault({ status: 503 });
    await downloadFile(options(store, { retries: 2 }));
    expect(await holdsModel(store)).toBe(true);
  });

  it('gives up on a connection that drops with no progress, keeping what came', async () => {
    fault({ dropAfterBytes: 50_000 }, { drop: true, times: 10 });
    const store = memoryStore();
    const error = await failure(downloadFile(options(store, { retries: 2 })));
    expect(error.kind).toBe('network');
    const kept = await store.partialSize('tiny.onnx');
    expect(kept).toBeGreaterThan(0);
    host.state.faults.length = 0;
    host.state.seen.length = 0;
    await downloadFile(options(store));
    expect(await holdsModel(store)).toBe(true);
    expect(host.state.seen[0].range).toBe(`bytes=${kept}-`);
  });

  it('refuses to start without room, saying the sizes', async () => {
    const store = memoryStore();
    const error = await failure(
      downloadFile(options(store, { label: 'LaMa', expected: { size: 208_044_816 }, estimate: async () => ({ quota: 200_000_000, usage: 80_000_000 }) })),
    );
    expect(error.kind).toBe('quota');
    expect(error.message).toContain('LaMa needs 208 MB, 120 MB free');
    expect(host.state.seen).toEqual([]);
  });

  it('checks the room once the size is known from Content-Length', async () => {
    const store = memoryStore();
    const error = await failure(downloadFile(options(store, { expected: {}, estimate: async () => ({ quota: 1_000_000, usage: 900_000 }) })));
    expect(error.kind).toBe('quota');
    expect(error.message).toContain('needs 300 KB, 100 KB free');
    await expectNothingKept(store);
  });

  it('stores the body a few MB at a time, not one write per network chunk', async () => {
    let writes = 0;
    const store = memoryStore({ failAppend: () => void writes++ });
    expect((await downloadFile(options(store))).size).toBe(MODEL.length);
    expect([await holdsModel(store), writes]).toEqual([true, 1]);
  });

  it('turns a full disk while writing into a quota error, the partial kept', async () => {
    const full = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    const store = memoryStore({ failAppend: (_, size) => (size > 100_000 ? full : undefined) });
    // Each chunk written as it comes, so the disk fills part way through.
    const error = await failure(downloadFile(options(store, { writeBytes: 1 })));
    expect(error.kind).toBe('quota');
    expect(await store.partialSize('tiny.onnx')).toBeGreaterThan(0);
  });

  it('cancels, keeps the partial file, and a later download resumes from it', async () => {
    fault({ bytesPerSecond: 2_000_000 });
    const store = memoryStore();
    const controller = new AbortController();
    const error = await failure(
      downloadFile(
        options(store, {
          signal: controller.signal,
          onProgress: (p) => {
            if (p.done > 0) controller.abort();
          },
        }),
      ),
    );
    expect(error.kind).toBe('cancelled');
    const kept = await store.partialSize('tiny.onnx');
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(MODEL.length);
    expect(error.message).toMatch(/kept: it resumes/);

    host.state.seen.length = 0;
    const phases: DownloadProgress['phase'][] = [];
    const result = await downloadFile(options(store, { onProgress: (p) => phases.push(p.phase) }));
    expect(result.verified).toBe(true);
    expect(await holdsModel(store)).toBe(true);
    expect(host.state.seen).toEqual([expect.objectContaining({ range: `bytes=${kept}-`, status: 206 })]);
    expect(phases[0]).toBe('checking');
    expect(phases.at(-1)).toBe('downloading');
  });

  it('cancelled before it starts, it asks nothing of the host', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await failure(downloadFile(options(memoryStore(), { signal: controller.signal })))).kind).toBe('cancelled');
    expect(host.state.seen).toEqual([]);
  });

  it('starts afresh, once, when a partial left by an earlier session is not this file', async () => {
    const store = memoryStore();
    await store.appendPartial('tiny.onnx', modelBytes(1000).map((b) => b ^ 1));
    await downloadFile(options(store));
    expect(await holdsModel(store)).toBe(true);
    expect(host.state.seen.map((s) => s.range)).toEqual(['bytes=1000-', undefined]);
  });

  it('a complete partial needs no request at all', async () => {
    const store = memoryStore();
    await store.appendPartial('tiny.onnx', MODEL.slice());
    await downloadFile(options(store));
    expect(await holdsModel(store)).toBe(true);
    expect(host.state.seen).toEqual([]);
  });

  it('refuses a second download of the same file at once', async () => {
    fault({ bytesPerSecond: 1_000_000 });
    const store = memoryStore();
    const first = downloadFile(options(store));
    expect((await failure(downloadFile(options(store)))).kind).toBe('busy');
    await first;
    expect(await holdsModel(store)).toBe(true);
  });

  it('downloads into OPFS and resumes after a reload', async () => {
    const root = new FakeDirectory({ sync: false });
    const before = await opfsStore({ root, checkpointBytes: 1 });
    fault({ dropAfterBytes: 120_000 }, { drop: true, times: 5 });
    expect((await failure(downloadFile(options(before, { retries: 1 })))).kind).toBe('network');
    const kept = await before.partialSize('tiny.onnx');
    expect(kept).toBeGreaterThan(0);

    host.state.faults.length = 0;
    host.state.seen.length = 0;
    const after = await opfsStore({ root });
    expect(await after.listPartials()).toEqual([{ key: 'tiny.onnx', size: kept }]);
    await downloadFile(options(after));
    expect(await holdsModel(after)).toBe(true);
    expect(await after.list()).toEqual([{ key: 'tiny.onnx', size: MODEL.length }]);
    expect(host.state.seen[0].range).toBe(`bytes=${kept}-`);
  });
});

describe('helpers', () => {
  it('formats sizes the way model hosts list them', () => {
    expect(formatBytes(208_044_816)).toBe('208 MB');
    expect(formatBytes(28_079_181)).toBe('28 MB');
    expect(formatBytes(4_574_861)).toBe('4.6 MB');
    expect(formatBytes(1_730_000_000)).toBe('1.73 GB');
    expect(formatBytes(512)).toBe('512 bytes');
  });

  it('tells markup from binary that starts with <', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(looksLikeMarkup(text('\ufeff  <!DOCTYPE html><html>'))).toBe(true);
    expect(looksLikeMarkup(text('<?xml version="1.0"?><Error>'))).toBe(true);
    expect(looksLikeMarkup(new Uint8Array([0x3c, 0x61, 0x00, 0x12]))).toBe(false);
    expect(looksLikeMarkup(new Uint8Array([0x08, 0x07, 0x12]))).toBe(false);
  });
});
