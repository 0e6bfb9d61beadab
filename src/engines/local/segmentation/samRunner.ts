import type { RgbaImage } from '../../../image/rgba';
import { EngineError } from '../../contract';
import { withWasmFallback } from '../fallback';
import { maskOutline } from './outline';
import { encoderInput, logitsToMaskAndArea, maskInputs, origImSize, pointInputs, type SamPoint, type Size } from './sam';

/**
 * MobileSAM in the model worker, for onnxruntime-web there and onnxruntime-node in tests:
 * the encoder and decoder sessions made once per model and reused; the image embedding
 * computed once per photo and kept (the last few photos), so each click runs only the decoder.
 */
interface TensorLike {
  readonly data: unknown;
  getData?(): Promise<unknown>;
  dispose?(): void;
}

export interface SamSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, TensorLike>): Promise<Record<string, TensorLike>>;
  release(): Promise<void>;
}

export interface SamOrt {
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => TensorLike;
}

/** The pair's graphs. */
export interface SamFiles {
  encoder: Blob;
  decoder: Blob;
}

/** Where the embedding is: making the sessions, reading the photo, running the encoder. */
export type SamStage = 'loading' | 'reading' | 'encoding';

/** What the decoder proposes for the clicks so far. */
export interface SamProposal {
  /** 255 inside, 0 outside, at the photo's size. */
  mask: Uint8Array;
  /** Loops around it, for display (outline.ts). */
  outline: Float32Array[];
  /** The decoder's 256 x 256 logits, fed back with the next click. */
  lowRes: Float32Array;
  /** Pixels inside. */
  area: number;
  /** WebGPU's failure, when this click moved the model to WASM. */
  fellBack?: string;
}

interface SamModel {
  encoder: SamSession;
  decoder: SamSession;
  files: SamFiles;
  /** Whether its sessions run on WebGPU: a failure there is retried on WASM, once. */
  onWebGpu: boolean;
}

/** Embeddings kept (4 MB each): the photo being edited and the one before it. */
const EMBEDDINGS_KEPT = 2;

async function read(tensor: TensorLike): Promise<Float32Array> {
  const data = (tensor.getData ? await tensor.getData() : tensor.data) as Float32Array;
  tensor.dispose?.();
  return data;
}

export class SamRunner {
  private readonly models = new Map<string, SamModel>();
  private readonly embeddings = new Map<string, { embedding: Float32Array; size: Size }>();

  /**
   * `createSession(graph)` makes a session where the user chose; `createSession(graph, failure)`
   * makes it on WASM after WebGPU failed. `onWebGpu` tells whether the choice is WebGPU.
   */
  constructor(
    private readonly ort: SamOrt,
    private readonly createSession: (graph: Blob, webGpuFailure?: string) => Promise<SamSession>,
    private readonly onWebGpu: () => Promise<boolean> = async () => false,
  ) {}

  /** Whether a click on this photo can be answered at once. */
  has(modelId: string, imageKey: string): boolean {
    return this.models.has(modelId) && this.embeddings.has(`${modelId}\n${imageKey}`);
  }

  /**
   * The photo's embedding, computed unless it is kept; `readImage` is called only then.
   * Says WebGPU's failure when it moved the model to WASM.
   */
  async embed(modelId: string, files: SamFiles, imageKey: string, readImage: () => Promise<RgbaImage>, onStage: (stage: SamStage) => void): Promise<{ fellBack?: string }> {
    onStage('loading');
    const loaded = await this.load(modelId, files);
    const key = `${modelId}\n${imageKey}`;
    if (this.embeddings.has(key)) return { fellBack: loaded.fellBack };
    onStage('reading');
    const image = await readImage();
    const input = encoderInput(image);
    onStage('encoding');
    const { value: outputs, fellBack } = await this.withFallback(modelId, loaded.model, async (model) => {
      const encoding = performance.now();
      const out = await model.encoder.run({ [model.encoder.inputNames[0]]: new this.ort.Tensor('float32', input.data, input.dims) });
      performance.measure('session.run', { start: encoding, detail: 'sam encoder' });
      return { out, model };
    });
    const { encoder } = outputs.model;
    const name = encoder.outputNames.includes('image_embeddings') ? 'image_embeddings' : encoder.outputNames[0];
    const embedding = await read(outputs.out[name]);
    for (const [other, tensor] of Object.entries(outputs.out)) if (other !== name) tensor.dispose?.();
    this.embeddings.set(key, { embedding, size: { width: image.width, height: image.height } });
    while (this.embeddings.size > EMBEDDINGS_KEPT) this.embeddings.delete(this.embeddings.keys().next().value!);
    return { fellBack: loaded.fellBack ?? fellBack };
  }

