import * as Comlink from 'comlink';
import { featherReach } from '../mask';
import { clipRect, readRegion, unionRect, type Rect } from '../mask/types';
import type { MaskDocument } from '../editor/maskDocument';
import { maskWorker } from '../workers/maskWorker';
import type { MaskOverlay } from './maskOverlay';

const grow = (r: Rect, by: number): Rect => ({ x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by });

/**
 * Keeps the overlay in step with the mask. With feather on, the overlay previews the soft
 * edge: only the area an edit can reach is re-feathered, in the worker, latest edit wins.
 * While a stroke is under way the raw brush shows at once and the feather follows at its end.
 */
export class OverlayPainter {
  private feather = 0;
  private pending: Rect | null = null;
  private inFlight = false;
  private disposed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly doc: MaskDocument,
    private readonly overlay: MaskOverlay,
    /** Asks for the layer to be redrawn over an image rectangle. */
    private readonly requestDraw: (rect: Rect) => void,
    initial: { colour: string; feather: number },
  ) {
    overlay.setColour(initial.colour);
    this.feather = initial.feather;
    this.unsubscribe = doc.subscribe((rect) => rect && this.onMaskChange(rect));
    this.repaintAll();
  }

  dispose() {
    this.disposed = true;
    this.unsubscribe();
  }

  setFeather(radius: number) {
    if (radius === this.feather) return;
    this.feather = radius;
    this.repaintAll();
  }

  setColour(hex: string) {
    this.overlay.setColour(hex);
    this.repaintAll();
  }

  repaintAll() {
    const { width, height } = this.doc.mask;
    const all = { x: 0, y: 0, width, height };
    if (this.feather > 0) this.schedule(all);
    else this.drawRaw(all);
  }

  private onMaskChange(rect: Rect) {
    // Strokes show the raw brush at once; the soft edge follows when the stroke ends.
    if (this.feather === 0 || this.doc.isStroking) this.drawRaw(rect);
    else this.schedule(rect);
  }

  private drawRaw(rect: Rect) {
    const { data, width } = this.doc.mask;
    this.overlay.draw(data, width, rect);
    this.requestDraw(rect);
  }

  private schedule(changed: Rect) {
    const { width, height } = this.doc.mask;
    this.pending = unionRect(this.pending, clipRect(grow(changed, featherReach(this.feather)), width, height));
    void this.pump();
  }

  private async pump() {
    // Mid-stroke the area is re-feathered at the stroke's end anyway.
    if (this.inFlight || !this.pending || this.disposed || this.doc.isStroking) return;
    const target = this.pending;
    this.pending = null;
    this.inFlight = true;
    const { revision } = this.doc;
    const feather = this.feather;
    try {
      const { width, height } = this.doc.mask;
      const source = clipRect(grow(target, featherReach(feather)), width, height);
      const crop = { width: source.width, height: source.height, data: readRegion(this.doc.mask, source) };
      const inner = { x: target.x - source.x, y: target.y - source.y, width: target.width, height: target.height };
      const origin = { x: source.x, y: source.y }; // wide feathers work on a grid fixed to the image
      const result = await maskWorker().featherRegion(Comlink.transfer(crop, [crop.data.buffer]), inner, feather, origin);
      if (this.disposed) return;
      if (this.doc.revision === revision && this.feather === feather && !this.doc.isStroking) {
        this.overlay.drawRegion(result.data, target);
        this.requestDraw(target);
      } else {
        // The mask or the radius moved on meanwhile: do this area again.
        this.pending = unionRect(this.pending, target);
      }
    } finally {
      this.inFlight = false;
      void this.pump();
    }
  }
}
