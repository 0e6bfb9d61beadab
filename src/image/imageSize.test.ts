import { describe, expect, it } from 'vitest';
import { readHeaderSize } from './imageSize';

const text = (s: string) => [...new TextEncoder().encode(s)];

/** A PNG's signature and IHDR chunk claiming the given size (no pixels needed to read it). */
function pngHeader(width: number, height: number) {
  const be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...text('IHDR'), ...be(width), ...be(height), 8, 6, 0, 0, 0]);
}

describe('readHeaderSize', () => {
  it('reads what a decompression bomb claims without decoding it', () => {
    expect(readHeaderSize(pngHeader(30000, 30000), 'png')).toEqual({ width: 30000, height: 30000 });
  });

  it('reads a GIF\'s logical screen', () => {
    expect(readHeaderSize(Uint8Array.from([...text('GIF89a'), 0x40, 0x01, 0xf0, 0x00]), 'gif')).toEqual({ width: 320, height: 240 });
  });

  it('reads the three kinds of WebP header', () => {
    const riff = (chunk: string, body: number[]) => Uint8Array.from([...text('RIFF'), 0, 0, 0, 0, ...text('WEBP'), ...text(chunk), 0, 0, 0, 0, ...body, ...new Array(16).fill(0)]);
    // VP8X: canvas width-1 and height-1 as 24-bit little endian at 24 and 27.
    expect(readHeaderSize(riff('VP8X', [0, 0, 0, 0, 0x3f, 0x1f, 0x00, 0xdf, 0x0f, 0x00]), 'webp')).toEqual({ width: 8000, height: 4064 });
    // VP8L: signature 0x2f, then 14 bits width-1, 14 bits height-1.
    const w = 1000 - 1;
    const h = 600 - 1;
    const bits = w | (h << 14);
    expect(readHeaderSize(riff('VP8L', [0x2f, bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, (bits >>> 24) & 255]), 'webp')).toEqual({ width: 1000, height: 600 });
    // VP8: frame tag (3), start code (3), then 14-bit width and height.
    expect(readHeaderSize(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]), 'webp')).toEqual({ width: 640, height: 480 });
  });

  it('walks a JPEG\'s markers past APP segments to the frame header', () => {
    const app1 = [0xff, 0xe1, 0x00, 0x10, ...new Array(14).fill(7)];
    const dqt = [0xff, 0xdb, 0x00, 0x04, 0, 0];
    const sof2 = [0xff, 0xc2, 0x00, 0x11, 0x08, 0x0b, 0xb8, 0x0f, 0xa0, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(readHeaderSize(Uint8Array.from([0xff, 0xd8, ...app1, ...dqt, ...sof2]), 'jpeg')).toEqual({ width: 4000, height: 3000 });
  });

  it('says nothing when the header is cut short or the format keeps its size elsewhere', () => {
    expect(readHeaderSize(pngHeader(10, 10).subarray(0, 20), 'png')).toBeNull();
    expect(readHeaderSize(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00]), 'jpeg')).toBeNull();
    expect(readHeaderSize(new Uint8Array(64), 'avif')).toBeNull();
  });
});
