import { create } from 'zustand';
import { openSessionDb } from '../../storage/db';
import { catalog, type LocalModel, type ModelFile } from './catalog';
import type { DownloadProgress } from './models/download';
import type { ModelStore } from './models/modelStore';

/**
 * The models of this browser: the catalog plus those the user added, each with its state
 * (not downloaded, downloading with bytes and speed, ready). Files live in the model store
 * (OPFS) under `<model id>/<path>`; a reload finds them there.
 */
export interface ModelState {
  status: 'absent' | 'downloading' | 'ready';
  progress?: DownloadProgress;
  /** Bytes already in a partial download that a new one resumes. */
  partial?: number;
  /** Some file's SHA-256 was not known in advance: pinned by its first download. */
  unverified?: boolean;
}

interface LibraryState {
  added: LocalModel[];
  /** SHA-256 of files the catalog had no hash for, pinned by their first complete download (by file key). */
  pins: Record<string, { sha256: string; size: number }>;
  states: Record<string, ModelState>;
  /** The backend the last run used, in words (it may differ from the probe after a WebGPU failure). */
  lastBackend?: string;
}

export const useModelLibrary = create<LibraryState>()(() => ({ added: [], pins: {}, states: {} }));

let storePromise: Promise<ModelStore> | null = null;
// The file system code loads with the first look at the models.
export const modelStore = () => (storePromise ??= import('./models/opfsStore').then(({ opfsStore }) => opfsStore()));

export const fileKey = (model: LocalModel, file: ModelFile) => `${model.id}/${file.path}`;

export function allModels(state: Pick<LibraryState, 'added'> = useModelLibrary.getState()): LocalModel[] {
  return [...catalog, ...state.added];
}

export function modelById(id: string | undefined): LocalModel | undefined {
  return allModels().find((m) => m.id === id);
}

const setState = (id: string, patch: Partial<ModelState> | null) =>
  useModelLibrary.setState((s) => {
    const states = { ...s.states };
    if (patch === null) delete states[id];
    else states[id] = { ...(states[id] ?? { status: 'absent' }), ...patch } as ModelState;
    return { states };
  });

async function saveAdded() {
  const db = await openSessionDb();
  await db.put('session', useModelLibrary.getState().added, 'localModels');
  await db.put('session', useModelLibrary.getState().pins, 'localModelPins');
}

/** Which models are ready, from what the store holds: a reload finds its downloads there. */
export async function refreshModelStates() {
  const db = await openSessionDb();
  const added = ((await db.get('session', 'localModels')) as LocalModel[] | undefined) ?? [];
  const pins = ((await db.get('session', 'localModelPins')) as LibraryState['pins'] | undefined) ?? {};
  if (!useModelLibrary.getState().added.length) useModelLibrary.setState({ added });
  useModelLibrary.setState((s) => ({ pins: { ...pins, ...s.pins } }));
  const store = await modelStore();
  const [files, partials] = await Promise.all([store.list(), store.listPartials()]);
  const present = new Set(files.map((f) => f.key));
  const partialBytes = new Map(partials.map((p) => [p.key, p.size]));
  for (const model of allModels()) {
    if (useModelLibrary.getState().states[model.id]?.status === 'downloading') continue;
    const ready = model.files.every((f) => present.has(fileKey(model, f)));
    const partial = model.files.reduce((sum, f) => sum + (partialBytes.get(fileKey(model, f)) ?? 0), 0);
    setState(model.id, { status: ready ? 'ready' : 'absent', partial: partial || undefined, progress: undefined, unverified: model.files.some((f) => !f.sha256) });
  }
}

/** A file's expected size and hash: the catalog's, else the pin of its first download. */
function expectedOf(model: LocalModel, file: ModelFile) {
  const pin = useModelLibrary.getState().pins[fileKey(model, file)];
  return { size: file.size ?? pin?.size, sha256: file.sha256 ?? pin?.sha256 };
}

