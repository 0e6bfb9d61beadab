import type Konva from 'konva';
import { unionRect, type Point, type Rect } from '../mask/types';
import { addSegmentPoint } from '../editor/clickSegment/actions';
import { maskDoc } from '../editor/session';
import { useEditor } from '../editor/store';
import { setSplit } from '../results/resultsStore';
import { CursorRing } from './cursorRing';
import { heldKeys } from './heldKeys';
import { screenToImage, type View } from '../editor/view';

type Mode = 'paint' | 'erase';

type Gesture =
  | { kind: 'stroke'; mode: Mode; last: Point | null; queue: Point[] }
  | { kind: 'rectangle'; mode: Mode; start: Point; end: Point }
  | { kind: 'lasso'; mode: Mode; points: Point[] }
  | { kind: 'pan'; start: Point; startView: View }
  /** Comparing a result: a drag moves the before/after divider, never the mask. */
  | { kind: 'divider' };

/** What the gestures draw on. */
export interface GestureTargets {
  container: HTMLElement;
  getView(): View | null;
  setView(view: View): void;
  /** Draws the mask changes requested so far now, in the frame under way. */
  drawMask(): void;
  uiLayer(): Konva.Layer | null;
  cursor(): HTMLElement | null;
  rectanglePreview(): Konva.Rect | null;
  lassoPreview(): Konva.Line | null;
}

/**
 * Mouse, pen and touch on the canvas: painting, rectangle and lasso fills, panning.
 * Pointer moves are only queued; they are read, painted and drawn once per frame, so the
 * browser gets each move handled at once and the next one is not kept waiting.
 */
