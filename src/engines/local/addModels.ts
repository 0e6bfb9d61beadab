import { EngineError } from '../contract';
import { diffusionFiles, type LocalModel } from './catalog';
import { addModel, deleteModel, downloadModel, readModelFiles, storeLocalFiles, useModelLibrary } from './library';
import { describeInputs, recogniseModel } from './recognise';
import { loadModel, releaseModels } from './runtime';
import { addSamFolder, samFolderAt, samFromFiles } from './segmentation/samModels';

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
  const recognised = { ...model, ...found, unrecognised: false };
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
  const samBase = await samFolderAt(url);
  if (samBase) return addSamFolder(samBase, await idFor('url', samBase), onListed);
  if (!fileName.toLowerCase().endsWith('.onnx')) return addDiffusionFolder(url, onListed);
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
    unrecognised: true,
  };
  // Listed (and downloading) at once; recognised once its bytes are in.
  await addModel(model);
  onListed?.(id);
  return downloadAdded(model);
}

// Added models being downloaded or opened, by id: asked again, the same work answers.
const inFlight = new Map<string, Promise<LocalModel>>();

function track(id: string, work: () => Promise<LocalModel>): Promise<LocalModel> {
  const running = inFlight.get(id);
  if (running) return running;
  const started = work().finally(() => inFlight.delete(id));
  inFlight.set(id, started);
  return started;
}

/** A model added by URL: downloaded (on from where it stopped), then opened to read what it is. */
export function downloadAdded(model: LocalModel): Promise<LocalModel> {
  return track(model.id, async () => {
    await downloadModel(model.id);
    if (useModelLibrary.getState().states[model.id]?.status !== 'ready') throw new EngineError('network', `“${model.name}” did not finish downloading; Download model picks it up where it stopped.`);
    return recognise(model);
  });
}

/** A model added by URL whose tab closed while it was being opened (downloaded, not recognised): opened now. Null for any other. */
export function recogniseLeftOver(model: LocalModel): Promise<LocalModel> | null {
  if (!model.unrecognised || inFlight.has(model.id) || useModelLibrary.getState().states[model.id]?.status !== 'ready') return null;
  return track(model.id, () => recognise(model));
}

/** "Load model from folder": a Stable Diffusion folder, or a picked .onnx file (or a folder holding one), stored on this device, no network. */
export async function addModelFromFiles(files: File[]): Promise<LocalModel> {
  if (files.some((f) => /(^|\/)model_index\.json$/.test(f.webkitRelativePath || f.name))) return diffusionFromFiles(files);
  const sam = await samFromFiles(files, (source) => idFor('disk', source));
  if (sam) return sam;
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

const STAGES = ['text_encoder', 'unet', 'vae_encoder', 'vae_decoder'];

/** Whether a URL answers: a folder's optional files (weights kept apart) are asked about first. */
async function exists(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { method: 'HEAD' })).ok;
  } catch {
    return false;
  }
}

/**
 * The base URL of a Stable Diffusion folder (Optimum layout): its model_index.json says what it
 * is; its files are listed, with the weights some stages keep apart (model.onnx_data).
 */
async function addDiffusionFolder(url: URL, onListed?: (id: string) => void): Promise<LocalModel> {
  const base = url.href.replace(/\/+$/, '');
  let index: Record<string, unknown>;
  try {
    const response = await fetch(`${base}/model_index.json`);
    if (!response.ok) throw new Error(`${response.status}`);
    index = (await response.json()) as Record<string, unknown>;
  } catch {
    throw new EngineError('invalid-input', 'Give the URL of an .onnx file, or of a model folder: a model_index.json (Optimum layout) or a MobileSAM pair.');
  }
  const missing = STAGES.filter((stage) => !(stage in index));
  if (missing.length) throw new EngineError('invalid-input', `That folder is not a Stable Diffusion inpainting model: its model_index.json has no ${missing.join(', ')}.`);
  // Weights kept apart (model.onnx_data), and fp32 graphs beside fp16 ones (model_fp32.onnx), retried after fp16 NaN.
  const optional = await Promise.all(
    STAGES.map(async (stage) => {
      const [data, fp32] = await Promise.all([exists(`${base}/${stage}/model.onnx_data`), exists(`${base}/${stage}/model_fp32.onnx`)]);
      const fp32Data = fp32 && (await exists(`${base}/${stage}/model_fp32.onnx_data`));
      return [data && `${stage}/model.onnx_data`, fp32 && `${stage}/model_fp32.onnx`, fp32Data && `${stage}/model_fp32.onnx_data`];
    }),
  );
  const externalData = optional.flat().filter((path): path is string => typeof path === 'string');
  const name = String(index._name_or_path ?? base.split('/').pop() ?? 'Stable Diffusion');
  const model: LocalModel = {
    id: await idFor('url', base),
    name,
    task: 'inpaint',
    kind: 'sd',
    main: 'unet/model.onnx',
    files: diffusionFiles(base, { externalData }),
    licence: 'as published by its source',
    minBackend: 'wasm',
    source: 'url',
    turbo: /turbo/i.test(name),
  };
  await addModel(model);
  onListed?.(model.id);
  await downloadModel(model.id);
  if (useModelLibrary.getState().states[model.id]?.status !== 'ready') throw new EngineError('network', `“${model.name}” did not finish downloading; Download model picks it up where it stopped.`);
  return model;
}

/** A picked Stable Diffusion folder: the files its layout names, from disk. */
async function diffusionFromFiles(files: File[]): Promise<LocalModel> {
  const byPath = new Map(files.map((f) => [(f.webkitRelativePath || f.name).split('/').slice(1).join('/') || f.name, f]));
  const wanted = diffusionFiles('', { externalData: STAGES.flatMap((stage) => [`${stage}/model.onnx_data`, `${stage}/model_fp32.onnx`, `${stage}/model_fp32.onnx_data`]) }).map((f) => f.path);
  const chosen = Object.fromEntries(wanted.filter((path) => byPath.has(path)).map((path) => [path, byPath.get(path)!]));
  const missing = diffusionFiles('').map((f) => f.path).filter((path) => !(path in chosen));
  if (missing.length) throw new EngineError('invalid-input', `That folder lacks ${missing.join(', ')}.`);
  const index = JSON.parse(await chosen['model_index.json'].text()) as Record<string, unknown>;
  const top = (files[0].webkitRelativePath || '').split('/')[0] || 'Stable Diffusion';
  const model: LocalModel = {
    id: await idFor('disk', `${top}:${Object.values(chosen).map((f) => `${f.size}:${f.lastModified}`).join(',')}`),
    name: String(index._name_or_path ?? top),
    task: 'inpaint',
    kind: 'sd',
    main: 'unet/model.onnx',
    files: Object.keys(chosen).map((path) => ({ path, url: '', size: chosen[path].size })),
    licence: 'as published by its source',
    minBackend: 'wasm',
    source: 'folder',
    turbo: /turbo/i.test(String(index._name_or_path ?? top)),
  };
  await storeLocalFiles(model, chosen);
  await addModel(model);
  return model;
}
