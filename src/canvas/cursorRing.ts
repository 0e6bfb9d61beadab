import type { Point } from '../mask/types';

/** The ring's line width in screen pixels; the line is centred on the brush's edge. */
const LINE = 1.5;

/**
 * The round brush outline: an element moved by a CSS transform, so following the pointer
 * repaints no canvas. Style is written only when something visible changed.
 */
export class CursorRing {
  private shown = false;
  private size = -1;
  private transform = '';

  constructor(private readonly element: () => HTMLElement | null) {}

  /** Centres the ring on `centre` (px in the canvas element) with `radius` px; null hides it. */
  place(centre: Point | null, radius: number) {
    const element = this.element();
    if (!element) return;
    const shown = centre !== null;
    if (shown !== this.shown) {
      this.shown = shown;
      element.style.visibility = shown ? 'visible' : 'hidden';
    }
    if (!centre) return;
    const size = 2 * radius + LINE;
    if (size !== this.size) {
      this.size = size;
      element.style.width = element.style.height = `${size}px`;
    }
    const transform = `translate(${centre.x - size / 2}px, ${centre.y - size / 2}px)`;
    if (transform !== this.transform) {
      this.transform = transform;
      element.style.transform = transform;
    }
  }
}