  /**
   * The decoder alone, on the kept embedding: the clicks with the pad point, and the previous
   * click's low-resolution mask fed back. Null when the embedding is not kept (any more).
   */
  async decode(modelId: string, imageKey: string, points: readonly SamPoint[], previous: Float32Array | null): Promise<SamProposal | null> {
    const current = this.models.get(modelId);
    const kept = this.embeddings.get(`${modelId}\n${imageKey}`);
    if (!current || !kept) return null;
    const { size } = kept;
    const clicks = pointInputs(points, size);
    const feedback = maskInputs(previous);
    const f32 = (data: Float32Array, dims: readonly number[]) => new this.ort.Tensor('float32', data, dims);
    const { value: outputs, fellBack } = await this.withFallback(modelId, current, async (model) => {
      const decoding = performance.now();
      const out = await model.decoder.run({
        image_embeddings: f32(kept.embedding, [1, 256, 64, 64]),
        point_coords: f32(clicks.coords, clicks.coordDims),
        point_labels: f32(clicks.labels, clicks.labelDims),
        mask_input: f32(feedback.mask, feedback.maskDims),
        has_mask_input: f32(feedback.has, [1]),
        orig_im_size: f32(origImSize(size), [2]),
      });
      performance.measure('session.run', { start: decoding, detail: 'sam decoder' });
      return out;
    });
    const logits = await read(outputs.masks);
    const lowRes = Float32Array.from(await read(outputs.low_res_masks));
    outputs.iou_predictions?.dispose?.();
    const { mask, area } = logitsToMaskAndArea(logits, size);
    return { mask, outline: maskOutline(mask, size.width, size.height), lowRes, area, ...(fellBack ? { fellBack } : {}) };
  }

  /** Frees a model's sessions (or all); kept embeddings stay, they do not depend on the backend. */
  async release(modelId?: string) {
    for (const [id, model] of this.models) {
      if (modelId && id !== modelId) continue;
      await Promise.all([model.encoder.release(), model.decoder.release()]);
      this.models.delete(id);
    }
  }

  /** The model's sessions, made once; when making them on WebGPU fails, made on WASM (and `fellBack` says why). */
  private async load(modelId: string, files: SamFiles): Promise<{ model: SamModel; fellBack?: string }> {
    const existing = this.models.get(modelId);
    if (existing) return { model: existing };
    const onWebGpu = await this.onWebGpu();
    const { value: model, fellBack } = await withWasmFallback(onWebGpu, (failure) => this.makeSessions(files, failure));
    this.models.set(modelId, model);
    return { model, fellBack };
  }

  private async makeSessions(files: SamFiles, failure?: string): Promise<SamModel> {
    const encoder = await this.createSession(files.encoder, failure);
    const decoder = await this.createSession(files.decoder, failure).catch(async (error: unknown) => {
      await encoder.release();
      throw error;
    });
    if (!decoder.outputNames.includes('masks') || !decoder.outputNames.includes('low_res_masks')) {
      await Promise.all([encoder.release(), decoder.release()]);
      throw new EngineError('invalid-input', 'The segmentation model’s decoder lacks the masks and low_res_masks outputs.');
    }
    return { encoder, decoder, files, onWebGpu: !failure && (await this.onWebGpu()) };
  }

  /** Runs on the model's sessions; when that fails on WebGPU, makes them again on WASM (kept so from now on) and runs once more. */
  private withFallback<T>(modelId: string, model: SamModel, run: (model: SamModel) => Promise<T>) {
    return withWasmFallback(model.onWebGpu, async (failure) => {
      if (!failure) return run(model);
      await Promise.all([model.encoder.release(), model.decoder.release()]);
      this.models.delete(modelId);
      const onWasm = await this.makeSessions(model.files, failure);
      this.models.set(modelId, onWasm);
      return run(onWasm);
    });
  }
}