export function attachGestures(t: GestureTargets): () => void {
  let gesture: Gesture | null = null;
  let frame = 0;
  let bounds = t.container.getBoundingClientRect();
  let pointer: Point | null = null;
  let moves: PointerEvent[] = [];
  let previewsShown = false;
  const ring = new CursorRing(t.cursor);

  const local = (e: PointerEvent | MouseEvent): Point => ({ x: e.clientX - bounds.left, y: e.clientY - bounds.top });
  const toImage = (p: Point) => screenToImage(t.getView()!, p);

  function scheduleFrame() {
    if (!frame) frame = requestAnimationFrame(drawFrame);
  }

  function drawFrame() {
    frame = 0;
    const started = performance.now();
    applyMoves();
    if (gesture?.kind === 'stroke') paintQueued(gesture);
    updateCursor();
    updatePreviews();
    performance.measure('paint-frame', { start: started });
  }

  /** The moves queued since the last frame, into the gesture under way. */
  function applyMoves() {
    if (!moves.length) return;
    const events = moves;
    moves = [];
    pointer = local(events[events.length - 1]);
    if (gesture?.kind === 'pan') {
      const { start, startView } = gesture;
      t.setView({ ...startView, x: startView.x + pointer.x - start.x, y: startView.y + pointer.y - start.y });
    } else if (gesture?.kind === 'divider') {
      moveDivider();
    } else if (gesture?.kind === 'stroke') {
      // Coalesced events keep fast strokes smooth at 60 Hz.
      for (const e of events) {
        const coalesced = e.getCoalescedEvents?.() ?? [];
        for (const event of coalesced.length ? coalesced : [e]) gesture.queue.push(toImage(local(event)));
      }
    } else if (gesture?.kind === 'rectangle') {
      gesture.end = toImage(pointer);
    } else if (gesture?.kind === 'lasso') {
      for (const e of events) gesture.points.push(toImage(local(e)));
    }
  }

  function moveDivider() {
    const image = useEditor.getState().image;
    if (image && pointer) setSplit((toImage(pointer).x / image.width) * 100);
  }

  function paintQueued(stroke: Extract<Gesture, { kind: 'stroke' }>) {
    if (!stroke.queue.length) return;
    const { brushSize, brushHardness } = useEditor.getState();
    const brush = { size: brushSize, hardness: brushHardness, mode: stroke.mode };
    let dirty: Rect | null = null;
    for (const point of stroke.queue) {
      const rect = maskDoc.strokeSegment(stroke.last ?? point, point, brush);
      if (rect.width > 0 && rect.height > 0) dirty = unionRect(dirty, rect);
      stroke.last = point;
    }
    stroke.queue = [];
    if (dirty) {
      maskDoc.notifyStroke(dirty);
      t.drawMask();
    }
  }

  function updateCursor() {
    const { tool, brushSize, comparing } = useEditor.getState();
    const view = t.getView();
    const brushTool = (tool === 'brush' || tool === 'eraser') && !comparing;
    const visible = brushTool && view !== null && gesture?.kind !== 'pan' && !heldKeys.space;
    ring.place(visible ? pointer : null, (brushSize / 2) * (view?.scale ?? 1));
  }

  function updatePreviews() {
    const showing = gesture?.kind === 'rectangle' || gesture?.kind === 'lasso';
    // The layer holds only these previews: with none shown before or now, it has nothing to redraw.
    if (!showing && !previewsShown) return;
    previewsShown = showing;
    const rectangle = t.rectanglePreview();
    if (rectangle) {
      rectangle.visible(gesture?.kind === 'rectangle');
      if (gesture?.kind === 'rectangle') rectangle.setAttrs(normalise(gesture.start, gesture.end));
    }
    const lasso = t.lassoPreview();
    if (lasso) {
      lasso.visible(gesture?.kind === 'lasso');
      if (gesture?.kind === 'lasso') lasso.points(gesture.points.flatMap((p) => [p.x, p.y]));
    }
    t.uiLayer()?.draw();
  }

  function onPointerDown(e: PointerEvent) {
    const view = t.getView();
    if (!view || !useEditor.getState().image || gesture) return;
    bounds = t.container.getBoundingClientRect();
    pointer = local(e);
    // Moves queued before the press are not part of the gesture.
    moves = [];
    const panning = e.button === 1 || (e.button === 0 && heldKeys.space);
    if (!panning && e.button !== 0 && e.button !== 2) return;
    e.preventDefault();
    t.container.setPointerCapture(e.pointerId);
    if (panning) {
      gesture = { kind: 'pan', start: pointer, startView: view };
      t.container.style.cursor = 'grabbing';
      return;
    }
    const { tool, comparing } = useEditor.getState();
    if (comparing) {
      gesture = { kind: 'divider' };
      moveDivider();
      return;
    }
    // Right button or Alt takes away instead of adding.
    const subtract = e.button === 2 || e.altKey;
    const point = toImage(pointer);
    if (tool === 'segment') {
      addSegmentPoint(point, !subtract);
      return;
    }
    if (tool === 'brush' || tool === 'eraser') {
      maskDoc.beginStroke();
      gesture = { kind: 'stroke', mode: tool === 'eraser' || subtract ? 'erase' : 'paint', last: null, queue: [point] };
    } else if (tool === 'rectangle') {
      gesture = { kind: 'rectangle', mode: subtract ? 'erase' : 'paint', start: point, end: point };
    } else {
      gesture = { kind: 'lasso', mode: subtract ? 'erase' : 'paint', points: [point] };
    }
    scheduleFrame();
  }

  function onPointerMove(e: PointerEvent) {
    moves.push(e);
    if (t.getView()) scheduleFrame();
  }

  function onPointerUp(e: PointerEvent) {
    if (!gesture) return;
    if (t.container.hasPointerCapture(e.pointerId)) t.container.releasePointerCapture(e.pointerId);
    finish();
  }

  function finish() {
    const done = gesture;
    if (!done) return;
    applyMoves();
    if (done.kind === 'stroke') {
      paintQueued(done);
      gesture = null;
      maskDoc.endStroke(done.mode === 'paint' ? 'Brush stroke' : 'Eraser stroke');
    } else {
      gesture = null;
      if (done.kind === 'rectangle') {
        const rect = normalise(done.start, done.end);
        if (rect.width > 0 && rect.height > 0) maskDoc.fillRect(rect, done.mode);
      } else if (done.kind === 'lasso' && done.points.length >= 3) {
        maskDoc.fillLasso(done.points, done.mode);
      }
    }
    updateCursorStyle();
    scheduleFrame();
  }

  /** Escape: the gesture under way leaves no trace. */
  function cancel() {
    moves = [];
    if (gesture?.kind === 'stroke') maskDoc.cancelStroke();
    if (gesture?.kind === 'pan') t.setView(gesture.startView);
    gesture = null;
    scheduleFrame();
  }

  function updateCursorStyle() {
    const { tool, comparing } = useEditor.getState();
    const brushTool = tool === 'brush' || tool === 'eraser';
    t.container.style.cursor = heldKeys.space ? 'grab' : comparing ? 'ew-resize' : brushTool ? 'none' : 'crosshair';
  }

  const onEnter = () => {
    bounds = t.container.getBoundingClientRect();
  };
  const onLeave = () => {
    applyMoves();
    pointer = null;
    scheduleFrame();
  };
  const onContextMenu = (e: MouseEvent) => e.preventDefault();
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && gesture) {
      e.stopImmediatePropagation();
      cancel();
    }
    if (e.key === ' ') {
      updateCursorStyle();
      scheduleFrame();
    }
  };
  const unsubscribe = useEditor.subscribe((state, previous) => {
    const looks = state.tool !== previous.tool || state.brushSize !== previous.brushSize || state.comparing !== previous.comparing;
    if (looks) updateCursorStyle();
    // The ring's size and place follow the tool, the brush, the comparison and the zoom.
    if (looks || state.view !== previous.view) scheduleFrame();
  });

  const c = t.container;
  c.addEventListener('pointerdown', onPointerDown);
  c.addEventListener('pointermove', onPointerMove);
  c.addEventListener('pointerup', onPointerUp);
  c.addEventListener('pointercancel', cancel);
  c.addEventListener('pointerenter', onEnter);
  c.addEventListener('pointerleave', onLeave);
  c.addEventListener('contextmenu', onContextMenu);
  window.addEventListener('keydown', onKey, true);
  window.addEventListener('keyup', onKey, true);
  updateCursorStyle();
  return () => {
    cancelAnimationFrame(frame);
    cancel();
    unsubscribe();
    c.removeEventListener('pointerdown', onPointerDown);
    c.removeEventListener('pointermove', onPointerMove);
    c.removeEventListener('pointerup', onPointerUp);
    c.removeEventListener('pointercancel', cancel);
    c.removeEventListener('pointerenter', onEnter);
    c.removeEventListener('pointerleave', onLeave);
    c.removeEventListener('contextmenu', onContextMenu);
    window.removeEventListener('keydown', onKey, true);
    window.removeEventListener('keyup', onKey, true);
  };
}

function normalise(a: Point, b: Point): Rect {
  const x = Math.round(Math.min(a.x, b.x));
  const y = Math.round(Math.min(a.y, b.y));
  return { x, y, width: Math.round(Math.max(a.x, b.x)) - x, height: Math.round(Math.max(a.y, b.y)) - y };
}
