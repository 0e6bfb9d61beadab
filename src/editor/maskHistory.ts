import { writeRegion, type Mask, type Rect } from '../mask/types';

/** One undoable mask edit: the pixels of `rect` before and after it. */
export interface MaskPatch {
  label: string;
  rect: Rect;
  before: Uint8Array;
  after: Uint8Array;
}

/**
 * Undo/redo of mask edits as rectangular patches, so a brush stroke on a 24-megapixel
 * mask costs its bounding box, not the whole mask. The oldest steps go first when the
 * history outgrows its memory budget.
 */
export class MaskHistory {
  private done: MaskPatch[] = [];
  private undone: MaskPatch[] = [];
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

  push(patch: MaskPatch) {
    this.done.push(patch);
    this.bytes += patchBytes(patch);
    for (const dropped of this.undone) this.bytes -= patchBytes(dropped);
    this.undone = [];
    while (this.bytes > this.budgetBytes && this.done.length > 1) {
      this.bytes -= patchBytes(this.done.shift()!);
    }
  }

  /** Puts the last edit's "before" pixels back; returns the patch, or null when there is none. */
  undo(mask: Mask): MaskPatch | null {
    const patch = this.done.pop();
    if (!patch) return null;
    writeRegion(mask, patch.rect, patch.before);
    this.undone.push(patch);
    return patch;
  }

  redo(mask: Mask): MaskPatch | null {
    const patch = this.undone.pop();
    if (!patch) return null;
    writeRegion(mask, patch.rect, patch.after);
    this.done.push(patch);
    return patch;
  }

  clear() {
    this.done = [];
    this.undone = [];
    this.bytes = 0;
  }
}

const patchBytes = (p: MaskPatch) => p.before.byteLength + p.after.byteLength;
