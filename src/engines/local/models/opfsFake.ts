/**
 * An Origin Private File System in memory, for Node tests of opfsStore: the parts it uses,
 * with the browser's rules that matter to it. A writable's bytes reach the file only when it
 * closes; a sync access handle writes at once and locks the file (no second handle, no
 * writable, no getFile) until it closes; missing entries throw NotFoundError.
 */
import type { OpfsDirectoryHandle, OpfsFileHandle, OpfsSyncHandle, OpfsWritable } from './opfsStore';

const notFound = (name: string) => new DOMException(`${name} was not found.`, 'NotFoundError');
const locked = (name: string) => new DOMException(`${name} is locked by an access handle.`, 'NoModificationAllowedError');

class FakeFile {
  data: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  lockedBy: 'sync' | null = null;
  writables = 0;
}

function grow(data: Uint8Array<ArrayBuffer>, size: number): Uint8Array<ArrayBuffer> {
  if (data.length >= size) return data;
  const bigger = new Uint8Array(size);
  bigger.set(data);
  return bigger;
}

export interface FakeOpfsOptions {
  /** Leave out createSyncAccessHandle (a page's main thread) or move (older browsers). */
  sync?: boolean;
  move?: boolean;
}

export class FakeDirectory implements OpfsDirectoryHandle {
  readonly kind = 'directory';
  readonly entriesByName = new Map<string, FakeFile | FakeDirectory>();

  constructor(private readonly options: FakeOpfsOptions = {}) {}

  async getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<OpfsDirectoryHandle> {
    const entry = this.entriesByName.get(name);
    if (entry instanceof FakeDirectory) return entry;
    if (entry) throw new DOMException(`${name} is a file.`, 'TypeMismatchError');
    if (!options?.create) throw notFound(name);
    const made = new FakeDirectory(this.options);
    this.entriesByName.set(name, made);
    return made;
  }

  async getFileHandle(name: string, options?: { create?: boolean }): Promise<OpfsFileHandle> {
    let entry = this.entriesByName.get(name);
    if (entry instanceof FakeDirectory) throw new DOMException(`${name} is a folder.`, 'TypeMismatchError');
    if (!entry) {
      if (!options?.create) throw notFound(name);
      entry = new FakeFile();
      this.entriesByName.set(name, entry);
    }
    return this.handle(name);
  }

  async removeEntry(name: string): Promise<void> {
    const entry = this.entriesByName.get(name);
    if (!entry) throw notFound(name);
    if (entry instanceof FakeFile && (entry.lockedBy || entry.writables)) throw locked(name);
    this.entriesByName.delete(name);
  }

  async *entries(): AsyncIterableIterator<[string, OpfsFileHandle | OpfsDirectoryHandle]> {
    for (const [name, entry] of [...this.entriesByName]) yield [name, entry instanceof FakeDirectory ? entry : this.handle(name)];
  }

  /** A file's committed bytes, for assertions. */
  bytesOf(name: string): Uint8Array | undefined {
    const entry = this.entriesByName.get(name);
    return entry instanceof FakeFile ? entry.data : undefined;
  }

  private handle(initialName: string): OpfsFileHandle {
    let name = initialName;
    const entries = this.entriesByName;
    const file = () => {
      const entry = entries.get(name);
      if (!(entry instanceof FakeFile)) throw notFound(name);
      return entry;
    };
    const handle: OpfsFileHandle = {
      kind: 'file',
      async getFile() {
        const entry = file();
        if (entry.lockedBy) throw locked(name);
        return new File([entry.data.slice()], name);
      },
      async createWritable(options?: { keepExistingData?: boolean }): Promise<OpfsWritable> {
        const entry = file();
        if (entry.lockedBy) throw locked(name);
        entry.writables++;
        let swap = options?.keepExistingData ? entry.data.slice() : new Uint8Array(0);
        let position = 0;
        let open = true;
        return {
          async seek(at) {
            position = at;
          },
          async write(data) {
            if (!open) throw new TypeError('closed');
            swap = grow(swap, position + data.length);
            swap.set(data, position);
            position += data.length;
          },
          async close() {
            if (!open) throw new TypeError('closed');
            open = false;
            entry.writables--;
            entry.data = swap;
          },
        };
      },
    };
    if (this.options.sync !== false) {
      handle.createSyncAccessHandle = async (): Promise<OpfsSyncHandle> => {
        const entry = file();
        if (entry.lockedBy || entry.writables) throw locked(name);
        entry.lockedBy = 'sync';
        let open = true;
        const check = () => {
          if (!open) throw new DOMException('closed', 'InvalidStateError');
        };
        return {
          write(data, { at }) {
            check();
            entry.data = grow(entry.data, at + data.length);
            entry.data.set(data, at);
            return data.length;
          },
          getSize() {
            check();
            return entry.data.length;
          },
          flush() {
            check();
          },
          close() {
            open = false;
            entry.lockedBy = null;
          },
        };
      };
    }
    if (this.options.move !== false) {
      handle.move = async (newName: string) => {
        const entry = file();
        if (entry.lockedBy || entry.writables) throw locked(name);
        entries.delete(name);
        entries.set(newName, entry);
        name = newName;
      };
    }
    return handle;
  }
}
