import { create } from 'zustand';
import { openSessionDb, type SavedJob } from '../storage/db';

/** Finished jobs, newest first, mirrored from IndexedDB. */
export const useHistory = create<{ jobs: SavedJob[] }>()(() => ({ jobs: [] }));

export async function loadHistory() {
  const db = await openSessionDb();
  const jobs = await db.getAllFromIndex('history', 'createdAt');
  useHistory.setState({ jobs: jobs.reverse() });
}

export async function addToHistory(job: SavedJob) {
  useHistory.setState((s) => ({ jobs: [job, ...s.jobs] }));
  const db = await openSessionDb();
  await db.put('history', job);
}

/** Gone from the list once it is gone from the browser's storage, so a reload cannot bring it back. */
export async function deleteFromHistory(id: string) {
  const db = await openSessionDb();
  await db.delete('history', id);
  useHistory.setState((s) => ({ jobs: s.jobs.filter((job) => job.id !== id) }));
}
