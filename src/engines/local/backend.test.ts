import { describe, expect, it } from 'vitest';
import { chooseBackend, fallBackToWasm, wasmThreads, type Capabilities } from './backend';

const gpu: Capabilities = {
  webgpu: { adapter: true, fp16: true, description: 'nvidia ampere', maxBufferSize: 4 * 2 ** 30, fallback: false },
  crossOriginIsolated: true,
  cores: 8,
};
const noGpu: Capabilities = { ...gpu, webgpu: { adapter: false, reason: 'no WebGPU adapter' } };

describe('chooseBackend', () => {
  it('takes WebGPU when there is an adapter, with fp16 only where shader-f16 is', () => {
    expect(chooseBackend(gpu)).toEqual({ kind: 'webgpu', threads: 1, fp16: true, label: 'WebGPU (nvidia ampere)' });
    const noF16 = chooseBackend({ ...gpu, webgpu: { ...gpu.webgpu, fp16: false, fallback: true, description: 'google swiftshader' } as Capabilities['webgpu'] });
    expect(noF16).toMatchObject({ kind: 'webgpu', fp16: false, label: 'WebGPU (google swiftshader, a software adapter), no fp16' });
  });

  it('runs an fp16 model on WASM when the adapter has no shader-f16, and says so', () => {
    const noF16 = { ...gpu, cores: 2, webgpu: { ...gpu.webgpu, fp16: false } as Capabilities['webgpu'] };
    expect(chooseBackend(noF16, 'auto', { fp16: true })).toEqual({ kind: 'wasm', threads: 2, fp16: false, label: 'WASM, 2 threads: fp16 model needs shader-f16' });
    expect(chooseBackend(noF16, 'webgpu', { fp16: true }).label).toBe('WASM, 2 threads: fp16 model needs shader-f16');
    expect(chooseBackend(noF16, 'auto', { fp16: false }).kind).toBe('webgpu');
    expect(chooseBackend(gpu, 'auto', { fp16: true })).toMatchObject({ kind: 'webgpu', fp16: true });
  });

  it('falls back to WASM with threads and says why', () => {
    expect(chooseBackend(noGpu)).toEqual({ kind: 'wasm', threads: 8, fp16: false, label: 'WASM, 8 threads: no WebGPU adapter' });
  });

  it('runs one thread without cross-origin isolation, and says that too', () => {
    expect(chooseBackend({ ...noGpu, crossOriginIsolated: false }).label).toBe('WASM, 1 thread (the page is not cross-origin isolated): no WebGPU adapter');
  });

  it('follows the user\'s choice', () => {
    expect(chooseBackend(gpu, 'wasm').label).toBe('WASM, 8 threads: chosen in the settings');
    expect(chooseBackend(noGpu, 'webgpu').label).toBe('WASM, 8 threads: WebGPU was chosen but no WebGPU adapter');
  });

  it('falls back once, naming the failure', () => {
    expect(fallBackToWasm(gpu, 'device lost').label).toBe('WASM, 8 threads: WebGPU failed (device lost)');
  });

  it('takes a thread per core, at most 8', () => {
    expect(wasmThreads({ crossOriginIsolated: true, cores: 2 })).toBe(2);
    expect(wasmThreads({ crossOriginIsolated: true, cores: 4 })).toBe(4);
    expect(wasmThreads({ crossOriginIsolated: true, cores: 32 })).toBe(8);
  });
});
