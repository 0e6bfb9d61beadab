import { create } from 'zustand';
import type { EngineMeta } from '../engines/contract';
import { defaultEngineId, engineById } from '../engines/registry';
import { settingsFor } from '../engineSettings/store';
import { defaultsFor } from '../jobs/params';
import { draftFromParams, type ParamsDraft } from '../jobs/validateParams';
import { adaptDraft } from './adaptDraft';
import { restoreDraft } from './restoreDraft';

const defaultEngine = engineById(defaultEngineId)!;
export const initialDraft = draftFromParams(defaultsFor(defaultEngine.meta({})));

export interface ParamsState {
  /** The engine Generate sends jobs to: its meta decides which fields are on and their ranges. */
  engineId: string;
  draft: ParamsDraft;
  setField: <K extends keyof ParamsDraft>(key: K, value: ParamsDraft[K]) => void;
  /** Another engine: values still at the old one's defaults take the new one's. */
  chooseEngine: (engineId: string) => void;
  /** The same engine takes other parameters now (another model was chosen): the same rule. */
  followMeta: (from: EngineMeta, to: EngineMeta) => void;
  /** Restores saved data; accepts anything, since saves may come from older versions. */
  replaceDraft: (draft: unknown) => void;
  reset: () => void;
}

// No persistence here: autosave subscribes to this store from outside.
export const useParams = create<ParamsState>()((set) => ({
  engineId: defaultEngine.id,
  draft: initialDraft,
  setField: (key, value) => set((state) => ({ draft: { ...state.draft, [key]: value } })),
  chooseEngine: (engineId) =>
    set((state) => {
      const from = engineById(state.engineId);
      const to = engineById(engineId);
      if (!to || engineId === state.engineId) return {};
      return { engineId, draft: from ? adaptDraft(state.draft, from.meta(settingsFor(from.id)), to.meta(settingsFor(to.id))) : state.draft };
    }),
  followMeta: (from, to) => set((state) => ({ draft: adaptDraft(state.draft, from, to) })),
  replaceDraft: (draft) => set({ draft: restoreDraft(draft) }),
  reset: () => set({ draft: initialDraft }),
}));
