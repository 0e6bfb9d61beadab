import { showInfo } from '../../notices/notices';
import { EngineError, type Engine, type EngineReadiness, type EngineSettings } from '../contract';
import type { BackendChoice } from './backend';
import { fileKey, modelById, modelStore, readModelFiles, useModelLibrary } from './library';
import { memoryProblem } from './memory';
import { label, metaFor, settingsFields } from './meta';
import { loadModel, probeBackend, runRemoval, stopModelWorker } from './runtime';

const backendChoice = (settings: EngineSettings): BackendChoice =>
  settings.backend === 'webgpu' || settings.backend === 'wasm' ? settings.backend : 'auto';

async function readiness(settings: EngineSettings): Promise<EngineReadiness> {
  const model = modelById(settings.model);
  if (!model) return { ready: false, reason: 'no model chosen.', fix: 'Choose one in the Model list.' };
  if (model.task !== 'remove') return { ready: false, reason: `${model.name} does not remove or inpaint.`, fix: 'Choose a removal model.' };
  const state = useModelLibrary.getState().states[model.id];
  if (state?.status === 'downloading') return { ready: false, reason: `${model.name} is still downloading.` };
  if (state?.status !== 'ready') return { ready: false, reason: `${model.name} is not downloaded.`, fix: 'Choose Download model.' };
  return { ready: true };
}

/**
 * "Local model": a model that runs in this tab, on the GPU through WebGPU or on the CPU
 * through WASM; nothing is uploaded. Removal models today (MI-GAN, LaMa), through the
 * editor's crop-to-mask and paste-back.
 */
export const localEngine: Engine = {
  id: 'local',
  label,
  settingsFields,
  meta: (settings) => metaFor(modelById(settings.model)),
  readiness,

  async run(job, { signal, onProgress, onImage }) {
    const ready = await readiness(job.settings);
    if (!ready.ready) throw new EngineError('invalid-input', `The local model is not ready: ${ready.reason}`);
    if (!job.mask) throw new EngineError('invalid-input', 'A removal model needs a mask over what to remove.');
    const model = modelById(job.settings.model)!;
    onProgress({ phase: 'preparing' });
    const { capabilities, backend } = await probeBackend(backendChoice(job.settings));
    const store = await modelStore();
    const sizes = await Promise.all(model.files.map(async (f) => (await store.size(fileKey(model, f))) ?? f.size ?? 0));
    const problem = memoryProblem(sizes, backend, capabilities);
    if (problem) throw new EngineError('out-of-memory', `${model.name} can't run here: ${problem}.`);
    await loadModel(model.id, await readModelFiles(model), model.main, signal);
    onProgress({ phase: 'running', fraction: 0.5 });
    const result = await runRemoval(model.id, job.image, job.mask, signal);
    if (result.fellBack) showInfo(`WebGPU failed (${result.fellBack}); ${model.name} runs on WASM from now on.`);
    useModelLibrary.setState({ lastBackend: result.backend.label });
    onImage({ index: 0, image: result.image });
  },

  release() {
    stopModelWorker();
  },
};
