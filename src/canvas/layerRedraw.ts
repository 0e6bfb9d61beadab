import type Konva from 'konva';
import { unionRect, type Rect } from '../mask/types';

/**
 * Redraws a layer once per animation frame, only over the image rectangles that changed:
 * a brush dab repaints a few hundred screen pixels, not the whole mask layer.
 */
export class LayerRedraw {
  private region: Rect | null = null;
  private frame = 0;
  private layer: () => Konva.Layer | null = () => null;

  /** Where to find the layer to draw (set from an effect: the layer comes and goes with the stage). */
  drawOn(layer: () => Konva.Layer | null) {
    this.layer = layer;
  }

  /** Marks a rectangle of the image to redraw at the next frame. */
  request(rect: Rect) {
    this.region = unionRect(this.region, rect);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Draws what is pending now; a frame already under way calls this to draw in that frame. */
  flush() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const layer = this.layer();
    const region = this.region;
    this.region = null;
    if (layer && region) drawRegion(layer, region);
  }

  dispose() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.layer = () => null;
  }
}

/** Clears and redraws `layer` inside the screen bounds of an image rectangle only. */
function drawRegion(layer: Konva.Layer, rect: Rect) {
  const transform = layer.getAbsoluteTransform();
  // One image pixel of margin: smoothing reads the neighbours of the changed pixels.
  const a = transform.point({ x: rect.x - 1, y: rect.y - 1 });
  const b = transform.point({ x: rect.x + rect.width + 1, y: rect.y + rect.height + 1 });
  const ratio = layer.getCanvas().getPixelRatio();
  // Whole device pixels, so the clip has no soft edge to blend against the old picture.
  const x0 = Math.floor(Math.min(a.x, b.x) * ratio) / ratio;
  const y0 = Math.floor(Math.min(a.y, b.y) * ratio) / ratio;
  const x1 = Math.ceil(Math.max(a.x, b.x) * ratio) / ratio;
  const y1 = Math.ceil(Math.max(a.y, b.y) * ratio) / ratio;
  const context = layer.getContext();
  context.save();
  context.beginPath();
  context.rect(x0, y0, x1 - x0, y1 - y0);
  context.clip();
  // The layer's clear-before-draw is clipped too, so only this rectangle is repainted.
  layer.drawScene();
  context.restore();
}
