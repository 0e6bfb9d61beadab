import { writeRegion, type Mask, type Rect } from '../mask/types';

/** One undoable mask edit: the pixels of `rect` before and after it. */
export interface MaskPatch {
  kind: 'patch';
  label: string;
  rect: Rect;
  before: Uint8Array;
  after: Uint8Array;
}

/** The image being edited, with its mask and parameters, as a swap keeps them. */
export interface DocumentSnapshot {
  image: { blob: Blob; name: string; width: number; height: number };
  mask: Uint8Array;
  /** The parameters then (the history only keeps them). */
  params: unknown;
}

/** Another image opened (a file, a History job, a result as input): one step back brings the last one. */
export interface DocumentSwap {
  kind: 'swap';
  label: string;
  before: DocumentSnapshot;
  after: DocumentSnapshot;
}

export type HistoryEntry = MaskPatch | DocumentSwap;

/**
 * Undo/redo of mask edits as rectangular patches, so a brush stroke on a 24-megapixel
 * mask costs its bounding box, not the whole mask, and of image swaps. The oldest steps
 * go first when the history outgrows its memory budget.
 */
export class MaskHistory {
  private done: HistoryEntry[] = [];
  private undone: HistoryEntry[] = [];
  private bytes = 0;

  constructor(private readonly budgetBytes = 768 * 2 ** 20) {}

  get canUndo() {
    return this.done.length > 0;
  }

  get canRedo() {
    return this.undone.length > 0;
  }

  get size() {
    return this.done.length;
  }

  /** The step Undo would take back, without taking it. */
  nextUndo(): HistoryEntry | undefined {
    return this.done.at(-1);
  }

  nextRedo(): HistoryEntry | undefined {
    return this.undone.at(-1);
  }

  push(entry: HistoryEntry) {
    this.done.push(entry);
    this.bytes += entryBytes(entry);
    for (const dropped of this.undone) this.bytes -= entryBytes(dropped);
    this.undone = [];
    while (this.bytes > this.budgetBytes && this.done.length > 1) {
      this.bytes -= entryBytes(this.done.shift()!);
    }
  }

  /** Takes the last step back: a patch's "before" pixels go into `mask`; a swap is returned for the caller to apply. */
  undo(mask: Mask): HistoryEntry | null {
    const entry = this.done.pop();
    if (!entry) return null;
    if (entry.kind === 'patch') writeRegion(mask, entry.rect, entry.before);
    this.undone.push(entry);
    return entry;
  }

  redo(mask: Mask): HistoryEntry | null {
    const entry = this.undone.pop();
    if (!entry) return null;
    if (entry.kind === 'patch') writeRegion(mask, entry.rect, entry.after);
    this.done.push(entry);
    return entry;
  }

  clear() {
    this.done = [];
    this.undone = [];
    this.bytes = 0;
  }
}

function entryBytes(entry: HistoryEntry): number {
  if (entry.kind === 'patch') return entry.before.byteLength + entry.after.byteLength;
  const { before, after } = entry;
  return before.mask.byteLength + after.mask.byteLength + before.image.blob.size + after.image.blob.size;
}
