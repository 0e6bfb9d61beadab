import { EngineError } from '../../contract';
import { fromHalf, toHalf } from './half';
import type { DiffusionStages, TextEmbeddings } from './pipeline';
import { allFinite, findNonFinite, setSampleLatents, unetSample } from './pipelineMath';

/**
 * The pipeline's four stages on ONNX sessions, for onnxruntime-web in the worker and
 * onnxruntime-node in tests alike (both have the same InferenceSession and Tensor). Input
 * names and dtypes are read from each session, never assumed: `input_ids` int32 or int64,
 * `timestep` float32, float16 or int64, float16 or float32 samples.
 */
export type StageName = 'text_encoder' | 'unet' | 'vae_encoder' | 'vae_decoder';

const STAGE_WORDS: Record<StageName, string> = { text_encoder: 'text encoder', unet: 'UNet', vae_encoder: 'VAE encoder', vae_decoder: 'VAE decoder' };

interface TensorLike {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
  getData?(): Promise<unknown>;
  dispose?(): void;
}

interface Metadata {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: readonly (number | string | null)[];
}

export interface SessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly Metadata[];
  run(feeds: Record<string, TensorLike>): Promise<Record<string, TensorLike>>;
}

/** The parts of a WebGPU device the stages use (the worker's GPUDevice; absent in Node). */
export interface GpuBufferLike {
  destroy(): void;
}
export interface GpuDeviceLike {
  createBuffer(descriptor: { size: number; usage: number }): GpuBufferLike;
  queue: { writeBuffer(buffer: GpuBufferLike, offset: number, data: Float32Array | Uint16Array): void };
}

export interface OrtLike {
  Tensor: {
    new (type: string, data: unknown, dims: readonly number[]): TensorLike;
    fromGpuBuffer?(buffer: GpuBufferLike, options: { dataType: string; dims: readonly number[] }): TensorLike;
  };
}

export interface StageAccess {
  /** The stage's session, made now if it is not held. */
  session(stage: StageName): Promise<SessionLike>;
  /** Done with the stage for now: free it when memory is tight. */
  done(stage: StageName): Promise<void>;
  /**
   * Switches the stage to its fp32 file (`<stage>/model_fp32.onnx`) after its fp16 one gave NaN or
   * infinity: true when the folder has that file, and from then on `session` gives it.
   */
  useFp32?(stage: StageName): Promise<boolean>;
  /** The GPU device onnxruntime runs the sessions on (WebGPU), asked once a session exists: inputs that do not change between steps are kept on it. */
  device?(): Promise<GpuDeviceLike | undefined>;
}

// GPUBufferUsage.STORAGE | COPY_SRC | COPY_DST: what onnxruntime-web needs of an input buffer.
const INPUT_BUFFER_USAGE = 0x80 | 0x04 | 0x08;

const inputOf = (session: SessionLike, name: string, fallback: number): Metadata =>
  session.inputMetadata.find((m) => m.name === name) ?? session.inputMetadata[fallback];

const isHalf = (meta: Metadata) => meta.type === 'float16';

function floatTensor(ort: OrtLike, meta: Metadata, values: Float32Array, dims: readonly number[]) {
  return isHalf(meta) ? new ort.Tensor('float16', toHalf(values), dims) : new ort.Tensor('float32', values, dims);
}

async function floats(tensor: TensorLike): Promise<Float32Array> {
  const data = tensor.getData ? await tensor.getData() : tensor.data;
  tensor.dispose?.();
  if (data instanceof Float32Array) return data;
  if (data instanceof Uint16Array) return fromHalf(data);
  // A native Float16Array where the runtime has one.
  return Float32Array.from(data as ArrayLike<number>);
}

/** session.run, as a User Timing measure named after the stage: profiles and the benchmark read it. */
async function timedRun(session: SessionLike, stage: StageName, feeds: Record<string, TensorLike>) {
  const started = performance.now();
  const results = await session.run(feeds);
  performance.measure('session.run', { start: started, detail: stage });
  return results;
}

function output(results: Record<string, TensorLike>, session: SessionLike, name: string): TensorLike {
  return results[name] ?? results[session.outputNames[0]];
}

/** The floats are usable, or the stage's error: with fp16 weights the hint is the missing fp32 file. */
function invalidNumbers(values: Float32Array, stage: StageName, half: boolean): EngineError {
  const bad = findNonFinite(values);
  const what = bad && bad.nan ? 'NaN' : 'infinity';
  if (half) return new EngineError('unknown', `The ${STAGE_WORDS[stage]} (fp16) produced invalid numbers (${what}) and the folder has no fp32 ${STAGE_WORDS[stage]} (${stage}/model_fp32.onnx) to retry with: try WASM in "Run on".`);
  return new EngineError('unknown', `The ${STAGE_WORDS[stage]} produced invalid numbers (${what}): nothing is shown rather than a black picture.`);
}

/** A tensor that stays for a whole run: a GPU buffer on WebGPU (written once), else the array itself. */
function constantTensor(ort: OrtLike, device: GpuDeviceLike | undefined, data: Float32Array | Uint16Array, dims: readonly number[]) {
  const dataType = data instanceof Uint16Array ? 'float16' : 'float32';
  if (!device || !ort.Tensor.fromGpuBuffer) return { tensor: new ort.Tensor(dataType, data, dims), onDevice: false, write: () => {}, dispose: () => {} };
  const buffer = device.createBuffer({ size: Math.ceil(data.byteLength / 4) * 4, usage: INPUT_BUFFER_USAGE });
  device.queue.writeBuffer(buffer, 0, data);
  const tensor = ort.Tensor.fromGpuBuffer(buffer, { dataType, dims });
  return {
    tensor,
    onDevice: true,
    /** Rewrites `values` at element `offset` of the buffer. */
    write: (values: Float32Array | Uint16Array, offset: number) => device.queue.writeBuffer(buffer, offset * data.BYTES_PER_ELEMENT, values),
    dispose: () => {
      tensor.dispose?.();
      buffer.destroy();
    },
  };
}

