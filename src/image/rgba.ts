/** An RGBA picture, 4 bytes per pixel row by row, straight (not premultiplied) alpha: the layout of ImageData. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface ImageSize {
  width: number;
  height: number;
}

/**
 * The pixel array for a picture made from a model's planar output [3, H, W]: the output's own
 * buffer when it is a float array alone on it (onnxruntime's copy of a result, which the caller
 * gives up), else a new one. Filled pixel by pixel, pixel p's four bytes cover only float p, the
 * red value read first. A fresh multi-MB array costs more (a page fault per 4 KB) than filling it.
 */
export function pixelsOver(planes: Float32Array | Uint8Array, pixels: number): Uint8ClampedArray {
  const ownsBuffer = planes instanceof Float32Array && planes.buffer instanceof ArrayBuffer && planes.byteOffset === 0 && planes.byteLength === planes.buffer.byteLength;
  return ownsBuffer && planes.length >= 3 * pixels ? new Uint8ClampedArray(planes.buffer, 0, pixels * 4) : new Uint8ClampedArray(pixels * 4);
}

export function createImage(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/** Fails loudly when the pixel array does not match the stated size. */
export function assertImage(image: RgbaImage, what = 'image'): void {
  if (image.data.length !== image.width * image.height * 4) {
    throw new RangeError(`${what} is ${image.width}x${image.height} but has ${image.data.length} bytes`);
  }
}
