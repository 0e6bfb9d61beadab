import type { RgbaImage } from '../../image/rgba';
import type { Mask } from '../../mask/types';
import { maskToGreyRgba } from '../../mask';
import { EngineError, type EngineSettings } from '../contract';
import { callNamedUrl, type ProviderId } from './api';
import { errorFromAnswer } from './errors';
import { withRetries } from './retry';

async function encodePng(width: number, height: number, rgba: Uint8ClampedArray): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')!.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}

/** The crop as a PNG, lossless, for upload. */
export const imagePng = (image: RgbaImage) => encodePng(image.width, image.height, image.data);

/** The mask as providers take it: white repaints, black keeps, greys blend. */
export const maskPng = (mask: Mask) => encodePng(mask.width, mask.height, maskToGreyRgba(mask.data));

/** A data: URI of the bytes, for providers that take images inline. */
export async function dataUri(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type || 'image/png'};base64,${btoa(binary)}`;
}

/**
 * A result image, fetched through the app's server as soon as the job succeeds (signed
 * links expire). Lost connections are retried; an expired or missing link is said plainly.
 */
export function fetchResult(provider: ProviderId, label: string, url: string, settings: EngineSettings, signal: AbortSignal): Promise<Blob> {
  return withRetries(
    async () => {
      const { status, blob, answer } = await callNamedUrl(provider, url, settings, { signal });
      if (answer) {
        if (!answer.proxyError && (status === 403 || status === 404 || status === 410)) {
          throw new EngineError('unavailable', `${label}'s result link has expired or is gone (${status}).`, { status, retryable: false });
        }
        throw errorFromAnswer(answer, label, undefined);
      }
      if (!blob.size) throw new EngineError('unavailable', `${label} sent an empty result image.`, { retryable: true });
      return blob;
    },
    { signal },
  );
}
