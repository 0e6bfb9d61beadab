/** A ModelStore in memory, for Node tests. */
import { byKey, checkKey, type ModelStore, type StoredFile } from './modelStore';

export interface MemoryStoreOptions {
  /** Makes an append fail, as a full disk would: told the key and the partial size it would reach. */
  failAppend?: (key: string, size: number) => Error | undefined;
}

export function memoryStore(options: MemoryStoreOptions = {}): ModelStore {
  const finished = new Map<string, Uint8Array<ArrayBuffer>>();
  const partials = new Map<string, Uint8Array<ArrayBuffer>[]>();
  const sizeOf = (chunks: Uint8Array[] | undefined) => (chunks ?? []).reduce((sum, chunk) => sum + chunk.length, 0);

  const store: ModelStore = {
    async has(key) {
      checkKey(key);
      return finished.has(key);
    },
    async size(key) {
      checkKey(key);
      return finished.get(key)?.length;
    },
    async partialSize(key) {
      checkKey(key);
      return sizeOf(partials.get(key));
    },
    async appendPartial(key, chunk) {
      checkKey(key);
      const chunks = partials.get(key) ?? [];
      const failure = options.failAppend?.(key, sizeOf(chunks) + chunk.length);
      if (failure) throw failure;
      // A copy: the caller may reuse its buffer.
      chunks.push(chunk.slice());
      partials.set(key, chunks);
    },
    async closePartial(key) {
      checkKey(key);
    },
    async readPartial(key) {
      checkKey(key);
      return new Blob(partials.get(key) ?? []);
    },
    async deletePartial(key) {
      checkKey(key);
      partials.delete(key);
    },
    async commit(key) {
      checkKey(key);
      const chunks = partials.get(key);
      if (!chunks) throw new Error(`No partial file for ${key}.`);
      const bytes = new Uint8Array(sizeOf(chunks));
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.length;
      }
      finished.set(key, bytes);
      partials.delete(key);
    },
    async read(key) {
      checkKey(key);
      const bytes = finished.get(key);
      if (!bytes) throw new Error(`${key} is not stored.`);
      return new Blob([bytes]);
    },
    async delete(key) {
      checkKey(key);
      finished.delete(key);
      partials.delete(key);
    },
    async list(): Promise<StoredFile[]> {
      return [...finished].map(([key, bytes]) => ({ key, size: bytes.length })).sort(byKey);
    },
    async listPartials(): Promise<StoredFile[]> {
      return [...partials].map(([key, chunks]) => ({ key, size: sizeOf(chunks) })).sort(byKey);
    },
  };
  return store;
}
