import { describe, expect, it } from 'vitest';
import { actualSizeView, fitView, imageToScreen, screenToImage, zoomAt } from './view';

describe('view', () => {
  it('fits a large image inside the stage with its margin, centred', () => {
    const v = fitView(6000, 4000, 1000, 800, 20);
    expect(v.scale).toBeCloseTo(960 / 6000);
    expect(6000 * v.scale).toBeLessThanOrEqual(960);
    expect(v.x).toBe(20);
    expect(v.y).toBe(Math.round((800 - 4000 * v.scale) / 2));
  });

  it('does not enlarge a small image past 100%', () => {
    expect(fitView(100, 50, 1000, 800).scale).toBe(1);
  });

  it('maps screen to image and back exactly', () => {
    const v = { scale: 2.5, x: -130, y: 47 };
    const p = { x: 321.5, y: 77.25 };
    const back = imageToScreen(v, screenToImage(v, p));
    expect(back.x).toBeCloseTo(p.x, 10);
    expect(back.y).toBeCloseTo(p.y, 10);
  });

  it('keeps the point under the cursor fixed while zooming', () => {
    const v = fitView(512, 512, 900, 700);
    const anchor = { x: 300, y: 260 };
    const before = screenToImage(v, anchor);
    const zoomed = zoomAt(v, 1.7, anchor);
    const after = screenToImage(zoomed, anchor);
    expect(zoomed.scale).toBeCloseTo(v.scale * 1.7);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it('shows 100% centred', () => {
    expect(actualSizeView(512, 512, 1000, 600)).toEqual({ scale: 1, x: 244, y: 44 });
  });
});
