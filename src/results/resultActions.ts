import { replaceImage } from '../editor/imageActions';
import { baseName, saveBlob } from '../editor/maskActions';
import { maskDoc } from '../editor/session';
import { showError } from '../notices/notices';
import type { OutputFormat } from '../jobs/params';
import { useParams } from '../params/paramsStore';
import type { JobRecord, JobResult } from '../jobs/records';
import { selectResult } from './resultsStore';

const mimeTypes: Record<OutputFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };
const extensions: Record<OutputFormat, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

/** The result at full resolution in the chosen format (results are kept as lossless PNG). */
export async function encodeResult(result: JobResult, format: OutputFormat): Promise<Blob> {
  if (format === 'png') return result.full;
  const bitmap = await createImageBitmap(result.full, { colorSpaceConversion: 'none' });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.convertToBlob({ type: mimeTypes[format], quality: 0.95 });
}

/** Saves the result at full resolution in the output format chosen now. */
export async function downloadResult(job: JobRecord, result: JobResult) {
  const format = useParams.getState().draft.outputFormat;
  try {
    const blob = await encodeResult(result, format);
    saveBlob(blob, `${baseName(job.input.name)}_inpainted_${result.seed}.${extensions[format]}`);
  } catch (error) {
    showError(`The download could not be made: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/** Multi-stage inpainting: the result becomes the image, the mask stays. */
export async function makeResultTheInput(job: JobRecord, result: JobResult) {
  const bitmap = await createImageBitmap(result.full, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  const mask = maskDoc.mask;
  const keep = mask.width === bitmap.width && mask.height === bitmap.height ? mask.data.slice() : undefined;
  const image = { blob: result.full, name: job.input.name, width: bitmap.width, height: bitmap.height, bitmap };
  replaceImage(image, { label: 'Use result as input', what: `Variation ${result.index + 1} (seed ${result.seed}) is now the image.`, mask: keep });
  selectResult(null);
}

export function reuseSeed(result: JobResult) {
  const { setField } = useParams.getState();
  setField('seed', String(result.seed));
  setField('randomSeed', false);
}
