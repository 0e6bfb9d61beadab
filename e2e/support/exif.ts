/** EXIF helpers for end-to-end tests; the writer itself lives in src so it is unit-tested. */
import type { Page } from '@playwright/test';

export { withExifOrientation, type ExifOrientation } from '../../src/image/exifOrientation';

/**
 * A real baseline JPEG made by the browser's own encoder (Node has none), for tests that
 * need a photo to rotate. The left half is red and the right half blue, so orientation
 * shows up in the pixels as well as in the size.
 */
export async function browserJpeg(page: Page, width: number, height: number): Promise<Buffer> {
  const bytes = await page.evaluate(
    async ([w, h]) => {
      const canvas = new OffscreenCanvas(w, h);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('2D canvas unavailable');
      context.fillStyle = '#f00';
      context.fillRect(0, 0, w / 2, h);
      context.fillStyle = '#00f';
      context.fillRect(w / 2, 0, w - w / 2, h);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
    [width, height] as const,
  );
  return Buffer.from(bytes);
}
