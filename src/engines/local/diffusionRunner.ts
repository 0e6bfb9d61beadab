import type * as Ort from 'onnxruntime-web/webgpu';
import type { RgbaImage } from '../../image/rgba';
import type { Mask } from '../../mask/types';
import { fillHole } from '../../remover/patchMatch';
import { holeForFill, keepOutsideMask } from '../builtinRemover/hole';
import type { SchedulerId } from '../contract';
import type { ModelNeeds } from './backend';
import { Scratch } from './scratch';
import { graphInputTypes, ONNX_FLOAT16 } from './onnxInputs';
import { ortStages, type GpuDeviceLike, type OrtLike, type SessionLike, type StageName } from './diffusion/ortStages';
import { runDiffusion, type DiffusionProgress } from './diffusion/pipeline';
import { SD_SCALING_FACTOR } from './diffusion/pipelineMath';
import type { SchedulerConfig } from './diffusion/schedulers';
import { ClipTokenizer } from './diffusion/tokenizer';

/** What the page asks of a diffusion model, besides its files. */
export interface InpaintRequest {
  image: RgbaImage;
  mask: Mask | null;
  prompt: string;
  negativePrompt: string;
  steps: number;
  strength: number;
  guidanceScale: number;
  scheduler: SchedulerId;
  seed: number;
  /**
   * What is under the mask when strength < 1 starts from the picture: the photo as it is, or
   * the built-in remover's fill (a removal model's fill is made by the worker beforehand).
   */
  maskedContent: 'original' | 'builtin';
}

const STAGES: StageName[] = ['text_encoder', 'unet', 'vae_encoder', 'vae_decoder'];
/** Above this, stages are loaded one at a time and freed after use. */
const KEEP_ALL_BYTES = 1.5 * 2 ** 30;

interface Loaded {
  files: Record<string, Blob>;
  sessions: Map<StageName, Ort.InferenceSession>;
  /** Stages switched to their fp32 file after fp16 NaN: they stay on it for later jobs. */
  fp32: Set<StageName>;
  keep: boolean;
  /** fp16 UNet (read from its graph): WebGPU only with shader-f16. */
  needs: ModelNeeds;
  tokenizer: ClipTokenizer;
  schedulerConfig: SchedulerConfig;
  scalingFactor: number;
}

/** A stage's graph: `<stage>/model.onnx`, or its fp32 variant `<stage>/model_fp32.onnx` beside an fp16 one; weights in `<graph>_data`. */
const stageGraph = (stage: StageName, fp32: boolean) => `${stage}/${fp32 ? 'model_fp32' : 'model'}.onnx`;

const stageFiles = (files: Record<string, Blob>, graph: string) => Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith(graph)));

async function json(files: Record<string, Blob>, path: string): Promise<Record<string, unknown> | null> {
  const blob = files[path];
  return blob ? (JSON.parse(await blob.text()) as Record<string, unknown>) : null;
}

/**
 * Stable Diffusion folders in the model worker: the tokenizer, scheduler config and stage
 * sessions made once per model and reused; with a big model, each stage is made when it is
 * needed and freed after, so only one is in memory at a time.
 */
export class DiffusionRunner {
  // The worker runs one job at a time: the big pre-processing buffers are made once per size.
  private readonly scratch = new Scratch();
  private readonly models = new Map<string, Loaded>();

  constructor(
    private readonly ort: typeof Ort,
    private readonly createSession: (files: Record<string, Blob>, main: string, needs: ModelNeeds) => Promise<Ort.InferenceSession>,
    /** onnxruntime's GPU device when the sessions run on WebGPU, so that inputs stay on it between steps. */
    private readonly device: (needs: ModelNeeds) => Promise<GpuDeviceLike | undefined> = async () => undefined,
  ) {}

  private async load(modelId: string, files: Record<string, Blob>): Promise<Loaded> {
    const existing = this.models.get(modelId);
    if (existing) return existing;
    const [vocab, merges, schedulerConfig, vae, unetInputs] = await Promise.all([
      files['tokenizer/vocab.json'].text(),
      files['tokenizer/merges.txt'].text(),
      json(files, 'scheduler/scheduler_config.json'),
      json(files, 'vae_decoder/config.json'),
      graphInputTypes(files['unet/model.onnx']),
    ]);
    const total = Object.values(files).reduce((sum, blob) => sum + blob.size, 0);
    const loaded: Loaded = {
      files,
      sessions: new Map(),
      fp32: new Set(),
      keep: total < KEEP_ALL_BYTES,
      needs: { fp16: unetInputs.includes(ONNX_FLOAT16) },
      tokenizer: ClipTokenizer.fromFiles(vocab, merges),
      schedulerConfig: (schedulerConfig ?? {}) as SchedulerConfig,
      scalingFactor: typeof vae?.scaling_factor === 'number' ? vae.scaling_factor : SD_SCALING_FACTOR,
    };
    this.models.set(modelId, loaded);
    return loaded;
  }

  async inpaint(modelId: string, files: Record<string, Blob>, request: InpaintRequest, signal: AbortSignal, onStep: (progress: DiffusionProgress) => void) {
    const model = await this.load(modelId, files);
    const stages = await ortStages(this.ort as unknown as OrtLike, {
      session: async (stage) => {
        let session = model.sessions.get(stage);
        if (!session) {
          const graph = stageGraph(stage, model.fp32.has(stage));
          session = await this.createSession(stageFiles(model.files, graph), graph, model.needs);
          model.sessions.set(stage, session);
        }
        return session as unknown as SessionLike;
      },
      done: async (stage) => {
        if (model.keep) return;
        await model.sessions.get(stage)?.release();
        model.sessions.delete(stage);
      },
      useFp32: async (stage) => {
        if (model.fp32.has(stage) || !model.files[stageGraph(stage, true)]) return false;
        await model.sessions.get(stage)?.release();
        model.sessions.delete(stage);
        model.fp32.add(stage);
        return true;
      },
      device: () => this.device(model.needs),
    });
    let image = request.image;
    if (request.maskedContent === 'builtin' && request.mask && request.strength < 1) {
      // Strength below 1 starts from what is under the mask: a clean background, not the object.
      image = keepOutsideMask(fillHole(request.image, holeForFill(request.mask), { seed: request.seed }), request.image, request.mask);
    }
    return runDiffusion({ ...request, image, tokenizer: model.tokenizer, schedulerConfig: model.schedulerConfig, scalingFactor: model.scalingFactor, scratch: this.scratch }, stages, {
      signal,
      onStep,
    });
  }

  async release(modelId?: string) {
    for (const [id, model] of this.models) {
      if (modelId && id !== modelId) continue;
      for (const session of model.sessions.values()) await session.release();
      this.models.delete(id);
    }
  }

  /** What a loaded model asks of the backend (fp16 or not); nothing known before its first job. */
  needs(modelId: string): ModelNeeds | undefined {
    return this.models.get(modelId)?.needs;
  }

  /** The stages a model holds now, for tests of the memory policy. */
  held(modelId: string): StageName[] {
    return STAGES.filter((stage) => this.models.get(modelId)?.sessions.has(stage));
  }
}
