import { afterEach, describe, expect, it } from 'vitest';
import { hashStream, remoteHashStream, serveHashing, type HashPort } from './hashStream';

const bytes = Uint8Array.from({ length: 3_000_001 }, (_, i) => (i * 2654435761) >>> 24);
/** The expected digest, from WebCrypto (another implementation than the one under test). */
const sha = async (...parts: Uint8Array[]) => {
  const joined = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
};

const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach(({ port1, port2 }) => (port1.close(), port2.close())));

/** Both sides over a real MessageChannel, buffers transferred as between the threads; `sent`: the sizes of the buffers sent to hash. */
function served() {
  const channel = new MessageChannel();
  channels.push(channel);
  const { port1, port2 } = channel;
  port1.start();
  port2.start();
  serveHashing(port2 as unknown as HashPort);
  const sent: number[] = [];
  const port: HashPort = {
    postMessage: (message, transfer) => {
      const { buffer } = message as { buffer?: ArrayBuffer };
      if (buffer) sent.push(buffer.byteLength);
      port1.postMessage(message, transfer ?? []);
    },
    addEventListener: (type, listener) => port1.addEventListener(type as 'message', listener as (event: Event) => void),
    removeEventListener: (type, listener) => port1.removeEventListener(type as 'message', listener as (event: Event) => void),
  };
  return { port, sent };
}

describe('hashStream', () => {
  it('in the hashing worker: the digest of every byte, in order, in pieces of the buffer size', async () => {
    const { port, sent } = served();
    const stream = remoteHashStream(port, 1 << 20);
    for (let at = 0; at < bytes.length; at += 700_000) await stream.update(bytes.subarray(at, at + 700_000));
    expect(await stream.digest()).toBe(await sha(bytes));
    expect(sent).toEqual([1 << 20, 1 << 20, 1 << 20, 1 << 20, 1 << 20]);
  });

  it('waits when the hashing falls behind: four buffers out at most', async () => {
    const port: HashPort = { postMessage: () => {}, addEventListener: () => {}, removeEventListener: () => {} };
    const stream = remoteHashStream(port, 16);
    for (let i = 0; i < 4; i++) await stream.update(bytes.subarray(0, 16));
    const fifth = await Promise.race([stream.update(bytes.subarray(0, 16)).then(() => 'sent'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 50))]);
    expect(fifth).toBe('waiting');
  });

  it('cuts bytes bigger than a buffer into buffers', async () => {
    const { port, sent } = served();
    const stream = remoteHashStream(port, 1 << 20);
    await stream.update(bytes);
    expect(await stream.digest()).toBe(await sha(bytes));
    expect(sent).toEqual([1 << 20, 1 << 20, 1 << 20]);
  });

  it('copies the bytes: the caller may overwrite its buffer at once', async () => {
    const { port } = served();
    const stream = remoteHashStream(port, 1 << 20);
    const staging = bytes.slice(0, 1000);
    await stream.update(staging);
    staging.fill(0);
    expect(await stream.digest()).toBe(await sha(bytes.subarray(0, 1000)));
  });

  it('keeps streams apart, starts afresh after a digest and on reset', async () => {
    const { port } = served();
    const [a, b] = [remoteHashStream(port, 1 << 20), remoteHashStream(port, 1 << 20)];
    await a.update(bytes.subarray(0, 10));
    await b.update(bytes.subarray(10, 30));
    await a.update(bytes.subarray(30, 40));
    expect(await b.digest()).toBe(await sha(bytes.subarray(10, 30)));
    expect(await a.digest()).toBe(await sha(bytes.subarray(0, 10), bytes.subarray(30, 40)));
    await a.update(bytes.subarray(0, 5));
    a.reset();
    await a.update(bytes.subarray(5, 9));
    expect(await a.digest()).toBe(await sha(bytes.subarray(5, 9)));
    expect(await b.digest()).toBe(await sha(new Uint8Array()));
  });

  it('says so when the hashing worker stops, instead of waiting for ever', async () => {
    const listeners: ((event: MessageEvent) => void)[] = [];
    const port: HashPort = { postMessage: () => {}, addEventListener: (type, listener) => void (type === 'error' && listeners.push(listener)), removeEventListener: () => {} };
    const stream = remoteHashStream(port, 16);
    const digest = stream.digest();
    listeners.forEach((listener) => listener(new MessageEvent('error')));
    await expect(digest).rejects.toThrow('The SHA-256 could not be worked out (the hashing worker stopped).');
    await expect(stream.update(bytes)).rejects.toThrow('could not be worked out');
  });

  it('lets go of the shared worker once closed: no listeners left behind', () => {
    const listening = new Set<unknown>();
    const port: HashPort = { postMessage: () => {}, addEventListener: (_, listener) => void listening.add(listener), removeEventListener: (_, listener) => void listening.delete(listener) };
    const streams = [remoteHashStream(port, 16), remoteHashStream(port, 16)];
    expect(listening.size).toBe(4);
    streams.forEach((stream) => stream.close());
    expect(listening.size).toBe(0);
  });

  it('hashes in this thread where there are no workers', async () => {
    const stream = await hashStream(1 << 20);
    await stream.update(bytes);
    expect(await stream.digest()).toBe(await sha(bytes));
  });
});
