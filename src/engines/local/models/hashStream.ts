import { createSHA256, type IHasher } from 'hash-wasm';

/**
 * SHA-256 of a download as its bytes come, on another thread where there is one: hashing in the
 * download's own thread took as long as the network did (a 96 MB file: 0.6-1 s of 1.6-2.8 s),
 * and the network waited meanwhile. The bytes are copied into a few buffers that go to the
 * hashing worker and come back, so memory stays small and the download waits only when the
 * hashing falls behind.
 */
export interface HashStream {
  /** Hashes `bytes` after what came before; they are copied, so the caller may reuse its buffer at once. */
  update(bytes: Uint8Array): Promise<void>;
  /** The lower-case hex digest of everything so far; the stream then starts afresh. */
  digest(): Promise<string>;
  /** Starts afresh, forgetting what came. */
  reset(): void;
  close(): void;
}

/** What goes to the hashing worker: one hasher per stream id. */
export type HashRequest = { id: number } & ({ kind: 'update'; buffer: ArrayBuffer; length: number } | { kind: 'digest' } | { kind: 'reset' } | { kind: 'close' });
/** What comes back: a buffer free again, or a digest. */
export type HashReply = { id: number } & ({ kind: 'free'; buffer: ArrayBuffer } | { kind: 'digest'; hex: string } | { kind: 'failed'; message: string });

/** The parts of a worker or a MessagePort that the two sides use. */
export interface HashPort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message' | 'error', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message' | 'error', listener: (event: MessageEvent) => void): void;
}

/** Buffers in flight per stream: enough to keep the hashing thread busy while the next ones fill. */
const IN_FLIGHT = 4;

/** The hashing worker's side: answers the requests that come on `port`, in order. */
export function serveHashing(port: HashPort): void {
  const hashers = new Map<number, Promise<IHasher>>();
  const hasher = (id: number) => {
    let made = hashers.get(id);
    if (!made) hashers.set(id, (made = createSHA256().then((h) => h.init())));
    return made;
  };
  let queue = Promise.resolve();
  port.addEventListener('message', ({ data }: MessageEvent<HashRequest>) => {
    queue = queue.then(async () => {
      try {
        if (data.kind === 'update') {
          (await hasher(data.id)).update(new Uint8Array(data.buffer, 0, data.length));
          port.postMessage({ id: data.id, kind: 'free', buffer: data.buffer } satisfies HashReply, [data.buffer]);
        } else if (data.kind === 'digest') {
          const h = await hasher(data.id);
          port.postMessage({ id: data.id, kind: 'digest', hex: h.digest('hex') } satisfies HashReply);
          h.init();
        } else if (data.kind === 'reset') (await hasher(data.id)).init();
        else hashers.delete(data.id);
      } catch (error) {
        port.postMessage({ id: data.id, kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies HashReply);
      }
    });
  });
}

let nextId = 1;

/** The download's side of a stream served by `serveHashing` on the other end of `port`. */
export function remoteHashStream(port: HashPort, bufferBytes: number): HashStream {
  const id = nextId++;
  const free: ArrayBuffer[] = [];
  let made = 0;
  let waitingForFree: (() => void) | null = null;
  let digests: { resolve: (hex: string) => void; reject: (error: Error) => void }[] = [];
  let failed: Error | null = null;
  const fail = (message: string) => {
    failed = new Error(`The SHA-256 could not be worked out (${message}).`);
    for (const digest of digests) digest.reject(failed);
    digests = [];
    waitingForFree?.();
  };
  const onMessage = ({ data }: MessageEvent<HashReply>) => {
    if (data.id !== id) return;
    if (data.kind === 'free') {
      free.push(data.buffer);
      waitingForFree?.();
      waitingForFree = null;
    } else if (data.kind === 'digest') digests.shift()?.resolve(data.hex);
    else fail(data.message);
  };
  // The worker itself failed (it could not load): nothing more will come back.
  const onError = () => fail('the hashing worker stopped');
  port.addEventListener('message', onMessage);
  port.addEventListener('error', onError);
  const send = (request: HashRequest, transfer: Transferable[] = []) => port.postMessage(request, transfer);

  /** A free buffer of `bufferBytes`; when all are out, the hashing is behind the network and this waits for one. */
  async function freeBuffer(): Promise<ArrayBuffer> {
    for (;;) {
      if (failed) throw failed;
      const buffer = free.pop();
      if (buffer) return buffer;
      if (made < IN_FLIGHT) {
        made++;
        return new ArrayBuffer(bufferBytes);
      }
      await new Promise<void>((resolve) => (waitingForFree = resolve));
    }
  }

  return {
    async update(bytes) {
      for (let at = 0; at < bytes.length; at += bufferBytes) {
        const piece = bytes.subarray(at, at + bufferBytes);
        const buffer = await freeBuffer();
        new Uint8Array(buffer).set(piece);
        send({ id, kind: 'update', buffer, length: piece.length }, [buffer]);
      }
    },
    digest: () =>
      new Promise<string>((resolve, reject) => {
        if (failed) return reject(failed);
        digests.push({ resolve, reject });
        send({ id, kind: 'digest' });
      }),
    reset: () => send({ id, kind: 'reset' }),
    close: () => {
      send({ id, kind: 'close' });
      // The worker is shared by every download: this stream's listeners and buffers must not stay with it.
      port.removeEventListener('message', onMessage);
      port.removeEventListener('error', onError);
      free.length = 0;
    },
  };
}

/** hash-wasm in this thread: where no worker can be made (Node, the tests). */
async function localHashStream(): Promise<HashStream> {
  const hasher = (await createSHA256()).init();
  return {
    async update(bytes) {
      hasher.update(bytes);
    },
    async digest() {
      const hex = hasher.digest('hex');
      hasher.init();
      return hex;
    },
    reset: () => hasher.init(),
    close: () => {},
  };
}

let hashingWorker: Worker | undefined;
let workerFailed = false;

/** A stream hashed in the hashing worker (one for every download of this thread), or here where there is none. */
export async function hashStream(bufferBytes: number): Promise<HashStream> {
  if (typeof Worker === 'undefined' || workerFailed) return localHashStream();
  if (!hashingWorker) {
    hashingWorker = new Worker(new URL('./sha256.worker.ts', import.meta.url), { type: 'module', name: 'SHA-256' });
    hashingWorker.addEventListener('error', () => (workerFailed = true));
  }
  return remoteHashStream(hashingWorker, bufferBytes);
}
