/// <reference lib="webworker" />
import * as ort from 'onnxruntime-web/webgpu';
import type { RgbaImage } from '../../image/rgba';
import type { Mask } from '../../mask/types';
import { EngineError } from '../contract';
import { chooseBackend, fallBackToWasm, type Backend, type BackendChoice, type Capabilities } from './backend';
import { serveBridge, type WorkerCallContext } from './bridge';
import { Scratch } from './scratch';
import { withWasmFallback } from './fallback';
import { DiffusionRunner, type InpaintRequest } from './diffusionRunner';
import type { DiffusionProgress } from './diffusion/pipeline';
import { subjectAlpha, subjectFeeds, subjectInput } from './segmentation/subject';
import { outputImage, recogniseRemover, removerInputs, type RemoverKind, type TensorData, type TensorInfo } from './removers';
import { SamRunner, type SamOrt, type SamSession } from './segmentation/samRunner';
import { samMethods } from './segmentation/samWorker';

/**
 * The local engine's worker: probes the backends, holds one ONNX session per model (made
 * once, reused across jobs), and runs the removal models with their pre- and
 * post-processing. The page only sends pixels in and draws what comes back.
 */
interface Loaded {
  session: ort.InferenceSession;
  backend: Backend;
  files: Record<string, Blob>;
  main: string;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
}

/** What a session is made from: the model's files by path, and the graph's path among them. */
export interface ModelFiles {
  files: Record<string, Blob>;
  main: string;
}

let capabilities: Capabilities | null = null;
let choice: BackendChoice = 'auto';
const sessions = new Map<string, Loaded>();
// The removal models' input tensors, made once per crop size (one call runs at a time).
const scratch = new Scratch();
let webgpuDevice: Promise<void> | null = null;
/** Select subject's input tensor, kept between calls. */
let subjectBuffer: Float32Array | null = null;

/** The user's "Run on": sessions made for another backend go, and the next call makes them again. */
async function switchBackend(backendChoice: BackendChoice) {
  if (backendChoice !== choice) await api.release();
  choice = backendChoice;
}

async function probe(): Promise<Capabilities> {
  if (capabilities) return capabilities;
  let webgpu: Capabilities['webgpu'] = { adapter: false, reason: 'no WebGPU in this browser' };
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (gpu) {
    try {
      const adapter = await gpu.requestAdapter();
      if (adapter) {
        const info = adapter.info;
        const description = [info?.vendor, info?.architecture].filter(Boolean).join(' ') || 'adapter';
        webgpu = { adapter: true, fp16: adapter.features.has('shader-f16'), description, maxBufferSize: adapter.limits.maxBufferSize, fallback: Boolean((info as { isFallbackAdapter?: boolean })?.isFallbackAdapter) };
      } else webgpu = { adapter: false, reason: 'no WebGPU adapter' };
    } catch (error) {
      webgpu = { adapter: false, reason: `WebGPU failed to start (${(error as Error).message})` };
    }
  }
  capabilities = {
    webgpu,
    crossOriginIsolated: self.crossOriginIsolated,
    cores: navigator.hardwareConcurrency || 1,
    deviceMemory: (navigator as Navigator & { deviceMemory?: number }).deviceMemory,
  };
  return capabilities;
}

function applyBackend(backend: Backend) {
  ort.env.wasm.numThreads = backend.threads;
  ort.env.wasm.simd = true;
}

const infoOf = (metadata: readonly ort.InferenceSession.ValueMetadata[]): TensorInfo[] =>
  metadata.map((m) => (m.isTensor ? { name: m.name, type: m.type, shape: m.shape } : { name: m.name, type: 'unknown', shape: [] }));

/**
 * The GPU device, asked for with the adapter's real buffer limits (the default caps buffers
 * at 256 MiB, too small for a UNet's weights) and shader-f16 where the adapter has it.
 */
function requestDevice(): Promise<void> {
  webgpuDevice ??= (async () => {
    const adapter = await (navigator as Navigator & { gpu: GPU }).gpu.requestAdapter();
    if (!adapter) return;
    const device = await adapter.requestDevice({
      requiredFeatures: adapter.features.has('shader-f16') ? ['shader-f16'] : [],
      requiredLimits: {
        maxBufferSize: adapter.limits.maxBufferSize,
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      },
    });
    ort.env.webgpu.device = device;
  })();
  return webgpuDevice;
}

async function createSession(files: Record<string, Blob>, main: string, backend: Backend): Promise<ort.InferenceSession> {
  applyBackend(backend);
  if (backend.kind === 'webgpu') await requestDevice();
  const model = new Uint8Array(await files[main].arrayBuffer());
  // Weights kept apart from the graph (model.onnx_data) are handed over by the name the graph stores.
  const externalData = await Promise.all(
    Object.entries(files)
      .filter(([path]) => path !== main)
      .map(async ([path, blob]) => ({ path: path.split('/').pop()!, data: new Uint8Array(await blob.arrayBuffer()) })),
  );
  return ort.InferenceSession.create(model, {
    executionProviders: [backend.kind],
    graphOptimizationLevel: 'all',
    externalData: externalData.length ? externalData : undefined,
  });
}

