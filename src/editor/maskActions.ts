import * as Comlink from 'comlink';
import { invertMask, isMaskEmpty, maskToGreyRgba } from '../mask';
import type { Mask } from '../mask/types';
import { maskWorker } from '../workers/maskWorker';
import { maskDoc } from './session';
import { showError, showInfo } from '../notices/notices';
import { useEditor } from './store';

/** A copy of the mask the worker may own. */
function maskCopy(): Mask {
  const { width, height, data } = maskDoc.mask;
  return { width, height, data: data.slice() };
}

async function whileBusy<T>(label: string, work: () => Promise<T>): Promise<T | undefined> {
  useEditor.setState({ busy: label });
  try {
    return await work();
  } catch (error) {
    showError(`${label} failed: ${error instanceof Error ? error.message : String(error)}. The mask is unchanged.`);
    return undefined;
  } finally {
    useEditor.setState({ busy: null });
  }
}

export function invert() {
  maskDoc.edit('Invert mask', (mask) => invertMask(mask.data));
}

export function clear() {
  maskDoc.edit('Clear mask', (mask) => mask.data.fill(0));
}

/** Grow or shrink the mask by `px`, in the worker; one undo step. */
async function morph(operation: 'grow' | 'shrink', px: number) {
  if (!(px > 0)) return;
  const label = operation === 'grow' ? 'Grow mask' : 'Shrink mask';
  const revision = maskDoc.revision;
  const out = await whileBusy(label, async () => {
    const mask = maskCopy();
    return maskWorker()[operation](Comlink.transfer(mask, [mask.data.buffer]), px);
  });
  // An edit made meanwhile wins over a stale result.
  if (out && maskDoc.revision === revision) maskDoc.replace(`${label} ${px} px`, out);
}

export const grow = (px: number) => morph('grow', px);
export const shrink = (px: number) => morph('shrink', px);

/** The mask as the job and the export see it: feathered by `feather` px. */
export async function featheredMask(feather: number): Promise<Uint8Array> {
  const { width, height, data } = maskDoc.mask;
  if (feather <= 0) return data.slice();
  const copy = data.slice();
  return maskWorker().feather(Comlink.transfer(copy, [copy.buffer]), width, height, feather);
}

/** PNG of the image's exact size: white = repaint, black = keep, greys = the feathered edge. */
export async function maskPng(feather: number): Promise<Blob> {
  const { width, height } = maskDoc.mask;
  const values = await featheredMask(feather);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.putImageData(new ImageData(new Uint8ClampedArray(maskToGreyRgba(values).buffer), width, height), 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}

export async function exportMask(feather: number) {
  const image = useEditor.getState().image;
  if (!image) return;
  if (isMaskEmpty(maskDoc.mask.data)) showInfo('The mask is empty: the exported PNG is all black.');
  const blob = await whileBusy('Export mask', () => maskPng(feather));
  if (blob) saveBlob(blob, `${baseName(image.name)}_mask.png`);
}

export async function importMask(file: File) {
  const image = useEditor.getState().image;
  if (!image) {
    showError('Upload an image before importing a mask.');
    return;
  }
  const values = await whileBusy('Import mask', async () => {
    let bitmap: ImageBitmap;
    try {
      // Mask values are data, not colour: no gamma or colour-space correction.
      bitmap = await createImageBitmap(file, { imageOrientation: 'from-image', premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
    } catch {
      throw new Error(`“${file.name}” can't be read as an image`);
    }
    const { width, height } = bitmap;
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    const rgba = ctx.getImageData(0, 0, width, height).data;
    return maskWorker().maskFromImage(
      Comlink.transfer(rgba, [rgba.buffer]),
      width,
      height,
      maskDoc.mask.width,
      maskDoc.mask.height,
    );
  });
  if (values) maskDoc.replace('Import mask', values);
}

export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const baseName = (name: string) => name.replace(/\.[^.]+$/, '') || 'image';
