/** Which onnxruntime-web backend runs the models, and why: the UI says it in words. */

export type BackendChoice = 'auto' | 'webgpu' | 'wasm';

/** What the browser offers, probed in the model worker. */
export interface Capabilities {
  /** A WebGPU adapter, or why there is none. */
  webgpu: { adapter: true; fp16: boolean; description: string; maxBufferSize: number; fallback: boolean } | { adapter: false; reason: string };
  crossOriginIsolated: boolean;
  cores: number;
  /** GB, when the browser says (navigator.deviceMemory). */
  deviceMemory?: number;
}

export interface Backend {
  kind: 'webgpu' | 'wasm';
  /** WASM threads (1 without cross-origin isolation). */
  threads: number;
  /** fp16 models only where the adapter has shader-f16. */
  fp16: boolean;
  /** "WebGPU (google swiftshader)", "WASM, 4 threads: no WebGPU adapter". */
  label: string;
}

/** WASM threads: one per core (the page only draws meanwhile), at most 8; one without isolation. */
export function wasmThreads(capabilities: Pick<Capabilities, 'crossOriginIsolated' | 'cores'>): number {
  if (!capabilities.crossOriginIsolated) return 1;
  return Math.max(1, Math.min(8, capabilities.cores));
}

function wasm(capabilities: Capabilities, why: string): Backend {
  const threads = wasmThreads(capabilities);
  const isolation = capabilities.crossOriginIsolated ? '' : ' (the page is not cross-origin isolated)';
  return { kind: 'wasm', threads, fp16: false, label: `WASM, ${threads} thread${threads === 1 ? '' : 's'}${isolation}: ${why}` };
}

/** What a model asks of the backend: fp16 weights run on WebGPU only where the adapter has shader-f16. */
export interface ModelNeeds {
  fp16: boolean;
}

/**
 * WebGPU when an adapter is there, else WASM with threads and SIMD; the user may insist on
 * either. Insisting on WebGPU without an adapter still runs, on WASM, and says so; so does an
 * fp16 model on an adapter without shader-f16.
 */
export function chooseBackend(capabilities: Capabilities, choice: BackendChoice = 'auto', model?: ModelNeeds): Backend {
  const { webgpu } = capabilities;
  if (choice === 'wasm') return wasm(capabilities, 'chosen in the settings');
  if (!webgpu.adapter) return wasm(capabilities, choice === 'webgpu' ? `WebGPU was chosen but ${webgpu.reason}` : webgpu.reason);
  if (model?.fp16 && !webgpu.fp16) return wasm(capabilities, 'fp16 model needs shader-f16');
  const note = webgpu.fallback ? ', a software adapter' : '';
  return { kind: 'webgpu', threads: 1, fp16: webgpu.fp16, label: `WebGPU (${webgpu.description}${note})${webgpu.fp16 ? '' : ', no fp16'}` };
}

/** After WebGPU failed at run time: WASM, once, with the reason. */
export function fallBackToWasm(capabilities: Capabilities, failure: string): Backend {
  return wasm(capabilities, `WebGPU failed (${failure})`);
}
