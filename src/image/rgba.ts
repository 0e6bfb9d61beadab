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

export function createImage(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/** Fails loudly when the pixel array does not match the stated size. */
export function assertImage(image: RgbaImage, what = 'image'): void {
  if (image.data.length !== image.width * image.height * 4) {
    throw new RangeError(`${what} is ${image.width}x${image.height} but has ${image.data.length} bytes`);
  }
}
