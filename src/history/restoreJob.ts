import { replaceImage } from '../editor/imageActions';
import { restoreImage } from '../editor/loadImage';
import type { JobRecord } from '../jobs/records';
import { draftFromParams } from '../jobs/validateParams';
import { showError } from '../notices/notices';
import { selectResult } from '../results/resultsStore';
import { inflateMask } from '../storage/deflate';

/** Puts a past job back: its image, its mask and its parameters, with its results on show. */
export async function restoreJob(job: JobRecord) {
  const { input } = job;
  const [image, mask] = await Promise.all([restoreImage(input.blob, input.name, input.width, input.height), inflateMask(input.mask)]);
  if (!image.ok) {
    showError(`The image of that job (“${input.name}”) can't be read back.`);
    return;
  }
  const when = new Date(job.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  replaceImage(image.image, {
    label: 'Restore job',
    what: `Restored the job of ${when}.`,
    mask: mask && mask.width === input.width && mask.height === input.height ? mask.data : undefined,
    params: draftFromParams(job.params),
  });
  if (job.results.length) selectResult(job.id, 0);
}
