import { workerCompositor } from './compositor';
import { createJobQueue } from './queue';

/** The app's one job queue, compositing in a worker. */
export const jobQueue = createJobQueue({ compositor: workerCompositor });
export const useJobQueue = jobQueue.useQueue;
