import { paintSegment, fillPolygon, fillRect } from '../mask';
import { createMask, readRegion, unionRect, type Mask, type Point, type Rect } from '../mask/types';
import { changedBounds } from './changedBounds';
import { MaskHistory, type DocumentSnapshot, type HistoryEntry } from './maskHistory';

export interface BrushSettings {
  size: number;
  hardness: number;
  mode: 'paint' | 'erase';
}

/** What changed: the rectangle to redraw (null = nothing) and whether history moved. */
export type MaskListener = (changed: Rect | null) => void;

/**
 * The mask being edited, at the image's full resolution, with its undo history.
 * Every edit goes through here so it is undoable and every view hears about it.
 */
export class MaskDocument {
  mask: Mask = createMask(1, 1);
  readonly history = new MaskHistory();
  /** Bumped on every change; autosave and the feather preview key off it. */
  revision = 0;
  private listeners = new Set<MaskListener>();
  private strokeBefore: Uint8Array | null = null;
  private strokeDirty: Rect | null = null;

  subscribe(listener: MaskListener) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** A blank mask for a new image; history starts over. */
  reset(width: number, height: number, data?: Uint8Array) {
    this.cancelStroke();
    this.mask = { width, height, data: data ?? new Uint8Array(width * height) };
    this.history.clear();
    this.emit(this.fullRect());
  }

  /** Another image and its mask, as one undoable step from `before` (the history carries on). */
  swap(label: string, before: DocumentSnapshot, after: DocumentSnapshot) {
    this.cancelStroke();
    this.history.push({ kind: 'swap', label, before, after });
    this.showSnapshot(after);
  }

  get isStroking() {
    return this.strokeBefore !== null;
  }

  beginStroke() {
    this.strokeBefore = this.mask.data.slice();
    this.strokeDirty = null;
  }

  strokeSegment(from: Point, to: Point, brush: BrushSettings): Rect {
    const dirty = paintSegment(this.mask, from, to, brush);
    if (dirty.width > 0 && dirty.height > 0) this.strokeDirty = unionRect(this.strokeDirty, dirty);
    return dirty;
  }

  /** Ends a stroke as one undo step. */
  endStroke(label: string) {
    const before = this.strokeBefore;
    const dirty = this.strokeDirty;
    this.strokeBefore = null;
    this.strokeDirty = null;
    if (!before || !dirty) return;
    const { width, height } = this.mask;
    this.history.push({
      kind: 'patch',
      label,
      rect: dirty,
      before: readRegion({ width, height, data: before }, dirty),
      after: readRegion(this.mask, dirty),
    });
    this.emit(dirty);
  }

  /** Escape mid-stroke: the mask goes back to how it was. */
  cancelStroke() {
    if (!this.strokeBefore) return;
    this.mask.data.set(this.strokeBefore);
    const dirty = this.strokeDirty;
    this.strokeBefore = null;
    this.strokeDirty = null;
    this.emit(dirty);
  }

  fillRect(rect: Rect, mode: BrushSettings['mode']) {
    this.edit(mode === 'paint' ? 'Rectangle' : 'Rectangle erase', (mask) => void fillRect(mask, rect, mode));
  }

  fillLasso(points: Point[], mode: BrushSettings['mode']) {
    this.edit(mode === 'paint' ? 'Lasso' : 'Lasso erase', (mask) => void fillPolygon(mask, points, mode));
  }

  /** Replaces the whole mask (invert, grow, import...) as one undo step. */
  replace(label: string, next: Uint8Array) {
    this.edit(label, (mask) => mask.data.set(next));
  }

  /** Runs `change` on the mask and records the pixels it changed as one undo step. */
  edit(label: string, change: (mask: Mask) => void) {
    this.cancelStroke();
    const before = this.mask.data.slice();
    change(this.mask);
    const { width, height } = this.mask;
    const rect = changedBounds(before, this.mask.data, width, height);
    if (!rect) return;
    this.history.push({
      kind: 'patch',
      label,
      rect,
      before: readRegion({ width, height, data: before }, rect),
      after: readRegion(this.mask, rect),
    });
    this.emit(rect);
  }

  /** Takes the last step back; a swap puts the earlier mask back and is returned so the editor swaps the image too. */
  undo(): HistoryEntry | null {
    this.cancelStroke();
    const entry = this.history.undo(this.mask);
    if (entry?.kind === 'patch') this.emit(entry.rect);
    if (entry?.kind === 'swap') this.showSnapshot(entry.before);
    return entry;
  }

  redo(): HistoryEntry | null {
    this.cancelStroke();
    const entry = this.history.redo(this.mask);
    if (entry?.kind === 'patch') this.emit(entry.rect);
    if (entry?.kind === 'swap') this.showSnapshot(entry.after);
    return entry;
  }

  private showSnapshot({ image, mask }: DocumentSnapshot) {
    this.mask = { width: image.width, height: image.height, data: mask.slice() };
    this.emit(this.fullRect());
  }

  /** During a stroke: tell the views what to redraw without recording history yet. */
  notifyStroke(rect: Rect) {
    for (const listener of this.listeners) listener(rect);
  }

  private fullRect(): Rect {
    return { x: 0, y: 0, width: this.mask.width, height: this.mask.height };
  }

  private emit(changed: Rect | null) {
    this.revision++;
    for (const listener of this.listeners) listener(changed);
  }
}
