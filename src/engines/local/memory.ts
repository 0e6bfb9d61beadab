import type { Backend, Capabilities } from './backend';

const GB = 2 ** 30;
const size = (bytes: number) => (bytes >= GB ? `${(bytes / GB).toFixed(1)} GB` : `${Math.round(bytes / 2 ** 20)} MB`);

/**
 * Whether a model of these file sizes can be opened on this backend, checked before any
 * session is made: a refusal that says why is better than a crashed tab.
 */
export function memoryProblem(fileSizes: number[], backend: Backend, capabilities: Capabilities): string | null {
  const total = fileSizes.reduce((a, b) => a + b, 0);
  const largest = Math.max(0, ...fileSizes);
  // Chrome caps one ArrayBuffer near 2 GB; wasm memory at 4 GB.
  if (largest > 2 * GB - 1) return `one of its files is ${size(largest)}, more than a browser can hold in one piece (2 GB)`;
  if (backend.kind === 'wasm' && total > 3.5 * GB) return `it needs ${size(total)}, more than WASM can address (4 GB); it needs WebGPU`;
  if (backend.kind === 'webgpu' && capabilities.webgpu.adapter && largest > capabilities.webgpu.maxBufferSize) {
    return `its largest file (${size(largest)}) is bigger than this GPU's largest buffer (${size(capabilities.webgpu.maxBufferSize)})`;
  }
  // Room for the weights twice over (file and session) in what the device says it has.
  if (capabilities.deviceMemory && total * 2 > capabilities.deviceMemory * GB) {
    return `it needs about ${size(total * 2)} and this device reports ${capabilities.deviceMemory} GB of memory`;
  }
  return null;
}
