import { EngineError } from '../contract';
import type { LocalModel } from './catalog';
import { addModel, deleteModel, downloadModel, readModelFiles, storeLocalFiles, useModelLibrary } from './library';
import { describeInputs, recogniseModel } from './recognise';
import { loadModel, releaseModels } from './runtime';

/** An id for a model the user brought, stable for the same source. */
async function idFor(prefix: string, source: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(source)));
  return `${prefix}-${Array.from(digest.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Opens the model in the worker to read its inputs, and says what it is; a file it cannot place is dropped. */
async function recognise(model: LocalModel): Promise<LocalModel> {
  const files = await readModelFiles(model);
  let found;
  try {
    const { inputs, outputs } = await loadModel(model.id, files, model.main);
    found = recogniseModel(inputs, outputs);
    if (!found) throw new EngineError('invalid-input', `“${model.name}” is not a model the editor knows how to run (its inputs: ${describeInputs(inputs)}).`);
  } catch (error) {
    await deleteModel(model.id);
    if (error instanceof EngineError) throw error;
    throw new EngineError('invalid-input', `“${model.name}” could not be opened as an ONNX model (${(error as Error).message}).`);
  } finally {
    await releaseModels(model.id);
  }
  const recognised = { ...model, ...found };
  await addModel(recognised);
  return recognised;
}

/**
 * "Add model from URL": the URL of one .onnx file (a MI-GAN- or LaMa-shaped remover, an
 * ISNet- or U-2-Netp-shaped subject model), downloaded with the usual progress and checks,
 * its hash pinned by this first download, then recognised by its inputs.
 */
export async function addModelFromUrl(text: string, onListed?: (id: string) => void): Promise<LocalModel> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new EngineError('invalid-input', 'That is not a URL.');
  }
  if (!/^https?:$/.test(url.protocol)) throw new EngineError('invalid-input', 'Models are fetched over http(s).');
  const fileName = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  if (!fileName.toLowerCase().endsWith('.onnx')) {
    throw new EngineError('invalid-input', 'Give the URL of an .onnx file (a folder of a diffusion model comes with local diffusion).');
  }
  const id = await idFor('url', url.href);
  const model: LocalModel = {
    id,
    name: fileName.replace(/\.onnx$/i, ''),
    task: 'remove',
    kind: 'migan',
    main: fileName,
    files: [{ path: fileName, url: url.href }],
    licence: 'as published by its source',
    minBackend: 'wasm',
    source: 'url',
  };
  // Listed (and downloading) at once; recognised once its bytes are in.
  await addModel(model);
  onListed?.(id);
  await downloadModel(id);
  if (useModelLibrary.getState().states[id]?.status !== 'ready') throw new EngineError('network', `“${model.name}” did not finish downloading; Download model picks it up where it stopped.`);
  return recognise(model);
}

/** "Load model from folder": a picked .onnx file (or a folder holding one), stored on this device, no network. */
export async function addModelFromFiles(files: File[]): Promise<LocalModel> {
  const graphs = files.filter((f) => f.name.toLowerCase().endsWith('.onnx'));
  if (graphs.length !== 1) throw new EngineError('invalid-input', graphs.length ? 'That folder holds several .onnx files; pick the one to use.' : 'No .onnx file there.');
  const [graph] = graphs;
  const id = await idFor('disk', `${graph.name}:${graph.size}:${graph.lastModified}`);
  const model: LocalModel = {
    id,
    name: graph.name.replace(/\.onnx$/i, ''),
    task: 'remove',
    kind: 'migan',
    main: graph.name,
    files: [{ path: graph.name, url: '', size: graph.size }],
    licence: 'as published by its source',
    minBackend: 'wasm',
    source: 'folder',
  };
  await storeLocalFiles(model, { [graph.name]: graph });
  return recognise(model);
}