function toTensor({ type, data, dims }: TensorData) {
  return new ort.Tensor(type, data, dims);
}

/** Runs the session; `fetches` limits the outputs computed and copied back (ISNet's 11 side outputs are not needed). */
async function runSession(loaded: Loaded, feeds: Record<string, TensorData>, fetches?: string[]): Promise<Record<string, TensorData>> {
  const inputs = Object.fromEntries(Object.entries(feeds).map(([name, tensor]) => [name, toTensor(tensor)]));
  const started = performance.now();
  const results = await (fetches ? loaded.session.run(inputs, fetches) : loaded.session.run(inputs));
  performance.measure('session.run', { start: started, detail: 'single-file model' });
  const out: Record<string, TensorData> = {};
  for (const [name, tensor] of Object.entries(results)) {
    out[name] = { type: tensor.type as TensorData['type'], data: (await tensor.getData()) as Uint8Array | Float32Array, dims: [...tensor.dims] };
    tensor.dispose();
  }
  return out;
}

/** Runs on the model's session; when that fails on WebGPU, the session is made again on WASM (kept so from now on) and run once more. */
function runWithFallback<T>(modelId: string, loaded: Loaded, context: WorkerCallContext, run: (loaded: Loaded) => Promise<T>) {
  let current = loaded;
  return withWasmFallback(loaded.backend.kind === 'webgpu', async (failure) => {
    if (failure) {
      await current.session.release();
      const backend = fallBackToWasm(await probe(), failure);
      current = { ...current, backend, session: await createSession(current.files, current.main, backend) };
      sessions.set(modelId, current);
      if (context.signal.aborted) throw EngineError.cancelled();
    }
    return run(current);
  });
}

const diffusion = new DiffusionRunner(
  ort,
  async (files, main, needs) => createSession(files, main, chooseBackend(await probe(), choice, needs)),
  // The device onnxruntime made its sessions on (it reports it in env.webgpu.device once a session exists).
  async (needs) => (chooseBackend(await probe(), choice, needs).kind === 'webgpu' ? ort.env.webgpu.device : undefined),
);
const sam = new SamRunner(
  ort as unknown as SamOrt,
  async (graph, failure) => {
    const found = await probe();
    return (await createSession({ graph }, 'graph', failure ? fallBackToWasm(found, failure) : chooseBackend(found, choice))) as unknown as SamSession;
  },
  async () => chooseBackend(await probe(), choice).kind === 'webgpu',
);

/**
 * The model's session on the chosen backend, made from `load` when the worker does not hold
 * it yet; null when it does not and no files came (the page then checks memory and sends them).
 */
async function sessionFor(modelId: string, backendChoice: BackendChoice, load: ModelFiles | null, context: WorkerCallContext): Promise<{ loaded: Loaded; fellBack?: string } | null> {
  await switchBackend(backendChoice);
  if (sessions.has(modelId)) return { loaded: sessions.get(modelId)! };
  if (!load) return null;
  const { fellBack } = await api.load(modelId, load.files, load.main);
  if (context.signal.aborted) throw EngineError.cancelled();
  return { loaded: sessions.get(modelId)!, fellBack };
}

