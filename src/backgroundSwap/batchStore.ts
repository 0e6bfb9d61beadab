import { create } from 'zustand';
import type { EngineProgress } from '../engines/contract';
import type { JobResult } from '../jobs/records';
import type { BatchTarget } from './recipe';

/** interrupted: the tab closed or reloaded while it was on its way; it keeps what it finished. */
export type PhotoStatus = 'waiting' | 'selecting' | 'generating' | 'done' | 'failed' | 'cancelled' | 'interrupted';

/** One photo of the batch, from the file to its results (or why it has none). */
export interface BatchPhoto {
  /** Also its job's id in the batch queue. */
  id: string;
  name: string;
  status: PhotoStatus;
  /** While its subject is being selected: what the model is doing, and how far. */
  note?: string;
  fraction?: number;
  /** Its job in the batch queue: waiting for the engine, or running with its progress. */
  job?: { running: boolean; engineLabel: string; progress: EngineProgress | null };
  /** In variation order. */
  results: JobResult[];
  /** Why it has no results, starting with its name. */
  error?: string;
}

export interface BatchState {
  photos: BatchPhoto[];
  target: BatchTarget;
}

export const useBatch = create<BatchState>()(() => ({ photos: [], target: 'background' }));

/** Still on its way: not done, failed, cancelled or interrupted. */
export const isActive = (photo: BatchPhoto) => photo.status === 'waiting' || photo.status === 'selecting' || photo.status === 'generating';

export function updatePhoto(id: string, patch: Partial<BatchPhoto>) {
  useBatch.setState((s) => ({ photos: s.photos.map((p) => (p.id === id ? { ...p, ...patch } : p)) }));
}

export function addResult(id: string, result: JobResult) {
  useBatch.setState((s) => ({
    photos: s.photos.map((p) => (p.id === id ? { ...p, results: [...p.results, result].sort((a, b) => a.index - b.index) } : p)),
  }));
}

export function setBatchTarget(target: BatchTarget) {
  useBatch.setState({ target });
}

/** Forgets the photos that are no longer on their way (and their results). */
export function clearFinished() {
  useBatch.setState((s) => ({ photos: s.photos.filter(isActive) }));
}
