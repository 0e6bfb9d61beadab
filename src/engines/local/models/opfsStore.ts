/**
 * Model files in the Origin Private File System: a `models/` folder, each file under its key
 * (URI-encoded), a download in progress beside it as `<name>.partial`.
 *
 * Writing: in a Web Worker a sync access handle writes straight into the partial file (fast,
 * kept as it goes). Elsewhere an async writable is used; its bytes reach the file only
 * when it closes, so it is closed (a checkpoint) each time the bytes written since the last
 * one reach the size the file had then (at least 16 MB): since Chrome copies the file when it
 * reopens a writable, at most twice the file's bytes are copied in all.
 */
import { byKey, fileNameOf, keyOfFileName, partialNameOf, type ModelStore, type StoredFile } from './modelStore';

/** The parts of the File System Access API this store uses (typed here: the DOM lib lacks some). */
export interface OpfsWritable {
  write(data: Uint8Array<ArrayBuffer>): Promise<void>;
  seek(position: number): Promise<void>;
  close(): Promise<void>;
}

export interface OpfsSyncHandle {
  write(data: Uint8Array<ArrayBuffer>, options: { at: number }): number;
  getSize(): number;
  flush(): void;
  close(): void;
}

export interface OpfsFileHandle {
  readonly kind: 'file';
  getFile(): Promise<File>;
  createWritable?(options?: { keepExistingData?: boolean }): Promise<OpfsWritable>;
  createSyncAccessHandle?(): Promise<OpfsSyncHandle>;
  move?(newName: string): Promise<void>;
}

export interface OpfsDirectoryHandle {
  readonly kind: 'directory';
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<OpfsDirectoryHandle>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<OpfsFileHandle>;
  removeEntry(name: string): Promise<void>;
  entries(): AsyncIterable<[string, OpfsFileHandle | OpfsDirectoryHandle]>;
}

export interface OpfsStoreOptions {
  /** The OPFS root; `navigator.storage.getDirectory()` by default. */
  root?: OpfsDirectoryHandle;
  /** The folder under the root (default `models`). */
  folder?: string;
  /** `sync`: sync access handles only (workers); `async`: writables only; `auto` (default): sync where it works. */
  mode?: 'auto' | 'sync' | 'async';
  /** Smallest checkpoint of the async writer, in bytes (default 16 MB). */
  checkpointBytes?: number;
}

/** Whether this browser has an Origin Private File System. */
export function hasOpfs(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}

interface PartialWriter {
  readonly size: number;
  append(chunk: Uint8Array<ArrayBuffer>): Promise<void>;
  /** Makes the bytes durable and lets the file go (another handle may open it). */
  close(): Promise<void>;
}

const isNamed = (error: unknown, name: string) => typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
const missing = (error: unknown) => isNamed(error, 'NotFoundError') || isNamed(error, 'TypeMismatchError');

function full(wrote: number, wanted: number): Error {
  const error = new Error(`Only ${wrote} of ${wanted} bytes could be written: the browser's storage is full.`);
  error.name = 'QuotaExceededError';
  return error;
}

async function syncWriter(file: OpfsFileHandle): Promise<PartialWriter> {
  const handle = await file.createSyncAccessHandle!();
  let size = handle.getSize();
  return {
    get size() {
      return size;
    },
    async append(chunk) {
      const wrote = handle.write(chunk, { at: size });
      size += wrote;
      if (wrote !== chunk.length) throw full(wrote, chunk.length);
    },
    async close() {
      // No flush: an fsync (0.2 s for 96 MB here) guards only against the system crashing, as browsers' own downloads do without.
      handle.close();
    },
  };
}

async function asyncWriter(file: OpfsFileHandle, checkpointBytes: number): Promise<PartialWriter> {
  if (typeof file.createWritable !== 'function') throw new Error('This browser cannot write files into its storage here (no createWritable).');
  let size = (await file.getFile()).size;
  let writable: OpfsWritable | null = null;
  let pending = 0;
  const flush = async () => {
    if (!writable) return;
    const open = writable;
    writable = null;
    pending = 0;
    await open.close();
  };
  return {
    get size() {
      return size;
    },
    async append(chunk) {
      if (!writable) {
        writable = await file.createWritable!({ keepExistingData: true });
        await writable.seek(size);
      }
      await writable.write(chunk);
      size += chunk.length;
      pending += chunk.length;
      // Each checkpoint copies the file (keepExistingData), so they come when it has doubled: at most twice its bytes copied in all.
      if (pending >= Math.max(checkpointBytes, size - pending)) await flush();
    },
    close: flush,
  };
}