const api = {
  /** What the browser offers, and the backend the current choice gives. */
  async probe(backendChoice: BackendChoice): Promise<{ capabilities: Capabilities; backend: Backend }> {
    await switchBackend(backendChoice);
    const found = await probe();
    return { capabilities: found, backend: chooseBackend(found, choice) };
  },

  /** A session for the model, made once; its inputs and outputs as the session describes them. A WebGPU failure makes it on WASM, and says so. */
  async load(modelId: string, files: Record<string, Blob>, main: string): Promise<{ inputs: TensorInfo[]; outputs: TensorInfo[]; backend: Backend; fellBack?: string }> {
    const existing = sessions.get(modelId);
    if (existing) return { inputs: existing.inputs, outputs: existing.outputs, backend: existing.backend };
    const found = await probe();
    const chosen = chooseBackend(found, choice);
    const { value: loaded, fellBack } = await withWasmFallback(chosen.kind === 'webgpu', async (failure) => {
      const backend = failure ? fallBackToWasm(found, failure) : chosen;
      const session = await createSession(files, main, backend);
      return { session, backend, files, main, inputs: infoOf(session.inputMetadata), outputs: infoOf(session.outputMetadata) };
    });
    sessions.set(modelId, loaded);
    return { inputs: loaded.inputs, outputs: loaded.outputs, backend: loaded.backend, fellBack };
  },

  /**
   * Fills the hole of the crop with a removal model, on the chosen backend. Its session is made
   * from `load` when needed; without it, an unloaded model hands the crop back. A WebGPU
   * failure falls back to WASM once, and says so.
   */
  async remove(
    modelId: string,
    backendChoice: BackendChoice,
    image: RgbaImage,
    mask: Mask,
    load: ModelFiles | null,
    context: WorkerCallContext,
  ): Promise<{ image: RgbaImage; fellBack?: string; backend: Backend } | { unloaded: RgbaImage }> {
    const ready = await sessionFor(modelId, backendChoice, load, context);
    if (!ready) {
      context.transfer.push(image.data.buffer);
      return { unloaded: image };
    }
    const { loaded, fellBack: fellBackLoading } = ready;
    const kind: RemoverKind | null = recogniseRemover(loaded.inputs);
    if (!kind) throw new EngineError('invalid-input', 'This model is not a removal model.');
    const feeds = removerInputs(kind, loaded.inputs, image, mask, scratch);
    const { value: outputs, fellBack } = await runWithFallback(modelId, loaded, context, (on) => runSession(on, feeds));
    if (context.signal.aborted) throw EngineError.cancelled();
    const result = outputImage(outputs[loaded.outputs[0].name]);
    context.transfer.push(result.data.buffer);
    return { image: result, fellBack: fellBackLoading ?? fellBack, backend: sessions.get(modelId)!.backend };
  },

  /**
   * The subject's alpha (0..255) at the photo's full size, from an ISNet- or U-2-Netp-shaped
   * model, on the chosen backend. Its session is made from `load` when needed; without it, an
   * unloaded model hands the photo back. A WebGPU failure falls back to WASM once.
   */
  async subject(
    modelId: string,
    backendChoice: BackendChoice,
    image: RgbaImage,
    load: ModelFiles | null,
    context: WorkerCallContext,
  ): Promise<{ alpha: Uint8Array; backend: Backend; fellBack?: string } | { unloaded: RgbaImage }> {
    const ready = await sessionFor(modelId, backendChoice, load, context);
    if (!ready) {
      context.transfer.push(image.data.buffer);
      return { unloaded: image };
    }
    const { loaded, fellBack: fellBackLoading } = ready;
    const input = subjectInput(loaded.inputs, loaded.outputs);
    // Calls come one at a time and the session copies its input: one buffer serves them all.
    if (subjectBuffer?.length !== 3 * input.width * input.height) subjectBuffer = new Float32Array(3 * input.width * input.height);
    const feeds = subjectFeeds(input, image, subjectBuffer);
    const { value: outputs, fellBack } = await runWithFallback(modelId, loaded, context, (on) => runSession(on, feeds, [loaded.outputs[0].name]));
    if (context.signal.aborted) throw EngineError.cancelled();
    const alpha = subjectAlpha(loaded.outputs, outputs, image.width, image.height);
    context.transfer.push(alpha.buffer);
    return { alpha, backend: sessions.get(modelId)!.backend, fellBack: fellBackLoading ?? fellBack };
  },

  /**
   * Stable Diffusion inpainting of the crop, step by step (progress with a preview every few
   * steps, cancel between steps). With `fillWith`, a removal model first fills the hole.
   */
  async inpaint(
    modelId: string,
    files: Record<string, Blob>,
    request: InpaintRequest,
    fillWith: { id: string; files: Record<string, Blob>; main: string } | null,
    context: WorkerCallContext,
  ): Promise<{ image: RgbaImage; truncated: boolean; backend: Backend }> {
    let image = request.image;
    if (fillWith && request.mask && request.strength < 1) {
      const filled = await api.remove(fillWith.id, choice, { ...image, data: image.data.slice() }, request.mask, fillWith, { ...context, transfer: [] });
      if ('image' in filled) image = filled.image;
    }
    const result = await diffusion.inpaint(modelId, files, { ...request, image }, context.signal, (progress: DiffusionProgress) => context.progress(progress));
    context.transfer.push(result.image.data.buffer);
    return { ...result, backend: chooseBackend(await probe(), choice, diffusion.needs(modelId)) };
  },

  ...samMethods(sam),

  /** Frees a model's session, or all of them. */
  async release(modelId?: string) {
    await diffusion.release(modelId);
    await sam.release(modelId);
    for (const [id, loaded] of sessions) {
      if (modelId && id !== modelId) continue;
      await loaded.session.release();
      sessions.delete(id);
    }
    if (!sessions.size) scratch.clear();
  },
};

export type LocalWorkerApi = typeof api;
// onnxruntime's wasm threads start this same script as workers named "em-pthread": they
// run its thread code (started by the import above) and must not answer the bridge.
if (!self.name.startsWith('em-pthread')) serveBridge(api as unknown as Record<string, (...args: never[]) => unknown>);
