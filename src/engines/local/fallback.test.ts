import { describe, expect, it } from 'vitest';
import { EngineError } from '../contract';
import { fellBackNotice, withWasmFallback } from './fallback';

describe('withWasmFallback', () => {
  it('runs once on the chosen backend when it works', async () => {
    const tries: (string | undefined)[] = [];
    const outcome = await withWasmFallback(true, async (failure) => (tries.push(failure), 'mask'));
    expect(outcome).toEqual({ value: 'mask' });
    expect(tries).toEqual([undefined]);
  });

  it('retries once on WASM after a WebGPU failure, and says why', async () => {
    const tries: (string | undefined)[] = [];
    const outcome = await withWasmFallback(true, async (failure) => {
      tries.push(failure);
      if (!failure) throw new Error('device lost');
      return 'mask';
    });
    expect(outcome).toEqual({ value: 'mask', fellBack: 'device lost' });
    expect(tries).toEqual([undefined, 'device lost']);
  });

  it('gives up when WASM fails too, with WASM’s error', async () => {
    const tries: (string | undefined)[] = [];
    const failing = withWasmFallback(true, async (failure) => {
      tries.push(failure);
      throw new Error(failure ? 'out of memory' : 'device lost');
    });
    await expect(failing).rejects.toThrow('out of memory');
    expect(tries).toEqual([undefined, 'device lost']);
  });

  it('does not retry a failure on WASM, nor a cancel', async () => {
    let tries = 0;
    await expect(withWasmFallback(false, async () => (tries++, Promise.reject(new Error('bad model'))))).rejects.toThrow('bad model');
    await expect(withWasmFallback(true, async () => (tries++, Promise.reject(EngineError.cancelled())))).rejects.toMatchObject({ kind: 'cancelled' });
    expect(tries).toBe(2);
  });

  it('words the notice', () => {
    expect(fellBackNotice('Select subject', 'device lost')).toBe('WebGPU failed (device lost); Select subject runs on WASM from now on.');
  });
});