const downloads = new Map<string, AbortController>();

/**
 * Downloads every file of a model, one after the other, checking each before it is kept.
 * A file whose hash was not known is pinned to what came, and the model says so.
 */
export async function downloadModel(id: string) {
  const model = modelById(id);
  if (!model || downloads.has(id)) return;
  const controller = new AbortController();
  downloads.set(id, controller);
  // The downloader (its workers and their SHA-256 in wasm) loads only when a model is first downloaded.
  const { downloadInWorker } = await import('./models/downloadInWorker');
  const store = await modelStore();
  const total = model.files.reduce((sum, f) => sum + (f.size ?? 0), 0) || undefined;
  let before = 0;
  setState(id, { status: 'downloading', progress: { phase: 'downloading', done: 0, total, bytesPerSecond: 0 } });
  try {
    for (const file of model.files) {
      const key = fileKey(model, file);
      if (!(await store.has(key))) {
        const result = await downloadInWorker(
          // Configuration files are text by nature.
          { url: file.url, mirrorUrl: file.mirrorUrl, key, label: model.name, expected: expectedOf(model, file), text: /\.(json|txt)$/i.test(file.path) },
          controller.signal,
          (p) => setState(id, { progress: { ...p, done: before + p.done, total: total ?? (p.total === undefined ? undefined : before + p.total) } }),
        );
        if (!expectedOf(model, file).sha256) pin(model, file, result.sha256, result.size);
      }
      before += (await store.size(key)) ?? file.size ?? 0;
    }
    setState(id, { status: 'ready', progress: undefined, partial: undefined });
  } catch (error) {
    setState(id, { status: 'absent', progress: undefined });
    await refreshModelStates();
    if ((error as { kind?: string }).kind === 'cancelled') return;
    throw error;
  } finally {
    downloads.delete(id);
  }
}

/** The hash of a file's first complete download, kept: later downloads must match it. */
function pin(model: LocalModel, file: ModelFile, sha256: string, size: number) {
  useModelLibrary.setState((s) => ({ pins: { ...s.pins, [fileKey(model, file)]: { sha256, size } } }));
  void saveAdded();
}

export function cancelDownload(id: string) {
  downloads.get(id)?.abort();
}

/** Deletes a model's files (and, for one the user added, the model). */
export async function deleteModel(id: string) {
  const model = modelById(id);
  if (!model) return;
  cancelDownload(id);
  const store = await modelStore();
  await Promise.all(model.files.map((f) => store.delete(fileKey(model, f))));
  if (model.source !== 'catalog') {
    useModelLibrary.setState((s) => ({ added: s.added.filter((m) => m.id !== id) }));
    await saveAdded();
    setState(id, null);
  } else setState(id, { status: 'absent', partial: undefined, progress: undefined });
}

/** The model's files from the store, ready for a session. */
export async function readModelFiles(model: LocalModel): Promise<Record<string, Blob>> {
  const store = await modelStore();
  const entries = await Promise.all(model.files.map(async (f) => [f.path, await store.read(fileKey(model, f))] as const));
  return Object.fromEntries(entries);
}

/** A model the user brought (a URL or a folder), recognised, kept across reloads. */
export async function addModel(model: LocalModel) {
  useModelLibrary.setState((s) => ({ added: [...s.added.filter((m) => m.id !== model.id), model] }));
  await saveAdded();
  await refreshModelStates();
}

/** Stores files picked from disk under the model (no network), checking nothing but that they are there. */
export async function storeLocalFiles(model: LocalModel, files: Record<string, Blob>) {
  const store = await modelStore();
  for (const [path, blob] of Object.entries(files)) {
    const key = `${model.id}/${path}`;
    await store.deletePartial(key);
    const reader = blob.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await store.appendPartial(key, value as Uint8Array<ArrayBuffer>);
    }
    await store.closePartial(key);
    await store.commit(key);
  }
}
