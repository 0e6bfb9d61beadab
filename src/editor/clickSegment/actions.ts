import type { LocalModel } from '../../engines/local/catalog';
import { allModels, downloadModel, readModelFiles, refreshModelStates, useModelLibrary } from '../../engines/local/library';
import { fellBackNotice } from '../../engines/local/fallback';
import { samDecode, samEmbed } from '../../engines/local/runtime';
import type { Point } from '../../mask/types';
import { showError, showInfo } from '../../notices/notices';
import type { LoadedImage } from '../loadImage';
import { maskDoc } from '../session';
import { useEditor } from '../store';
import { currentProposal, useClickSegment, type ClickSegmentState } from './store';

/**
 * "Click to segment" with MobileSAM: each click adds a point and asks the model worker's
 * decoder for a proposal (the photo's embedding is computed there once, first); Apply puts
 * the proposal into the mask as one undo step. Downloads and the embedding run in the
 * background: the editor stays usable.
 */
const set = (patch: Partial<ClickSegmentState>) => useClickSegment.setState(patch);

export const segmentModels = (added = useModelLibrary.getState().added) => allModels({ added }).filter((m) => m.task === 'points');

/** The chosen model, else the first ready one, else the catalog's (downloaded on first use). */
export function chosenModel(modelId = useClickSegment.getState().modelId, library = useModelLibrary.getState()): LocalModel | undefined {
  const models = segmentModels(library.added);
  return models.find((m) => m.id === modelId) ?? models.find((m) => library.states[m.id]?.status === 'ready') ?? models[0];
}

// Photos are told apart by their file: an undo back to a photo finds its embedding again.
const photoKeys = new WeakMap<Blob, string>();
let nextPhoto = 1;
function photoKey(image: LoadedImage) {
  let key = photoKeys.get(image.blob);
  if (!key) photoKeys.set(image.blob, (key = `photo-${nextPhoto++}`));
  return key;
}

let listed: Promise<void> | null = null;
const statusOf = (model: LocalModel) => useModelLibrary.getState().states[model.id]?.status;

function downloadSettled(id: string) {
  return new Promise<void>((resolve) => {
    const stop = useModelLibrary.subscribe((s) => {
      if (s.states[id]?.status === 'downloading') return;
      stop();
      resolve();
    });
  });
}

/** The model, ready to run; with `download`, fetched first with the usual progress and cancel. Null when it is not here. */
async function readyModel(download: boolean): Promise<LocalModel | null> {
  await (listed ??= refreshModelStates());
  const model = chosenModel();
  if (!model || statusOf(model) === 'ready') return model ?? null;
  if (!download) return null;
  if (!model.files.every((f) => f.url)) throw new Error(`${model.name}’s files are no longer in this browser: load its folder again`);
  set({ preparing: 'download' });
  try {
    if (statusOf(model) === 'downloading') await downloadSettled(model.id);
    else await downloadModel(model.id);
  } finally {
    set({ preparing: null });
  }
  if (statusOf(model) === 'ready') return model;
  showInfo(`${model.name} was not downloaded: the next click downloads it again.`);
  return null;
}

/** Which model and photo the worker holds the embedding of. */
let embedded: string | null = null;

async function embed(model: LocalModel, image: LoadedImage) {
  const files = await readModelFiles(model);
  const decoder = model.files.find((f) => f.path !== model.main)!.path;
  set({ preparing: 'loading' });
  const started = performance.now();
  try {
    const { fellBack } = await samEmbed(model.id, { encoder: files[model.main], decoder: files[decoder] }, photoKey(image), image.blob, { width: image.width, height: image.height }, (stage) =>
      set({ preparing: stage }),
    );
    if (fellBack) showInfo(fellBackNotice('Click to segment', fellBack));
    // User Timing for profiles and `npm run bench -- segmentation`, like the click below.
    performance.measure('sam embedding', { start: started });
  } finally {
    set({ preparing: null });
  }
}

