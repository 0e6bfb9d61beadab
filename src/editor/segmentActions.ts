import * as Comlink from 'comlink';
import { create } from 'zustand';
import { toEngineError } from '../engines/contract';
import type { BackendChoice } from '../engines/local/backend';
import { subjectMatte } from '../engines/local/segmentation';
import { settingsFor } from '../engineSettings/store';
import { isMaskEmpty } from '../mask';
import { subtractMask } from '../mask/subjectMask';
import { showError, showInfo } from '../notices/notices';
import { maskWorker } from '../workers/maskWorker';
import type { LoadedImage } from './loadImage';
import { maskDoc } from './session';
import { useEditor } from './store';

/**
 * "Select subject" and "Select background": a subject model's alpha becomes the mask (or is
 * taken out of it) as one undoable step. The model downloads and runs in the local engine's
 * worker while the editor stays usable; progress and Cancel show in the mask panel.
 */
export interface SubjectSelectionState {
  /** What runs now, by the button's name; null when idle. */
  running: 'Select subject' | 'Select background' | null;
  message: string;
  fraction?: number;
}

export const useSubjectSelection = create<SubjectSelectionState>()(() => ({ running: null, message: '' }));

let controller: AbortController | null = null;

/** Stops the selection under way (a download keeps what came, for next time); the mask is left as it was. */
export function cancelSubjectSelection() {
  controller?.abort();
}

/** The photo's pixels as edited: drawn from its bitmap. */
function photoPixels(image: LoadedImage) {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(image.bitmap, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  return { width: image.width, height: image.height, data };
}

/**
 * Finds the subject of the photo and makes it (or, with `background`, the rest, grown into
 * the subject's edge and feathered) the mask, or takes it out of the mask with `subtract`:
 * one undo step. True when the mask changed; a failure or a cancel says so and changes nothing.
 */
export async function selectSubject(options: { background: boolean; subtract: boolean }): Promise<boolean> {
  const label = options.background ? 'Select background' : 'Select subject';
  const image = useEditor.getState().image;
  if (!image) {
    showError(`${label}: open a photo first.`);
    return false;
  }
  if (useSubjectSelection.getState().running) return false;
  const own = new AbortController();
  controller = own;
  useSubjectSelection.setState({ running: label, message: 'Starting…', fraction: undefined });
  try {
    const alpha = await subjectMatte(photoPixels(image), {
      signal: own.signal,
      onProgress: (message, fraction) => useSubjectSelection.setState({ message, fraction }),
      backend: settingsFor('local').backend as BackendChoice,
      // Drawn for this call only: moved to the worker, not copied.
      handOver: true,
    });
    const { width, height } = image;
    const selection = await maskWorker().subjectToMask(Comlink.transfer(alpha, [alpha.buffer]), width, height, { background: options.background });
    if (own.signal.aborted) throw new DOMException('Cancelled', 'AbortError');
    if (useEditor.getState().image !== image) {
      showInfo(`${label}: another photo was opened meanwhile; the mask is unchanged.`);
      return false;
    }
    if (isMaskEmpty(selection)) {
      showInfo(`${label}: no ${options.background ? 'background' : 'subject'} was found in this photo; the mask is unchanged.`);
      return false;
    }
    const before = maskDoc.revision;
    if (options.subtract) maskDoc.edit(`${label} (subtract)`, (mask) => subtractMask(mask.data, selection));
    else maskDoc.replace(label, selection);
    return maskDoc.revision !== before;
  } catch (error) {
    const problem = toEngineError(error, own.signal);
    if (problem.kind === 'cancelled') showInfo(`${label} was cancelled; the mask is unchanged.`);
    else showError(`${label} failed: ${problem.message} The mask is unchanged.`);
    return false;
  } finally {
    if (controller === own) controller = null;
    useSubjectSelection.setState({ running: null, message: '', fraction: undefined });
  }
}
