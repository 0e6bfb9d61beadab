/**
 * Where model files live on the user's machine. A download grows a partial file; only after
 * its size and hash are checked does `commit` make it the model file, so a reader never sees
 * half a model or an error page. Two implementations: `opfsStore.ts` (the browser's Origin
 * Private File System) and `memoryStore.ts` (Node tests).
 */

export interface StoredFile {
  key: string;
  /** Bytes. */
  size: number;
}

export interface ModelStore {
  /** Whether the finished (verified) file is there. */
  has(key: string): Promise<boolean>;
  /** The finished file's size, undefined when there is none. */
  size(key: string): Promise<number | undefined>;
  /** Bytes in the partial file, 0 when there is none. */
  partialSize(key: string): Promise<number>;
  /** Adds bytes at the end of the partial file, creating it when needed. */
  appendPartial(key: string, chunk: Uint8Array<ArrayBuffer>): Promise<void>;
  /**
   * Makes what was appended durable (a later session finds it) and lets go of the file, so
   * another tab or worker may open it; a later append opens it again.
   */
  closePartial(key: string): Promise<void>;
  /** The partial file as it is, to hash it again after a reload; empty when there is none. */
  readPartial(key: string): Promise<Blob>;
  /** Deletes the partial file only. */
  deletePartial(key: string): Promise<void>;
  /** The partial file becomes the finished one (replacing any older one). Call only after verifying it. */
  commit(key: string): Promise<void>;
  /** The finished file, for onnxruntime (`await blob.arrayBuffer()`, or `blob.stream()`). Throws when missing. */
  read(key: string): Promise<Blob>;
  /** Deletes the finished file and any partial one. */
  delete(key: string): Promise<void>;
  /** The finished files, sorted by key. */
  list(): Promise<StoredFile[]>;
  /** The partial files (downloads that can resume), sorted by key. */
  listPartials(): Promise<StoredFile[]>;
}

const PARTIAL = '.partial';

/**
 * Keys are the catalog's names for files, e.g. `migan/migan_pipeline_v2.onnx`: any
 * non-empty text that does not end in `.partial` (that suffix names partial files).
 */
export function checkKey(key: string): void {
  if (!key || key === '.' || key === '..' || key.endsWith(PARTIAL)) throw new Error(`"${key}" cannot name a model file.`);
}

/** File names inside the store's folder: no slashes, reversible. */
export function fileNameOf(key: string): string {
  checkKey(key);
  return encodeURIComponent(key);
}

export function partialNameOf(key: string): string {
  return fileNameOf(key) + PARTIAL;
}

/** The key a file name stands for, and whether it is a partial file; undefined for foreign files. */
export function keyOfFileName(name: string): { key: string; partial: boolean } | undefined {
  const partial = name.endsWith(PARTIAL);
  try {
    const key = decodeURIComponent(partial ? name.slice(0, -PARTIAL.length) : name);
    if (encodeURIComponent(key) !== (partial ? name.slice(0, -PARTIAL.length) : name)) return undefined;
    return { key, partial };
  } catch {
    return undefined;
  }
}

export const byKey = (a: StoredFile, b: StoredFile) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
