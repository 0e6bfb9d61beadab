import { create } from 'zustand';
import { useEditor } from '../editor/store';

/** Which result is on show: a job and the position of one of its variations. */
export interface ResultsState {
  jobId: string | null;
  index: number;
  /** How much of the result ("After") is shown, as a percentage of the image width from the left; the original is right of it. */
  split: number;
}

export const useResults = create<ResultsState>()(() => ({ jobId: null, index: 0, split: 50 }));

/** Shows a job's variation over the photo, comparing; null closes the results. */
export function selectResult(jobId: string | null, index = 0) {
  useResults.setState({ jobId, index });
  useEditor.setState({ comparing: jobId !== null });
}

/** Moves the divider (0..100, the part of the width showing the result), comparing. */
export function setSplit(split: number) {
  useResults.setState({ split: Math.min(100, Math.max(0, split)) });
  if (!useEditor.getState().comparing) useEditor.setState({ comparing: true });
}

/** Left/right: the previous or next variation of the job on show. */
export function stepResult(direction: 1 | -1, count: number) {
  const { jobId, index } = useResults.getState();
  if (jobId === null || count === 0) return;
  selectResult(jobId, (index + direction + count) % count);
}
