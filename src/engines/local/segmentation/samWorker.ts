/// <reference lib="webworker" />
import type { RgbaImage } from '../../../image/rgba';
import { EngineError } from '../../contract';
import type { WorkerCallContext } from '../bridge';
import type { SamPoint, Size } from './sam';
import type { SamFiles, SamProposal, SamRunner } from './samRunner';

// The editor's decoding, so the mask lines up with the pixels the user sees.
const DECODE: ImageBitmapOptions = { imageOrientation: 'from-image', premultiplyAlpha: 'none', colorSpaceConversion: 'none' };

async function decodePhoto(photo: Blob, size: Size): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(photo, DECODE);
  const { width, height } = bitmap;
  if (width !== size.width || height !== size.height) {
    bitmap.close();
    throw new EngineError('invalid-input', `The photo decodes at ${width}×${height}, the editor has it at ${size.width}×${size.height}.`);
  }
  const ctx = new OffscreenCanvas(width, height).getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { width, height, data: ctx.getImageData(0, 0, width, height).data };
}

/** The model worker's "Click to segment" methods: the photo's embedding once (progress: the stage), then the decoder per click. */
export function samMethods(sam: SamRunner) {
  return {
    async samEmbed(modelId: string, files: SamFiles, imageKey: string, photo: Blob, size: Size, context: WorkerCallContext): Promise<{ fellBack?: string }> {
      return sam.embed(modelId, files, imageKey, () => decodePhoto(photo, size), (stage) => context.progress(stage));
    },

    async samDecode(modelId: string, imageKey: string, points: SamPoint[], previous: Float32Array | null, context: WorkerCallContext): Promise<SamProposal | null> {
      const proposal = await sam.decode(modelId, imageKey, points, previous);
      if (proposal) context.transfer.push(proposal.mask.buffer, proposal.lowRes.buffer, ...proposal.outline.map((loop) => loop.buffer));
      return proposal;
    },
  };
}
