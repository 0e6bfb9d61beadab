import { create } from 'zustand';

/** Which result is on show: a job and the position of one of its variations. */
export interface ResultsState {
  jobId: string | null;
  index: number;
  /** Before/after split, as a percentage of the image width from the left: left of it is the original. */
  split: number;
}

export const useResults = create<ResultsState>()(() => ({ jobId: null, index: 0, split: 50 }));

export function selectResult(jobId: string | null, index = 0) {
  useResults.setState({ jobId, index });
}
