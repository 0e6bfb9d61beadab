import { describe, expect, it } from 'vitest';
import { stem, zipNames } from './batchNames';

describe('stem', () => {
  it('drops the last extension and any folder', () => {
    expect(stem('bag.png')).toBe('bag');
    expect(stem('shoe.final.jpeg')).toBe('shoe.final');
    expect(stem('folder/sub/bag.webp')).toBe('bag');
    expect(stem('README')).toBe('README');
    expect(stem('.png')).toBe('.png');
  });
});

describe('zipNames', () => {
  it('keeps the original name with a suffix, in the output format', () => {
    expect(zipNames([{ photoName: 'bag.png', variation: 0 }, { photoName: 'shoe.jpg', variation: 0 }], 'png')).toEqual(['bag-inpainted.png', 'shoe-inpainted.png']);
    expect(zipNames([{ photoName: 'bag.png', variation: 0 }], 'jpeg')).toEqual(['bag-inpainted.jpg']);
    expect(zipNames([{ photoName: 'bag.png', variation: 0 }], 'webp')).toEqual(['bag-inpainted.webp']);
  });

  it('numbers the variations after the first', () => {
    const names = zipNames([0, 1, 2].map((variation) => ({ photoName: 'bag.png', variation })), 'png');
    expect(names).toEqual(['bag-inpainted.png', 'bag-inpainted-2.png', 'bag-inpainted-3.png']);
  });

  it('never gives two results one name, whatever the case', () => {
    const names = zipNames(
      [
        { photoName: 'a/bag.png', variation: 0 },
        { photoName: 'b/bag.jpg', variation: 0 },
        { photoName: 'BAG.webp', variation: 0 },
      ],
      'png',
    );
    expect(names).toEqual(['bag-inpainted.png', 'bag-inpainted (2).png', 'BAG-inpainted (3).png']);
  });
});
