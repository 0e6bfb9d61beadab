import type { DiffusionStages } from './pipeline';

/**
 * The pipeline's four stages on ONNX sessions, for onnxruntime-web in the worker and
 * onnxruntime-node in tests alike (both have the same InferenceSession and Tensor). Input
 * names and dtypes are read from each session, never assumed: `input_ids` int32 or int64,
 * `timestep` float32, float16 or int64, float16 or float32 samples.
 */
export type StageName = 'text_encoder' | 'unet' | 'vae_encoder' | 'vae_decoder';

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

export interface OrtLike {
  Tensor: new (type: string, data: unknown, dims: readonly number[]) => TensorLike;
}

export interface StageAccess {
  /** The stage's session, made now if it is not held. */
  session(stage: StageName): Promise<SessionLike>;
  /** Done with the stage for now: free it when memory is tight. */
  done(stage: StageName): Promise<void>;
}

// float16 <-> float32, for stages whose tensors are half precision.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function toHalf(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    f32[0] = values[i];
    const x = u32[0];
    const sign = (x >>> 16) & 0x8000;
    const exponent = ((x >>> 23) & 0xff) - 127 + 15;
    const mantissa = x & 0x7fffff;
    if (((x >>> 23) & 0xff) === 0xff) out[i] = sign | 0x7c00 | (mantissa ? 0x200 : 0);
    else if (exponent >= 0x1f) out[i] = sign | 0x7c00;
    else if (exponent <= 0) {
      if (exponent < -10) out[i] = sign;
      else {
        const m = (mantissa | 0x800000) >> (1 - exponent);
        out[i] = sign | ((m + 0x1000) >> 13);
      }
    } else out[i] = sign | (exponent << 10) | ((mantissa + 0x1000) >> 13);
  }
  return out;
}

export function fromHalf(values: Uint16Array): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const h = values[i];
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const mantissa = h & 0x3ff;
    if (exponent === 0) out[i] = sign * mantissa * 2 ** -24;
    else if (exponent === 31) out[i] = mantissa ? NaN : sign * Infinity;
    else out[i] = sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
  }
  return out;
}

const inputOf = (session: SessionLike, name: string, fallback: number): Metadata =>
  session.inputMetadata.find((m) => m.name === name) ?? session.inputMetadata[fallback];

function floatTensor(ort: OrtLike, meta: Metadata, values: Float32Array, dims: readonly number[]) {
  return meta.type === 'float16' ? new ort.Tensor('float16', toHalf(values), dims) : new ort.Tensor('float32', values, dims);
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

/** The stages on ONNX sessions; the UNet's channels (4 or 9) are read from its `sample` input. */
export async function ortStages(ort: OrtLike, access: StageAccess): Promise<DiffusionStages> {
  const unet = await access.session('unet');
  const channels = inputOf(unet, 'sample', 0).shape?.[1];
  const unetChannels = typeof channels === 'number' ? channels : 4;

  return {
    unetChannels,

    async encodeText(ids, batch) {
      const session = await access.session('text_encoder');
      const meta = inputOf(session, 'input_ids', 0);
      const tokens = meta.type === 'int64' ? new ort.Tensor('int64', BigInt64Array.from(ids, (v) => BigInt(v)), [batch, ids.length / batch]) : new ort.Tensor('int32', ids, [batch, ids.length / batch]);
      const results = await timedRun(session, 'text_encoder', { [meta.name]: tokens });
      const hidden = await floats(output(results, session, 'last_hidden_state'));
      await access.done('text_encoder');
      return hidden;
    },

    async encodeImage(sample, width, height) {
      const session = await access.session('vae_encoder');
      const meta = inputOf(session, 'sample', 0);
      const results = await timedRun(session, 'vae_encoder', { [meta.name]: floatTensor(ort, meta, sample, [1, 3, height, width]) });
      const parameters = 'latent_parameters' in results;
      const data = await floats(output(results, session, parameters ? 'latent_parameters' : 'latent_sample'));
      await access.done('vae_encoder');
      return { data, parameters };
    },

    async unet(sample, batch, timestep, hidden, width, height) {
      const session = await access.session('unet');
      const sampleMeta = inputOf(session, 'sample', 0);
      const timeMeta = inputOf(session, 'timestep', 1);
      const hiddenMeta = inputOf(session, 'encoder_hidden_states', 2);
      const timeDims = timeMeta.shape?.length === 0 ? [] : [1];
      const t =
        timeMeta.type === 'int64'
          ? new ort.Tensor('int64', BigInt64Array.of(BigInt(Math.round(timestep))), timeDims)
          : floatTensor(ort, timeMeta, Float32Array.of(timestep), timeDims);
      const results = await timedRun(session, 'unet', {
        [sampleMeta.name]: floatTensor(ort, sampleMeta, sample, [batch, sample.length / (batch * width * height), height, width]),
        [timeMeta.name]: t,
        [hiddenMeta.name]: floatTensor(ort, hiddenMeta, hidden, [batch, 77, hidden.length / (batch * 77)]),
      });
      return floats(output(results, session, 'out_sample'));
    },

    async decode(latents, width, height) {
      await access.done('unet');
      const session = await access.session('vae_decoder');
      const meta = inputOf(session, 'latent_sample', 0);
      const results = await timedRun(session, 'vae_decoder', { [meta.name]: floatTensor(ort, meta, latents, [1, 4, height / 8, width / 8]) });
      const image = await floats(output(results, session, 'sample'));
      await access.done('vae_decoder');
      return image;
    },
  };
}
