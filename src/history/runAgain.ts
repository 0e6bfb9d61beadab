import { engineById } from '../engines/registry';
import { settingsFor } from '../engineSettings/store';
import { jobQueue } from '../jobs/jobQueue';
import type { JobRecord } from '../jobs/records';
import { showError } from '../notices/notices';
import { inflateMask } from '../storage/deflate';

/**
 * "Run again": the job's own image, mask, parameters and seeds; only the variations it
 * lacks are made, and requests a provider is still working on are picked up, not paid again.
 */
export async function runAgain(job: JobRecord) {
  const engine = engineById(job.engineId);
  if (!engine) {
    showError(`“${job.engineLabel}” is not available any more, so that job can't run again.`);
    return;
  }
  const readiness = await engine.readiness(settingsFor(engine.id));
  if (!readiness.ready) {
    showError(`${engine.label} is not ready: ${readiness.reason}${readiness.fix ? ` ${readiness.fix}` : ''}`);
    return;
  }
  const mask = await inflateMask(job.input.mask);
  if (!mask) {
    showError("That job's mask can't be read back, so it can't run again.");
    return;
  }
  const { blob, name, width, height } = job.input;
  jobQueue.submit({
    id: job.id,
    engine,
    image: { blob, name, width, height },
    mask,
    params: job.params,
    seeds: job.seeds,
    done: new Set(job.results.map((r) => r.index)),
    resume: job.resume,
  });
}

/** After a reload: cloud jobs that were under way pick up their provider's jobs by themselves. */
export function resumeInterrupted(jobs: JobRecord[]) {
  for (const job of jobs) {
    const engine = engineById(job.engineId);
    if (job.status === 'interrupted' && job.resume && Object.keys(job.resume).length && engine?.meta(settingsFor(engine.id)).resumable) void runAgain(job);
  }
}
