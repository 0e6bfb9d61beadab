import { describe, expect, it } from 'vitest';
import { describeImageProblem, type ImageProblem } from './errors';

const UNCHANGED = ' Your current image and mask are unchanged.';

describe('describeImageProblem', () => {
  it('explains an empty file', () => {
    expect(describeImageProblem({ kind: 'empty' })).toBe(`That file is empty (0 bytes).${UNCHANGED}`);
  });

  it('names a format browsers cannot open', () => {
    expect(describeImageProblem({ kind: 'unsupported', format: 'heic', name: 'x.heic' })).toBe(
      `“x.heic” is a HEIC image, which browsers can't open. Supported: JPEG, PNG, WebP, GIF, AVIF.${UNCHANGED}`,
    );
  });

  it('names a format the editor does not take', () => {
    expect(describeImageProblem({ kind: 'unsupported', format: 'svg', name: 'logo.svg' })).toBe(
      `“logo.svg” is an SVG image, which the editor can't open. Supported: JPEG, PNG, WebP, GIF, AVIF.${UNCHANGED}`,
    );
    expect(describeImageProblem({ kind: 'unsupported', format: 'bmp', name: 'a.bmp' })).toContain('is a BMP image');
  });

  it('says when a file is not an image at all', () => {
    expect(describeImageProblem({ kind: 'unsupported', format: null, name: 'notes.txt' })).toBe(
      `“notes.txt” isn't an image. Supported: JPEG, PNG, WebP, GIF, AVIF.${UNCHANGED}`,
    );
  });

  it('explains a damaged file', () => {
    expect(describeImageProblem({ kind: 'corrupt', name: 'x.png' })).toBe(
      `“x.png” looks like an image but can't be decoded — the file may be damaged or incomplete.${UNCHANGED}`,
    );
  });

  it('gives the size and the limit for a giant image', () => {
    expect(describeImageProblem({ kind: 'too-large', width: 12000, height: 9000, name: 'x.jpg', decodable: true })).toBe(
      `“x.jpg” is 12000 × 9000 px. The editor works at full resolution up to 8192 px on the long side.${UNCHANGED}`,
    );
  });

  it('calls a decompression bomb too large, with its size, not damaged', () => {
    expect(describeImageProblem({ kind: 'too-large', width: 30000, height: 30000, name: 'bomb.png', decodable: false })).toBe(
      `“bomb.png” is too large to open: 30000 × 30000 px (900 megapixels). The editor works up to 8192 px on the long side; reduce it in another program first.${UNCHANGED}`,
    );
  });

  it('always says the current work is untouched', () => {
    const problems: ImageProblem[] = [
      { kind: 'empty' },
      { kind: 'unsupported', format: 'tiff', name: 'scan.tif' },
      { kind: 'unsupported', format: null, name: 'a.zip' },
      { kind: 'corrupt', name: 'b.webp' },
      { kind: 'too-large', width: 9000, height: 120, name: 'strip.png', decodable: true },
    ];
    for (const problem of problems) expect(describeImageProblem(problem)).toMatch(/unchanged\.$/);
  });
});
