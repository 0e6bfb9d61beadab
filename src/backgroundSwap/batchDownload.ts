import { saveBlob } from '../editor/maskActions';
import { showError } from '../notices/notices';
import { useParams } from '../params/paramsStore';
import { encodeResult } from '../results/resultActions';
import { zipNames } from './batchNames';
import { useBatch } from './batchStore';
import { zipFiles, type ZipEntry } from './batchZip';

/** Every result of the batch in one zip, in the output format chosen now, each named after its photo. */
export async function downloadAll() {
  const format = useParams.getState().draft.outputFormat;
  const results = useBatch.getState().photos.flatMap((photo) => photo.results.map((result) => ({ photoName: photo.name, variation: result.index, result })));
  if (!results.length) return;
  const names = zipNames(results, format);
  try {
    const entries: ZipEntry[] = [];
    // One at a time: each re-encode holds a full-size picture.
    for (const [i, { result }] of results.entries()) {
      entries.push({ name: names[i], bytes: new Uint8Array(await (await encodeResult(result, format)).arrayBuffer()) });
    }
    const zip = await zipFiles(entries);
    saveBlob(new Blob([new Uint8Array(zip)], { type: 'application/zip' }), 'batch-inpainted.zip');
  } catch (error) {
    showError(`The zip could not be made: ${error instanceof Error ? error.message : String(error)}. The results are still here.`);
  }
}
