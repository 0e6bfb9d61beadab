import type { EngineSettings } from '../engines/contract';
import { workerCompositor } from './compositor';
import { createJobQueue } from './queue';

let settingsSource: (engineId: string) => EngineSettings = () => ({});

/** Where jobs read each engine's settings (keys, model) when they start: the app points it at the Settings store. */
export function readEngineSettingsFrom(source: (engineId: string) => EngineSettings) {
  settingsSource = source;
}

/** The app's one job queue, compositing in a worker. */
export const jobQueue = createJobQueue({ compositor: workerCompositor, settingsFor: (engineId) => settingsSource(engineId) });
export const useJobQueue = jobQueue.useQueue;
