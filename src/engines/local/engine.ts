import { showInfo } from '../../notices/notices';
import { EngineError, type Engine, type EngineJob, type EngineReadiness, type EngineRunContext, type EngineSettings } from '../contract';
import type { RgbaImage } from '../../image/rgba';
import type { Mask } from '../../mask/types';
import type { LocalModel } from './catalog';
import type { Backend, BackendChoice, Capabilities } from './backend';
import { fileKey, modelById, modelStore, readModelFiles, useModelLibrary } from './library';
import { fellBackNotice } from './fallback';
import { memoryProblem } from './memory';
import { label, metaFor, settingsFields } from './meta';
import { probeBackend, runInpaint, runRemoval, stopModelWorker } from './runtime';

const backendChoice = (settings: EngineSettings): BackendChoice =>
  settings.backend === 'webgpu' || settings.backend === 'wasm' ? settings.backend : 'auto';

async function readiness(settings: EngineSettings): Promise<EngineReadiness> {
  const model = modelById(settings.model);
  if (!model) return { ready: false, reason: 'no model chosen.', fix: 'Choose one in the Model list.' };
  if (model.task !== 'remove' && model.task !== 'inpaint') return { ready: false, reason: `${model.name} does not remove or inpaint.`, fix: 'Choose a removal or inpainting model.' };
  const state = useModelLibrary.getState().states[model.id];
  if (state?.status === 'downloading') return { ready: false, reason: `${model.name} is still downloading.` };
  if (state?.status !== 'ready') return { ready: false, reason: `${model.name} is not downloaded.`, fix: 'Choose Download model.' };
  if (model.unrecognised) return { ready: false, reason: `${model.name} is still being opened to read what it is.` };
  return { ready: true };
}

/** The hole's content before diffusion: the photo, the built-in fill, or a downloaded removal model's fill. */
async function fillFor(settings: EngineSettings) {
  const choice = settings.maskedContent;
  if (!choice || choice === 'original' || choice === 'builtin') return { maskedContent: choice === 'builtin' ? ('builtin' as const) : ('original' as const), fillWith: null };
  const remover = modelById(choice);
  if (!remover || remover.task !== 'remove' || remover.unrecognised || useModelLibrary.getState().states[remover.id]?.status !== 'ready') return { maskedContent: 'original' as const, fillWith: null };
  return { maskedContent: 'original' as const, fillWith: { id: remover.id, files: await readModelFiles(remover), main: remover.main } };
}

/** Stable Diffusion on the crop: steps with previews, the prompt cut at 77 tokens said once. */
async function inpaint(job: EngineJob, model: LocalModel, signal: AbortSignal, onProgress: EngineRunContext['onProgress']) {
  const { params } = job;
  const { maskedContent, fillWith } = await fillFor(job.settings);
  const meta = metaFor(model);
  const result = await runInpaint(
    model.id,
    await readModelFiles(model),
    {
      image: job.image,
      mask: job.mask,
      prompt: params.prompt ?? '',
      negativePrompt: params.negativePrompt ?? '',
      steps: params.steps ?? meta.params.steps!.default,
      strength: params.strength ?? 1,
      // A Turbo model runs without guidance.
      guidanceScale: params.guidanceScale ?? 0,
      scheduler: params.scheduler ?? meta.params.scheduler!.default,
      seed: job.seeds[0],
      maskedContent,
    },
    fillWith,
    signal,
    (p) => onProgress({ phase: 'running', step: p.step, steps: p.steps, preview: p.preview }),
  );
  if (result.truncated) showInfo('The prompt is longer than the 77 tokens the model reads: the end was left out.');
  useModelLibrary.setState({ lastBackend: result.backend.label });
  return result.image;
}

// Models whose size already passed the memory check on a backend: the next job skips it.
const fits = new Set<string>();

/** Refuses, with the reason, a model too big for the backend's memory: before its sessions are made. */
async function checkMemory(model: LocalModel, backend: Backend, capabilities: Capabilities) {
  const key = `${model.id} on ${backend.label}`;
  if (fits.has(key)) return;
  const store = await modelStore();
  const sizes = await Promise.all(model.files.map(async (f) => (await store.size(fileKey(model, f))) ?? f.size ?? 0));
  const problem = memoryProblem(sizes, backend, capabilities);
  if (problem) throw new EngineError('out-of-memory', `${model.name} can't run here: ${problem}.`);
  fits.add(key);
}

/** The backend the choice gives, checked against the model's needs and size before its sessions are made. */
async function checkBackend(model: LocalModel, choice: BackendChoice) {
  const { capabilities, backend } = await probeBackend(choice);
  if (model.minBackend === 'webgpu' && backend.kind !== 'webgpu') {
    throw new EngineError('out-of-memory', `${model.name} needs WebGPU, and this runs on ${backend.label}.`);
  }
  await checkMemory(model, backend, capabilities);
}

/**
 * A removal model's fill of the crop. While the worker holds the model's session the crop
 * goes straight there; the first job gets it back, checks the backend and sends the files.
 */
async function remove(model: LocalModel, image: RgbaImage, mask: Mask, choice: BackendChoice, signal: AbortSignal) {
  const first = await runRemoval(model.id, choice, image, mask, null, signal);
  if (!('unloaded' in first)) return first;
  await checkBackend(model, choice);
  const second = await runRemoval(model.id, choice, first.unloaded, mask, { files: await readModelFiles(model), main: model.main }, signal);
  if ('unloaded' in second) throw new EngineError('unknown', `${model.name} could not be loaded.`);
  return second;
}

/** One job: readiness, backend and memory checks, then diffusion or removal in the worker. */
async function runLocal(job: EngineJob, { signal, onProgress, onImage }: EngineRunContext) {
  const ready = await readiness(job.settings);
  if (!ready.ready) throw new EngineError('invalid-input', `The local model is not ready: ${ready.reason}`);
  const model = modelById(job.settings.model)!;
  const choice = backendChoice(job.settings);
  onProgress({ phase: 'preparing' });
  if (model.kind === 'sd') {
    await checkBackend(model, choice);
    const image = await inpaint(job, model, signal, onProgress);
    onImage({ index: 0, image });
    return;
  }
  if (!job.mask) throw new EngineError('invalid-input', 'A removal model needs a mask over what to remove.');
  onProgress({ phase: 'running', fraction: 0.5 });
  const result = await remove(model, job.image, job.mask, choice, signal);
  if (result.fellBack) showInfo(fellBackNotice(model.name, result.fellBack));
  useModelLibrary.setState({ lastBackend: result.backend.label });
  onImage({ index: 0, image: result.image });
}

/**
 * "Local model": a model that runs in this tab, on the GPU through WebGPU or on the CPU
 * through WASM; nothing is uploaded. Removal models (MI-GAN, LaMa) and Stable Diffusion
 * inpainting folders, through the editor's crop-to-mask and paste-back.
 */
export const localEngine: Engine = {
  id: 'local',
  label,
  settingsFields,
  meta: (settings) => metaFor(modelById(settings.model)),
  readiness,

  async run(job, context) {
    const started = performance.now();
    try {
      await runLocal(job, context);
    } finally {
      // Read by `npm run bench -- local` against the worker's session.run measures.
      performance.measure('local engine job', { start: started });
    }
  },

  release() {
    stopModelWorker();
  },
};
