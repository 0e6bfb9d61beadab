import type { Mask } from '../mask/types';

/** A mask as it is stored: masks are mostly runs of 0 and 255 and shrink a hundredfold. */
export interface DeflatedMask {
  width: number;
  height: number;
  deflated: Blob;
}

/** Mask bytes in and out of a deflated Blob (CompressionStream is native, off the JS thread). */
export async function deflate(bytes: Uint8Array): Promise<Blob> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Response(stream).blob();
}

export async function inflate(blob: Blob): Promise<Uint8Array> {
  const stream = blob.stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function deflateMask(mask: Mask): Promise<DeflatedMask> {
  return { width: mask.width, height: mask.height, deflated: await deflate(mask.data) };
}

/** The mask back, or null when the stored bytes do not fill its size. */
export async function inflateMask(saved: DeflatedMask): Promise<Mask | null> {
  const data = await inflate(saved.deflated);
  return data.length === saved.width * saved.height ? { width: saved.width, height: saved.height, data } : null;
}
