import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipFiles } from './batchZip';

describe('zipFiles', () => {
  it('holds every file under its name, byte for byte', async () => {
    const a = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) % 256);
    const b = new Uint8Array([137, 80, 78, 71]);
    const zip = await zipFiles([
      { name: 'bag-inpainted.png', bytes: a },
      { name: 'shoe-inpainted (2).png', bytes: b },
    ]);
    // A zip's local file header signature.
    expect([...zip.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['bag-inpainted.png', 'shoe-inpainted (2).png']);
    expect(files['bag-inpainted.png']).toEqual(a);
    expect(files['shoe-inpainted (2).png']).toEqual(b);
  });
});
