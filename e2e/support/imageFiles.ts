/**
 * Files for Playwright's setInputFiles (and synthetic drops): each helper returns the
 * { name, mimeType, buffer } payload, so a test can pass it straight in or take `.buffer`.
 */
import { PNG } from 'pngjs';

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export type Rgba = [number, number, number, number];

/** A PNG of the given size; flat mid-grey unless rgbaAt paints each pixel. */
export function pngOfSize(
  width: number,
  height: number,
  rgbaAt: (x: number, y: number) => Rgba = () => [128, 128, 128, 255],
  name = `${width}x${height}.png`,
): FilePayload {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      png.data.set(rgbaAt(x, y), (y * width + x) * 4);
    }
  }
  return { name, mimeType: 'image/png', buffer: PNG.sync.write(png) };
}

/** 9000 × 120: over the 8192 px limit on its long side, yet only a few KB (flat colour). */
export function giantPng(): FilePayload {
  return pngOfSize(9000, 120, () => [40, 120, 200, 255], 'giant.png');
}

/**
 * Sniffs as PNG (valid signature and IHDR) and the header reads as 64 × 64, but the first
 * chunk after IHDR is garbage with a bad CRC, so Chromium's decoders reject it.
 */
export function corruptPng(): FilePayload {
  const real = pngOfSize(64, 64).buffer;
  const garbage = Buffer.alloc(200);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 73 + 41) & 0xff;
  return { name: 'damaged.png', mimeType: 'image/png', buffer: Buffer.concat([real.subarray(0, 40), garbage]) };
}

export function textFile(): FilePayload {
  return { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Shopping list: eggs, milk, bread\n') };
}

export function emptyFile(): FilePayload {
  return { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) };
}

/** Only the 'ftyp' box of an iPhone photo: enough to be recognised as HEIC and refused. */
export function heicLike(): FilePayload {
  const ftyp = Buffer.concat([
    Buffer.from([0, 0, 0, 24]),
    Buffer.from('ftypheic'),
    Buffer.from([0, 0, 0, 0]),
    Buffer.from('mif1heic'),
  ]);
  return { name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: Buffer.concat([ftyp, Buffer.alloc(100)]) };
}

/**
 * A 1 × 1 animated GIF whose first frame is red and second frame blue, to check that the
 * first frame is what gets edited. Hand-assembled: each frame is one LZW-coded pixel.
 */
export function twoFrameGif(): FilePayload {
  const frame = (pixelData: number) => [
    0x21, 0xf9, 0x04, 0x00, 0x32, 0x00, 0x00, 0x00, // graphic control: 0.5 s delay
    0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0x00, // image descriptor: 1 × 1 at 0,0
    0x02, 0x02, pixelData, 0x01, 0x00, // LZW min size 2; clear, colour index, end
  ];
  const bytes = [
    ...Buffer.from('GIF89a'), 1, 0, 1, 0, 0x80, 0x00, 0x00, // 1 × 1, 2-entry colour table
    0xff, 0x00, 0x00, 0x00, 0x00, 0xff, // red, blue
    0x21, 0xff, 0x0b, ...Buffer.from('NETSCAPE2.0'), 0x03, 0x01, 0x00, 0x00, 0x00, // loop forever
    ...frame(0x44), // index 0: red
    ...frame(0x4c), // index 1: blue
    0x3b,
  ];
  return { name: 'blink.gif', mimeType: 'image/gif', buffer: Buffer.from(bytes) };
}

/** A 2x2 AVIF (the widely used browser feature-detection sample): Chromium can't encode AVIF. */
export function tinyAvif(): FilePayload {
  const base64 =
    'AAAAIGZ0eXBhdmlmAAAAAGF2aWZtaWYxbWlhZk1BMUIAAADybWV0YQAAAAAAAAAoaGRscgAAAAAAAAAAcGljdAAAAAAAAAAAAAAAAGxpYmF2aWYAAAAADnBpdG0AAAAAAAEAAAAeaWxvYwAAAABEAAABAAEAAAABAAABGgAAAB0AAAAoaWluZgAAAAAAAQAAABppbmZlAgAAAAABAABhdjAxQ29sb3IAAAAAamlwcnAAAABLaXBjbwAAABRpc3BlAAAAAAAAAAIAAAACAAAAEHBpeGkAAAAAAwgICAAAAAxhdjFDgQ0MAAAAABNjb2xybmNseAACAAIAAYAAAAAXaXBtYQAAAAAAAAABAAEEAQKDBAAAACVtZGF0EgAKCBgANogQEAwgMg8f8D///8WfhwB8+ErK42A=';
  return { name: 'tiny.avif', mimeType: 'image/avif', buffer: Buffer.from(base64, 'base64') };
}