/** Copies one file into another, for browsers without `move`. */
async function copyFile(from: OpfsFileHandle, to: OpfsFileHandle): Promise<void> {
  const source = await from.getFile();
  if (typeof to.createWritable === 'function') {
    const writable = await to.createWritable({ keepExistingData: false });
    const reader = source.stream().getReader();
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) await writable.write(read.value);
    } finally {
      await writable.close();
    }
    return;
  }
  const handle = await to.createSyncAccessHandle!();
  try {
    const step = 8 * 2 ** 20;
    for (let at = 0; at < source.size; at += step) {
      const bytes = new Uint8Array(await source.slice(at, at + step).arrayBuffer());
      if (handle.write(bytes, { at }) !== bytes.length) throw full(0, bytes.length);
    }
    handle.flush();
  } finally {
    handle.close();
  }
}

export async function opfsStore(options: OpfsStoreOptions = {}): Promise<ModelStore> {
  const root = options.root ?? ((await navigator.storage.getDirectory()) as unknown as OpfsDirectoryHandle);
  const folder = await root.getDirectoryHandle(options.folder ?? 'models', { create: true });
  const mode = options.mode ?? 'auto';
  const checkpointBytes = options.checkpointBytes ?? 16 * 2 ** 20;
  const writers = new Map<string, PartialWriter>();
  const queues = new Map<string, Promise<unknown>>();

  /** One operation at a time per key: appends, reads and the commit never interleave. */
  function locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = queues.get(key) ?? Promise.resolve();
    const run = before.then(work, work);
    const settled = run.catch(() => undefined);
    queues.set(key, settled);
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key);
    });
    return run;
  }

  async function fileHandle(name: string, create = false): Promise<OpfsFileHandle | undefined> {
    try {
      return await folder.getFileHandle(name, { create });
    } catch (error) {
      if (missing(error)) return undefined;
      throw error;
    }
  }

  async function remove(name: string): Promise<void> {
    try {
      await folder.removeEntry(name);
    } catch (error) {
      if (!missing(error)) throw error;
    }
  }

  async function openWriter(key: string): Promise<PartialWriter> {
    const open = writers.get(key);
    if (open) return open;
    const file = (await fileHandle(partialNameOf(key), true))!;
    let writer: PartialWriter | undefined;
    if (mode !== 'async' && typeof file.createSyncAccessHandle === 'function') {
      try {
        writer = await syncWriter(file);
      } catch (error) {
        // Locked by another tab or worker: say so rather than write beside it.
        if (mode === 'sync' || isNamed(error, 'NoModificationAllowedError')) throw error;
      }
    }
    if (!writer && mode === 'sync') throw new Error('Sync access handles are not available here (they work in a Web Worker).');
    writer ??= await asyncWriter(file, checkpointBytes);
    writers.set(key, writer);
    return writer;
  }

  async function closeWriter(key: string): Promise<void> {
    const writer = writers.get(key);
    if (!writer) return;
    writers.delete(key);
    await writer.close();
  }

  async function sizeOf(name: string): Promise<number | undefined> {
    const file = await fileHandle(name);
    return file ? (await file.getFile()).size : undefined;
  }

  async function listed(partial: boolean): Promise<StoredFile[]> {
    const files: StoredFile[] = [];
    for await (const [name, handle] of folder.entries()) {
      const named = keyOfFileName(name);
      if (handle.kind !== 'file' || !named || named.partial !== partial) continue;
      const open = partial ? writers.get(named.key) : undefined;
      try {
        files.push({ key: named.key, size: open ? open.size : (await handle.getFile()).size });
      } catch {
        // Held by a sync access handle in another context: listed when it lets go.
      }
    }
    return files.sort(byKey);
  }

  return {
    has: async (key) => (await fileHandle(fileNameOf(key))) !== undefined,
    size: (key) => sizeOf(fileNameOf(key)),
    partialSize: (key) =>
      locked(key, async () => {
        const open = writers.get(key);
        return open ? open.size : ((await sizeOf(partialNameOf(key))) ?? 0);
      }),
    appendPartial: (key, chunk) => locked(key, async () => (await openWriter(key)).append(chunk)),
    closePartial: (key) => locked(key, () => closeWriter(key)),
    readPartial: (key) =>
      locked(key, async () => {
        await closeWriter(key);
        const file = await fileHandle(partialNameOf(key));
        return file ? await file.getFile() : new Blob([]);
      }),
    deletePartial: (key) =>
      locked(key, async () => {
        await closeWriter(key);
        await remove(partialNameOf(key));
      }),
    commit: (key) =>
      locked(key, async () => {
        await closeWriter(key);
        const partial = await fileHandle(partialNameOf(key));
        if (!partial) throw new Error(`No partial file for ${key}.`);
        const name = fileNameOf(key);
        await remove(name);
        if (typeof partial.move === 'function') {
          await partial.move(name);
          return;
        }
        await copyFile(partial, (await fileHandle(name, true))!);
        await remove(partialNameOf(key));
      }),
    read: async (key) => {
      const file = await fileHandle(fileNameOf(key));
      if (!file) throw new Error(`${key} is not stored.`);
      return file.getFile();
    },
    delete: (key) =>
      locked(key, async () => {
        await closeWriter(key);
        await remove(fileNameOf(key));
        await remove(partialNameOf(key));
      }),
    list: () => listed(false),
    listPartials: () => listed(true),
  };
}
