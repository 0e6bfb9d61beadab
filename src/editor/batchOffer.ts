import { create } from 'zustand';
import { showInfo } from '../notices/notices';

/**
 * Several photos dropped on the canvas at once: the editor opens one photo, so they are
 * offered to the Batch instead, which lists them until the user starts it or lets them go.
 */
export const useBatchOffer = create<{ files: File[] }>()(() => ({ files: [] }));

export function offerToBatch(files: File[]) {
  useBatchOffer.setState((s) => ({ files: [...s.files, ...files] }));
  const count = useBatchOffer.getState().files.length;
  showInfo(`${count} photos wait in Batch: set the prompt and engine, then choose Start batch.`);
}

/** The offered photos, taken (to start the batch) or let go. */
export function takeBatchOffer(): File[] {
  const { files } = useBatchOffer.getState();
  useBatchOffer.setState({ files: [] });
  return files;
}
