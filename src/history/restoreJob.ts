import { setImage } from '../editor/imageActions';
import { showError } from '../editor/store';
import { draftFromParams } from '../jobs/validateParams';
import { restoreImage } from '../image/loadImage';
import { useParams } from '../params/paramsStore';
import { selectResult } from '../results/resultsStore';
import type { SavedJob } from '../storage/db';
import { inflate } from '../storage/deflate';

/** Puts a past job back: its image, its mask and its parameters, with its results on show. */
export async function restoreJob(job: SavedJob) {
  const { input } = job;
  const image = await restoreImage(input.blob, input.name, input.width, input.height);
  if (!image.ok) {
    showError(`The image of that job (“${input.name}”) can't be read back.`);
    return;
  }
  setImage(image.image, await inflate(input.mask.deflated));
  useParams.getState().replaceDraft(draftFromParams(job.params));
  selectResult(job.id, 0);
}
