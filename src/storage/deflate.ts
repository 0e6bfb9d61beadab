/** Mask bytes in and out of a deflated Blob (CompressionStream is native, off the JS thread). */
export async function deflate(bytes: Uint8Array): Promise<Blob> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Response(stream).blob();
}

export async function inflate(blob: Blob): Promise<Uint8Array> {
  const stream = blob.stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
