import { create } from 'zustand';
import { defaultDraft, type ParamsDraft } from '../jobs/validateParams';
import { restoreDraft } from './restoreDraft';

export interface ParamsState {
  draft: ParamsDraft;
  setField: <K extends keyof ParamsDraft>(key: K, value: ParamsDraft[K]) => void;
  /** Restores saved data; accepts anything, since saves may come from older versions. */
  replaceDraft: (draft: unknown) => void;
  reset: () => void;
}

// No persistence here: autosave subscribes to this store from outside.
export const useParams = create<ParamsState>()((set) => ({
  draft: defaultDraft,
  setField: (key, value) => set((state) => ({ draft: { ...state.draft, [key]: value } })),
  replaceDraft: (draft) => set({ draft: restoreDraft(draft) }),
  reset: () => set({ draft: defaultDraft }),
}));
