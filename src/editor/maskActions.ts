import * as Comlink from 'comlink';
import { invertMask, isMaskEmpty, maskToGreyRgba } from '../mask';
import type { Mask } from '../mask/types';
import { maskWorker } from '../workers/maskWorker';
import { maskDoc } from './session';
import { MAX_DECODE_PIXELS, isSupportedFormat, sniffImageFormat } from '../image/formats';
import { HEADER_BYTES, readHeaderSize } from '../image/imageSize';
import { ask, showError, showInfo } from '../notices/notices';
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

/** How far apart two shapes may be before a mask is called another shape: 1%. */
const SAME_SHAPE = 0.01;

/** The mask picture's size from its header, checked before decoding: a small file may claim billions of pixels. */
async function maskPictureSize(file: File): Promise<{ width: number; height: number } | string> {
  const head = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  const format = sniffImageFormat(head);
  if (!isSupportedFormat(format)) return `“${file.name}” isn't an image the editor can read as a mask.`;
  const size = readHeaderSize(head, format);
  if (size && size.width * size.height > MAX_DECODE_PIXELS) {
    return `“${file.name}” is too large to open as a mask: ${size.width} × ${size.height} px.`;
  }
  return size ?? { width: 0, height: 0 };
}

async function decodeMaskPicture(file: File) {
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
  return { rgba: ctx.getImageData(0, 0, width, height).data, width, height };
}

/**
 * A mask picture becomes the mask, at the photo's size. One of another shape (more than
 * 1% off) is never silently stretched: the user chooses Stretch, Fit (centred, the rest
 * kept) or Cancel.
 */
export async function importMask(file: File) {
  const image = useEditor.getState().image;
  if (!image) {
    showError('Upload an image before importing a mask.');
    return;
  }
  const size = await maskPictureSize(file);
  if (typeof size === 'string') {
    showError(`${size} The mask is unchanged.`);
    return;
  }
  const picture = await whileBusy('Import mask', () => decodeMaskPicture(file));
  if (!picture) return;
  const { width, height } = picture;
  let how: 'stretch' | 'fit' = 'stretch';
  if (Math.abs(Math.log((width / height) / (image.width / image.height))) > Math.log(1 + SAME_SHAPE)) {
    const answer = await ask(
      'The mask is another shape',
      `The mask is ${width} × ${height} px, the photo ${image.width} × ${image.height} px. Stretch the mask to the photo, or fit it inside, centred, keeping its shape?`,
      ['Fit', 'Stretch', 'Cancel'],
    );
    if (answer !== 'Fit' && answer !== 'Stretch') return;
    how = answer === 'Fit' ? 'fit' : 'stretch';
  }
  const values = await whileBusy('Import mask', () =>
    maskWorker().maskFromImage(Comlink.transfer(picture.rgba, [picture.rgba.buffer]), width, height, maskDoc.mask.width, maskDoc.mask.height, how),
  );
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
