import { EngineError } from '../../contract';
import type { LocalModel } from '../catalog';
import { addModel, deleteModel, downloadModel, readModelFiles, storeLocalFiles, useModelLibrary } from '../library';
import { describeInputs } from '../recognise';
import { loadModel, releaseModels } from '../runtime';
import { isSamDecoder, isSamEncoder, SAM_DECODER_FILE, SAM_ENCODER_FILE } from './sam';

/**
 * "Add model from URL" and "Load model from folder" for a MobileSAM-shaped pair: an encoder
 * (`input_image` [h, w, 3] -> [1, 256, 64, 64]) and a SAM mask decoder (Meta's contract), told
 * apart by their inputs and outputs once they are here.
 */
const PAIR = [SAM_ENCODER_FILE, SAM_DECODER_FILE];

const answers = async (url: string) => {
  try {
    return (await fetch(url, { method: 'HEAD' })).ok;
  } catch {
    return false;
  }
};

/** The base URL of a folder holding the pair (given as the folder or as one of its two files), or null. */
export async function samFolderAt(url: URL): Promise<string | null> {
  const name = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  if (name.toLowerCase().endsWith('.onnx') && !PAIR.includes(name)) return null;
  const base = PAIR.includes(name) ? url.href.slice(0, url.href.lastIndexOf('/')) : url.href.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const found = await Promise.all(PAIR.map((path) => answers(`${base}/${path}`)));
  return found.every(Boolean) ? base : null;
}

const template = (id: string, name: string, source: LocalModel['source'], files: LocalModel['files']): LocalModel => ({
  id,
  name,
  task: 'points',
  kind: 'mobilesam',
  main: files[0].path,
  files,
  licence: 'as published by its source',
  minBackend: 'wasm',
  source,
});

/** The pair from a folder URL, downloaded with the usual progress and checks (hashes pinned by this download), then recognised. */
export async function addSamFolder(base: string, id: string, onListed?: (id: string) => void): Promise<LocalModel> {
  const model = template(id, `MobileSAM (${new URL(base).host})`, 'url', PAIR.map((path) => ({ path, url: `${base}/${path}` })));
  await addModel(model);
  onListed?.(id);
  await downloadModel(id);
  if (useModelLibrary.getState().states[id]?.status !== 'ready') throw new EngineError('network', `“${model.name}” did not finish downloading; Download model picks it up where it stopped.`);
  return recognisePair(model);
}

/**
 * A picked folder holding the pair: the two files by their published names, or any two
 * .onnx files that turn out to be an encoder and a decoder. Null when it holds neither.
 */
export async function samFromFiles(files: File[], idFor: (source: string) => Promise<string>): Promise<LocalModel | null> {
  const graphs = files.filter((f) => f.name.toLowerCase().endsWith('.onnx'));
  const named = PAIR.map((name) => graphs.find((f) => f.name === name));
  const pair = named.every((f): f is File => f !== undefined) ? named : graphs.length === 2 ? graphs : null;
  if (!pair) return null;
  const top = (pair[0].webkitRelativePath || '').split('/')[0] || 'MobileSAM';
  const id = await idFor(`${top}:${pair.map((f) => `${f.name}:${f.size}:${f.lastModified}`).join(',')}`);
  const model = template(id, top, 'folder', pair.map((f) => ({ path: f.name, url: '', size: f.size })));
  await storeLocalFiles(model, Object.fromEntries(pair.map((f) => [f.name, f])));
  await addModel(model);
  return recognisePair(model);
}

/** Opens each graph in the worker and says which is the encoder; a pair it cannot place is dropped. */
async function recognisePair(model: LocalModel): Promise<LocalModel> {
  const files = await readModelFiles(model);
  const paths = model.files.map((f) => f.path);
  const sessionId = (path: string) => `${model.id}:${path}`;
  let encoder: string;
  try {
    const graphs = [];
    for (const path of paths) graphs.push({ path, ...(await loadModel(sessionId(path), { [path]: files[path] }, path)) });
    const found = graphs.find((g) => isSamEncoder(g.inputs, g.outputs));
    if (!found || !graphs.some((g) => g !== found && isSamDecoder(g.inputs, g.outputs))) {
      const inputs = graphs.map((g) => `${g.path}: ${describeInputs(g.inputs)}`).join('; ');
      throw new EngineError('invalid-input', `“${model.name}” is not a MobileSAM encoder and decoder pair (their inputs: ${inputs}).`);
    }
    encoder = found.path;
  } catch (error) {
    await deleteModel(model.id);
    if (error instanceof EngineError) throw error;
    throw new EngineError('invalid-input', `“${model.name}” could not be opened as ONNX models (${(error as Error).message}).`);
  } finally {
    await Promise.all(paths.map((path) => releaseModels(sessionId(path))));
  }
  const recognised = { ...model, main: encoder };
  await addModel(recognised);
  return recognised;
}
