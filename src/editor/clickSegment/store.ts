import { create } from 'zustand';
import type { SamPoint } from '../../engines/local/segmentation/sam';
import type { SamProposal, SamStage } from '../../engines/local/segmentation/samRunner';

/** "Click to segment": the clicks on the photo so far and what the model proposes for them. */
export interface ClickSegmentState {
  points: SamPoint[];
  /** proposals[i] answers points 0..i; the last click's may still be coming. */
  proposals: SamProposal[];
  /** The model chosen for the tool; null: the first ready one. */
  modelId: string | null;
  /** What the tool waits for before it can answer: the model's download, or the photo's embedding. */
  preparing: 'download' | SamStage | null;
}

export const useClickSegment = create<ClickSegmentState>()(() => ({ points: [], proposals: [], modelId: null, preparing: null }));

/** The proposal for all the clicks so far, once it has come. */
export const currentProposal = ({ points, proposals }: Pick<ClickSegmentState, 'points' | 'proposals'>) =>
  points.length > 0 && proposals.length === points.length ? proposals[points.length - 1] : null;
