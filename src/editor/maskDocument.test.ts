import { describe, expect, it } from 'vitest';
import { changedBounds } from './changedBounds';
import { MaskDocument } from './maskDocument';
import { MaskHistory } from './maskHistory';

const brush = { size: 10, hardness: 1, mode: 'paint' as const };

function documentOf(width: number, height: number) {
  const doc = new MaskDocument();
  doc.reset(width, height);
  return doc;
}

describe('changedBounds', () => {
  it('finds the rectangle around every differing pixel', () => {
    const a = new Uint8Array(20 * 10);
    const b = a.slice();
    b[3 * 20 + 4] = 1;
    b[7 * 20 + 15] = 9;
    expect(changedBounds(a, b, 20, 10)).toEqual({ x: 4, y: 3, width: 12, height: 5 });
    expect(changedBounds(a, a.slice(), 20, 10)).toBeNull();
  });
});

describe('MaskDocument', () => {
  it('makes a whole stroke one undo step and redoes it exactly', () => {
    const doc = documentOf(100, 80);
    doc.beginStroke();
    doc.strokeSegment({ x: 10, y: 10 }, { x: 10, y: 10 }, brush);
    doc.strokeSegment({ x: 10, y: 10 }, { x: 60, y: 40 }, brush);
    doc.strokeSegment({ x: 60, y: 40 }, { x: 90, y: 40 }, brush);
    doc.endStroke('Brush stroke');
    const painted = doc.mask.data.slice();
    expect(painted.some((v) => v > 0)).toBe(true);
    expect(doc.history.size).toBe(1);

    doc.undo();
    expect(doc.mask.data.every((v) => v === 0)).toBe(true);
    doc.redo();
    expect(doc.mask.data).toEqual(painted);
  });

  it('cancelling a stroke restores the mask and records nothing', () => {
    const doc = documentOf(50, 50);
    doc.beginStroke();
    doc.strokeSegment({ x: 5, y: 5 }, { x: 45, y: 45 }, brush);
    doc.cancelStroke();
    expect(doc.mask.data.every((v) => v === 0)).toBe(true);
    expect(doc.history.canUndo).toBe(false);
  });

  it('records whole-mask edits only where they changed pixels', () => {
    const doc = documentOf(40, 30);
    doc.fillRect({ x: 5, y: 6, width: 10, height: 4 }, 'paint');
    const patch = doc.history;
    expect(patch.size).toBe(1);
    doc.edit('No-op', () => {});
    expect(doc.history.size).toBe(1);
    doc.replace('Invert', doc.mask.data.map((v) => 255 - v));
    expect(doc.mask.data[0]).toBe(255);
    doc.undo();
    expect(doc.mask.data[0]).toBe(0);
    expect(doc.mask.data[6 * 40 + 5]).toBe(255);
  });

  it('a new edit after undo drops the redo branch', () => {
    const doc = documentOf(20, 20);
    doc.fillRect({ x: 0, y: 0, width: 5, height: 5 }, 'paint');
    doc.undo();
    expect(doc.history.canRedo).toBe(true);
    doc.fillRect({ x: 10, y: 10, width: 5, height: 5 }, 'paint');
    expect(doc.history.canRedo).toBe(false);
  });

  it('tells listeners which rectangle changed, and bumps the revision', () => {
    const doc = documentOf(30, 30);
    const seen: unknown[] = [];
    doc.subscribe((rect) => seen.push(rect));
    const revision = doc.revision;
    doc.fillRect({ x: 2, y: 3, width: 4, height: 5 }, 'paint');
    expect(seen).toEqual([{ x: 2, y: 3, width: 4, height: 5 }]);
    expect(doc.revision).toBe(revision + 1);
  });
});

describe('MaskDocument swaps', () => {
  const snapshot = (name: string, width: number, height: number, fill: number) => ({
    image: { blob: new Blob([name]), name, width, height },
    mask: new Uint8Array(width * height).fill(fill),
    params: { prompt: name },
  });

  it('keeps the previous image\'s mask and its edits one step behind another image', () => {
    const doc = documentOf(4, 4);
    doc.fillRect({ x: 0, y: 0, width: 2, height: 2 }, 'paint');
    const jacket = snapshot('jacket.jpeg', 4, 4, 0);
    jacket.mask = doc.mask.data.slice();
    doc.swap('Open image', jacket, snapshot('bag.jpeg', 6, 3, 0));
    expect([doc.mask.width, doc.mask.height]).toEqual([6, 3]);
    doc.fillRect({ x: 0, y: 0, width: 6, height: 3 }, 'paint');

    expect(doc.undo()?.kind).toBe('patch');
    expect(doc.mask.data.every((v) => v === 0)).toBe(true);
    const swap = doc.undo();
    expect(swap?.kind === 'swap' && swap.before.image.name).toBe('jacket.jpeg');
    expect([doc.mask.width, doc.mask.height]).toEqual([4, 4]);
    expect(doc.mask.data[0]).toBe(255);
    // The jacket's own stroke is still undoable after coming back to it.
    expect(doc.undo()?.kind).toBe('patch');
    expect(doc.mask.data.every((v) => v === 0)).toBe(true);

    doc.redo();
    const again = doc.redo();
    expect(again?.kind === 'swap' && again.after.image.name).toBe('bag.jpeg');
    expect([doc.mask.width, doc.mask.height]).toEqual([6, 3]);
  });

  it('counts both masks and files of a swap against the memory budget', () => {
    const history = new MaskHistory(100);
    history.push({ kind: 'swap', label: 'a', before: snapshot('a', 5, 5, 0), after: snapshot('b', 5, 5, 0) });
    history.push({ kind: 'swap', label: 'b', before: snapshot('b', 5, 5, 0), after: snapshot('c', 5, 5, 0) });
    expect(history.size).toBe(1);
  });
});

describe('MaskHistory', () => {
  it('drops the oldest steps beyond its memory budget but keeps the latest', () => {
    const history = new MaskHistory(1000);
    const mask = { width: 10, height: 10, data: new Uint8Array(100) };
    const rect = { x: 0, y: 0, width: 10, height: 10 };
    for (let i = 0; i < 10; i++) {
      history.push({ kind: 'patch', label: `step ${i}`, rect, before: new Uint8Array(100).fill(i), after: new Uint8Array(100).fill(i + 1) });
    }
    expect(history.size).toBe(5);
    let undone = 0;
    while (history.undo(mask)) undone++;
    expect(undone).toBe(5);
    expect(mask.data[0]).toBe(5);
  });
});
