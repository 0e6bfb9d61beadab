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

/**
 * The picture's red, green and blue planes [3, H, W] in `out`, each byte through `table` when
 * given (a lookup costs less than arithmetic per value). Each pixel is read as one 32-bit word
 * (little-endian, as on every platform the app runs on: red in the low byte), about twice as
 * fast as reading its bytes one by one.
 */
export function rgbPlanes<T extends Float32Array | Uint8Array>(image: RgbaImage, out: T, table?: Float32Array): T {
  const plane = image.width * image.height;
  if (out.length < 3 * plane) throw new RangeError(`${out.length} values cannot hold 3 planes of ${plane}`);
  const { data } = image;
  const words = data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, plane) : new Uint32Array(data.slice(0, plane * 4).buffer);
  const green = plane;
  const blue = 2 * plane;
  if (table) {
    for (let p = 0; p < plane; p++) {
      const word = words[p];
      out[p] = table[word & 255];
      out[green + p] = table[(word >>> 8) & 255];
      out[blue + p] = table[(word >>> 16) & 255];
    }
  } else {
    for (let p = 0; p < plane; p++) {
      const word = words[p];
      out[p] = word & 255;
      out[green + p] = (word >>> 8) & 255;
      out[blue + p] = (word >>> 16) & 255;
    }
  }
  return out;
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
