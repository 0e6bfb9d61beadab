import { describeImageProblem } from '../image/errors';
import { MAX_SIDE, formatLabel } from '../image/formats';
import { showError, showInfo, showNotice } from '../notices/notices';
import { useParams } from '../params/paramsStore';
import { loadImageFile, restoreImage, type LoadedImage } from './loadImage';
import type { DocumentSnapshot } from './maskHistory';
import { maskDoc } from './session';
import { useEditor } from './store';

/** Opens a picked, dropped or pasted file; a bad file leaves the current work as it was. */
export async function openImage(file: File, options: { downscale?: boolean } = {}) {
  useEditor.setState({ busy: 'Opening image' });
  try {
    const result = await loadImageFile(file, file.name, options);
    if (!result.ok) {
      const { problem } = result;
      showError(
        describeImageProblem(problem),
        problem.kind === 'too-large' && problem.decodable
          ? { label: `Downscale to ${MAX_SIDE} px`, run: () => void openImage(file, { downscale: true }) }
          : undefined,
      );
      return;
    }
    const { format, nameSays } = result;
    // The bytes decided; say so when the name said otherwise.
    const really = format && nameSays && nameSays !== format ? `: it is really a ${formatLabel(format)} file` : '';
    replaceImage(result.image, { label: 'Open image', what: `Opened “${result.image.name}”${really}.` });
  } finally {
    useEditor.setState({ busy: null });
  }
}

/**
 * Makes `image` the one being edited, with a blank mask (or the given one), and a fresh
 * history: for a session restored after a reload. The canvas closes the previous image's
 * bitmap once it no longer draws it.
 */
export function setImage(image: LoadedImage, mask?: Uint8Array) {
  maskDoc.reset(image.width, image.height, mask);
  useEditor.setState({ image, view: null, comparing: false });
}

function snapshotOf(image: LoadedImage, mask: Uint8Array, params: unknown): DocumentSnapshot {
  const { blob, name, width, height } = image;
  return { image: { blob, name, width, height }, mask, params };
}

/**
 * Another image replaces the one being edited (a file, a History job, a result as input),
 * with its mask and, when given, its parameters. The previous image, mask and parameters
 * stay one Undo away, and the notice says so.
 */
export function replaceImage(image: LoadedImage, options: { label: string; what: string; mask?: Uint8Array; params?: unknown }) {
  const previous = useEditor.getState().image;
  const mask = options.mask ?? new Uint8Array(image.width * image.height);
  if (!previous) {
    setImage(image, mask);
    if (options.params !== undefined) useParams.getState().replaceDraft(options.params);
    showNotice(null);
    return;
  }
  const before = snapshotOf(previous, maskDoc.mask.data.slice(), useParams.getState().draft);
  const after = snapshotOf(image, mask, options.params ?? before.params);
  maskDoc.swap(options.label, before, after);
  useEditor.setState({ image, view: null, comparing: false });
  if (options.params !== undefined) useParams.getState().replaceDraft(options.params);
  showInfo(`${options.what} Undo to go back to “${previous.name}”.`, { label: 'Undo', run: () => void undo() });
}

/** The image of a snapshot, decoded again (the history keeps files, not bitmaps). */
async function decodeSnapshot({ image }: DocumentSnapshot): Promise<LoadedImage | null> {
  const result = await restoreImage(image.blob, image.name, image.width, image.height);
  return result.ok ? result.image : null;
}

/** Undo (Ctrl+Z): a mask edit, or back to the image that was open before. */
export async function undo() {
  const entry = maskDoc.history.nextUndo();
  if (entry?.kind !== 'swap') {
    maskDoc.undo();
    return;
  }
  const image = await decodeSnapshot(entry.before);
  // Something else happened meanwhile: leave it.
  if (maskDoc.history.nextUndo() !== entry) return image?.bitmap.close();
  if (!image) return showError(`“${entry.before.image.name}” can't be read back, so there is no going back to it.`);
  maskDoc.undo();
  useEditor.setState({ image, view: null, comparing: false });
  useParams.getState().replaceDraft(entry.before.params);
  showNotice(null);
}

/** Redo (Ctrl+Shift+Z, Ctrl+Y). */
export async function redo() {
  const entry = maskDoc.history.nextRedo();
  if (entry?.kind !== 'swap') {
    maskDoc.redo();
    return;
  }
  const image = await decodeSnapshot(entry.after);
  if (maskDoc.history.nextRedo() !== entry) return image?.bitmap.close();
  if (!image) return showError(`“${entry.after.image.name}” can't be read back.`);
  maskDoc.redo();
  useEditor.setState({ image, view: null, comparing: false });
  useParams.getState().replaceDraft(entry.after.params);
}