let pumping = false;

/**
 * Brings the proposals up to the clicks, one decoder run per click, each fed the previous
 * one's low-resolution mask. With no click waiting, it only prepares the photo's embedding
 * when the model is already here. An answer for clicks since undone, or for another photo, is dropped.
 */
async function pump() {
  if (pumping) return;
  pumping = true;
  try {
    for (;;) {
      const image = useEditor.getState().image;
      if (!image) return;
      const waiting = () => useClickSegment.getState().proposals.length < useClickSegment.getState().points.length;
      const model = await readyModel(waiting());
      if (!model || useEditor.getState().image !== image) return;
      const key = `${model.id}\n${photoKey(image)}`;
      if (embedded !== key) {
        await embed(model, image);
        embedded = key;
        continue;
      }
      if (!waiting()) return;
      const { points, proposals } = useClickSegment.getState();
      const asked = points.slice(0, proposals.length + 1);
      const decoding = performance.now();
      const proposal = await samDecode(model.id, photoKey(image), asked, proposals.at(-1)?.lowRes ?? null);
      performance.measure('sam click', { start: decoding });
      if (proposal?.fellBack) showInfo(fellBackNotice('Click to segment', proposal.fellBack));
      // The worker was restarted meanwhile: embed again.
      if (!proposal) embedded = null;
      const now = useClickSegment.getState();
      if (proposal && useEditor.getState().image === image && now.proposals.length === asked.length - 1 && asked.every((p, i) => now.points[i] === p)) {
        set({ proposals: [...now.proposals, proposal] });
      }
    }
  } catch (error) {
    showError(`Click to segment failed: ${error instanceof Error ? error.message : String(error)}. The mask is unchanged.`);
  } finally {
    pumping = false;
  }
}

/** The photo is on show with the tool: its embedding is made now when the model is here, so the first click answers at once. */
export const prepareClickSegment = () => void pump();

/** Download model: the chosen model now, then the photo's embedding. */
export async function downloadSegmentModel() {
  try {
    if (await readyModel(true)) void pump();
  } catch (error) {
    showError(`The segmentation model was not downloaded: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/** A click on the photo (image pixels): positive adds what is there, negative cuts it out. */
export function addSegmentPoint(point: Point, positive: boolean) {
  const image = useEditor.getState().image;
  if (!image || point.x < 0 || point.y < 0 || point.x >= image.width || point.y >= image.height) return;
  set({ points: [...useClickSegment.getState().points, { x: point.x, y: point.y, positive }] });
  void pump();
}

/** Takes back the last click (its proposal with it); false when there is none. */
export function undoSegmentPoint(): boolean {
  const { points, proposals } = useClickSegment.getState();
  if (!points.length) return false;
  set({ points: points.slice(0, -1), proposals: proposals.slice(0, points.length - 1) });
  return true;
}

/** Esc: the clicks and their proposal go. */
export function dropProposal() {
  set({ points: [], proposals: [] });
}

export function chooseSegmentModel(id: string) {
  set({ modelId: id });
  void pump();
}

/** Adds the proposal to the mask (or takes it away) as one undo step, and starts over. */
export function applyProposal(mode: 'add' | 'subtract') {
  const proposal = currentProposal(useClickSegment.getState());
  if (!proposal) {
    if (useClickSegment.getState().points.length) showInfo('The proposal for the last click is still coming: Apply once its outline shows.');
    return;
  }
  if (proposal.mask.length !== maskDoc.mask.data.length) return dropProposal();
  maskDoc.edit(mode === 'add' ? 'Click to segment' : 'Click to segment (subtract)', (mask) => {
    const { data } = mask;
    const inside = proposal.mask;
    const value = mode === 'add' ? 255 : 0;
    for (let i = 0; i < data.length; i++) if (inside[i]) data[i] = value;
  });
  dropProposal();
}
