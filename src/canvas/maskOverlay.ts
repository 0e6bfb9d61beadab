import { paintOverlay } from '../mask';
import type { Rect } from '../mask/types';

/** "#rrggbb" to its channels. */
export function parseHexColour(hex: string): { r: number; g: number; b: number } {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  const n = m ? parseInt(m[1], 16) : 0xff3b6b;
  return { r: n >> 16, g: (n >> 8) & 255, b: n & 255 };
}

/**
 * The coloured, see-through picture of the mask, at the image's full resolution, drawn
 * by Konva under the stage transform. Only changed rectangles are rewritten.
 */
export class MaskOverlay {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private colour = parseHexColour('#ff3b6b');

  constructor(width: number, height: number) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = width;
    this.canvas.height = height;
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: false })!;
  }

  setColour(hex: string) {
    this.colour = parseHexColour(hex);
  }

  /** Draws `rect` of a value array `stride` px wide, at `at` on the image (default: the rect's place). */
  draw(values: Uint8Array, stride: number, rect: Rect, at: { x: number; y: number } = rect) {
    if (rect.width <= 0 || rect.height <= 0) return;
    const image = this.ctx.createImageData(rect.width, rect.height);
    paintOverlay(values, stride, rect, this.colour, new Uint32Array(image.data.buffer));
    this.ctx.putImageData(image, at.x, at.y);
  }

  /** Draws a rect-sized array of values (a feathered region) at the rect's place. */
  drawRegion(values: Uint8Array, rect: Rect) {
    this.draw(values, rect.width, { x: 0, y: 0, width: rect.width, height: rect.height }, rect);
  }
}
