import { describe, expect, it } from 'vitest';
import { chooseBackend, type Capabilities } from './backend';
import { memoryProblem } from './memory';

const MB = 2 ** 20;
const GB = 2 ** 30;
const gpu: Capabilities = { webgpu: { adapter: true, fp16: true, description: 'gpu', maxBufferSize: GB, fallback: false }, crossOriginIsolated: true, cores: 4, deviceMemory: 8 };

describe('memoryProblem', () => {
  it('lets a small model through', () => {
    expect(memoryProblem([28 * MB], chooseBackend(gpu), gpu)).toBeNull();
  });

  it('refuses a file bigger than the GPU\'s largest buffer, naming both', () => {
    expect(memoryProblem([1.7 * GB], chooseBackend(gpu), gpu)).toBe("its largest file (1.7 GB) is bigger than this GPU's largest buffer (1.0 GB)");
  });

  it('refuses what one ArrayBuffer cannot hold, and what WASM cannot address', () => {
    expect(memoryProblem([3.4 * GB], chooseBackend(gpu), gpu)).toMatch(/2 GB/);
    const wasm = chooseBackend(gpu, 'wasm');
    expect(memoryProblem([1.9 * GB, 1.9 * GB], wasm, gpu)).toMatch(/needs WebGPU/);
  });

  it('refuses a model the device has too little memory for', () => {
    expect(memoryProblem([800 * MB, 800 * MB], chooseBackend(gpu), { ...gpu, deviceMemory: 2 })).toBe('it needs about 3.1 GB and this device reports 2 GB of memory');
  });
});