class OrtTextEmbeddings implements TextEmbeddings {
  constructor(
    readonly batch: number,
    readonly values: Float32Array,
  ) {}
}

/** The stages on ONNX sessions; the UNet's channels (4 or 9) are read from its `sample` input. */
export async function ortStages(ort: OrtLike, access: StageAccess): Promise<DiffusionStages> {
  const unet = await access.session('unet');
  const channels = inputOf(unet, 'sample', 0).shape?.[1];
  const unetChannels = typeof channels === 'number' ? channels : 4;

  /**
   * One run of a stage, its output checked: NaN or infinity from fp16 weights is retried once
   * with the stage's fp32 file when the folder has it, else reported.
   */
  async function checkedRun(stage: StageName, feeds: (session: SessionLike) => Record<string, TensorLike> | Promise<Record<string, TensorLike>>, outputName: (results: Record<string, TensorLike>) => string) {
    for (let attempt = 0; ; attempt++) {
      const session = await access.session(stage);
      const half = session.inputMetadata.some(isHalf);
      const results = await timedRun(session, stage, await feeds(session));
      const name = outputName(results);
      const values = await floats(output(results, session, name));
      for (const tensor of Object.values(results)) tensor.dispose?.();
      if (allFinite(values)) return { values, name };
      if (!half || attempt > 0 || !(await access.useFp32?.(stage))) throw invalidNumbers(values, stage, half && attempt === 0);
    }
  }

  return {
    unetChannels,

    async encodeText(ids, batch) {
      const { values } = await checkedRun(
        'text_encoder',
        (session) => {
          const meta = inputOf(session, 'input_ids', 0);
          const dims = [batch, ids.length / batch];
          return { [meta.name]: meta.type === 'int64' ? new ort.Tensor('int64', BigInt64Array.from(ids, (v) => BigInt(v)), dims) : new ort.Tensor('int32', ids, dims) };
        },
        () => 'last_hidden_state',
      );
      await access.done('text_encoder');
      return new OrtTextEmbeddings(batch, values);
    },

    async encodeImage(sample, width, height) {
      const { values, name } = await checkedRun(
        'vae_encoder',
        (session) => {
          const meta = inputOf(session, 'sample', 0);
          return { [meta.name]: floatTensor(ort, meta, sample, [1, 3, height, width]) };
        },
        (results) => ('latent_parameters' in results ? 'latent_parameters' : 'latent_sample'),
      );
      await access.done('vae_encoder');
      return { data: values, parameters: name === 'latent_parameters' };
    },

    async denoiser(text, constant, width, height) {
      if (!(text instanceof OrtTextEmbeddings)) throw new TypeError('text embeddings from another stage set');
      const { batch, values: hidden } = text;
      const plane = width * height;
      // Made for the session's dtypes; made again if the UNet switches to fp32.
      const prepare = (session: SessionLike) => {
        const sampleMeta = inputOf(session, 'sample', 0);
        const timeMeta = inputOf(session, 'timestep', 1);
        const hiddenMeta = inputOf(session, 'encoder_hidden_states', 2);
        const half = isHalf(sampleMeta);
        const start = unetSample(new Float32Array(4 * plane), constant?.mask ?? null, constant?.maskedLatents ?? null, batch);
        const sampleData = half ? toHalf(start) : start;
        const perCopy = sampleData.length / batch;
        const sample = constantTensor(ort, device, sampleData, [batch, perCopy / plane, height, width]);
        const states = constantTensor(ort, device, isHalf(hiddenMeta) ? toHalf(hidden) : hidden, [batch, 77, hidden.length / (batch * 77)]);
        const timeDims = timeMeta.shape?.length === 0 ? [] : [1];
        const timestep = (t: number) =>
          timeMeta.type === 'int64' ? new ort.Tensor('int64', BigInt64Array.of(BigInt(Math.round(t))), timeDims) : floatTensor(ort, timeMeta, Float32Array.of(t), timeDims);
        return {
          session,
          feeds(latents: Float32Array, t: number) {
            // Only the latent planes change between steps: the mask, masked latents and text stay where they are.
            const values = half ? toHalf(latents) : latents;
            if (sample.onDevice) for (let c = 0; c < batch; c++) sample.write(values, c * perCopy);
            else setSampleLatents(sampleData, values, batch);
            return { [sampleMeta.name]: sample.tensor, [timeMeta.name]: timestep(t), [hiddenMeta.name]: states.tensor };
          },
          dispose() {
            sample.dispose();
            states.dispose();
          },
        };
      };
      const session = await access.session('unet');
      const device = await access.device?.();
      let current = prepare(session);
      return {
        async step(latents, t) {
          const feeds = (session: SessionLike) => {
            if (session !== current.session) {
              current.dispose();
              current = prepare(session);
            }
            return current.feeds(latents, t);
          };
          return (await checkedRun('unet', feeds, () => 'out_sample')).values;
        },
        dispose: () => current.dispose(),
      };
    },

    async decode(latents, width, height) {
      await access.done('unet');
      const { values } = await checkedRun(
        'vae_decoder',
        (session) => {
          const meta = inputOf(session, 'latent_sample', 0);
          return { [meta.name]: floatTensor(ort, meta, latents, [1, 4, height / 8, width / 8]) };
        },
        () => 'sample',
      );
      await access.done('vae_decoder');
      return values;
    },
  };
}
