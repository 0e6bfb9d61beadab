import { create } from 'zustand';
import { openSessionDb } from '../../../storage/db';
import type { LocalModel } from '../catalog';
import type { ModelState } from '../library';

/** The catalog's subject model, downloaded on first use when none is ready. */
export const DEFAULT_SUBJECT_MODEL = 'isnet-general-use';

const KEY = 'subjectModel';

/** The subject model the user chose, by id; null: the first ready one. Kept across reloads. */
export const useSubjectChoice = create<{ id: string | null }>()(() => ({ id: null }));

let restored: Promise<void> | null = null;

/** The choice made on an earlier visit, read once. */
export function restoreSubjectChoice(): Promise<void> {
  restored ??= openSessionDb()
    .then((db) => db.get('session', KEY))
    .then((id) => {
      if (typeof id === 'string' && useSubjectChoice.getState().id === null) useSubjectChoice.setState({ id });
    })
    .catch(() => undefined);
  return restored;
}

export async function chooseSubjectModel(id: string) {
  useSubjectChoice.setState({ id });
  await (await openSessionDb()).put('session', id, KEY);
}

/** The subject models ready on this device, in the list's order (the catalog's first, ISNet leading). */
export function readySubjectModels(models: readonly LocalModel[], states: Record<string, ModelState>): LocalModel[] {
  return models.filter((m) => m.task === 'subject' && states[m.id]?.status === 'ready');
}

/** The model Select subject uses: the chosen one while it is ready, else the first ready one. */
export function subjectModelToUse(ready: readonly LocalModel[], chosen: string | null): LocalModel | undefined {
  return ready.find((m) => m.id === chosen) ?? ready[0];
}
