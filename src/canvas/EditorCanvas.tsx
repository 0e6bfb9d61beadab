import type Konva from 'konva';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Image as KonvaImage, Layer, Line, Rect, Stage } from 'react-konva';
import { openImage } from '../editor/imageActions';
import { useEditor } from '../editor/store';
import { imageFilesFrom } from '../editor/loadImage';
import { offerToBatch } from '../editor/batchOffer';
import { attachGestures } from './gestures';
import { ClickSegmentLayer } from './ClickSegmentLayer';
import { InputSurface } from './InputSurface';
import { LayerRedraw } from './layerRedraw';
import { MaskOverlay } from './maskOverlay';
import { useOverlayPainter } from './useOverlayPainter';
import { useCloseReplaced } from '../ui/useCloseReplaced';
import { useElementSize } from './useElementSize';
import { useResults } from '../results/resultsStore';
import { useSelectedResultBitmap } from '../results/useSelectedResult';
import { fitView, zoomAt, type View } from '../editor/view';

const sameView = (a: View, b: View) => Math.abs(a.scale / b.scale - 1) < 1e-6 && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;

/** The image, the mask overlay and the brush cursor, under one zoom and pan. */
export function EditorCanvas() {
  const image = useEditor((s) => s.image);
  const view = useEditor((s) => s.view);
  const overlaySettings = useEditor((s) => s.overlay);
  const showOriginal = useEditor((s) => s.showOriginal);
  const comparing = useEditor((s) => s.comparing);
  const split = useResults((s) => s.split);
  const decodedResult = useSelectedResultBitmap();
  // A result of another image (the editor moved on) is not drawn over this one.
  const result = comparing && decodedResult && image && decodedResult.width === image.width && decodedResult.height === image.height ? decodedResult : null;
  const resultsOpen = useResults((s) => s.jobId !== null);
  const container = useRef<HTMLElement>(null);
  const size = useElementSize(container);
  const viewRef = useRef<View | null>(view);
  useLayoutEffect(() => {
    viewRef.current = view;
  }, [view]);

  const maskLayer = useRef<Konva.Layer>(null);
  const uiLayer = useRef<Konva.Layer>(null);
  const cursor = useRef<HTMLDivElement>(null);
  const rectanglePreview = useRef<Konva.Rect>(null);
  const lassoPreview = useRef<Konva.Line>(null);

  const overlay = useMemo(() => (image ? new MaskOverlay(image.width, image.height) : null), [image]);
  const [maskRedraw] = useState(() => new LayerRedraw());
  useEffect(() => {
    maskRedraw.drawOn(() => maskLayer.current);
    return () => maskRedraw.dispose();
  }, [maskRedraw]);
  useOverlayPainter(overlay, maskRedraw);
  useCloseReplaced(image?.bitmap);

  // A new image (or a restored one without a saved view) starts fitted to the canvas.
  useEffect(() => {
    if (image && !view && size.width > 0) useEditor.setState({ view: fitView(image.width, image.height, size.width, size.height) });
  }, [image, view, size.width, size.height]);

  // The canvas changed size (the results strip opened or closed, the window was resized):
  // a fitted photo, or any photo when the results strip came or went, is fitted again.
  const last = useRef({ ...size, resultsOpen });
  useEffect(() => {
    const before = last.current;
    last.current = { ...size, resultsOpen };
    const current = viewRef.current;
    if (!image || !current || size.width === 0 || (before.width === size.width && before.height === size.height)) return;
    const wasFitted = before.width > 0 && sameView(current, fitView(image.width, image.height, before.width, before.height));
    if (wasFitted || before.resultsOpen !== resultsOpen) useEditor.setState({ view: fitView(image.width, image.height, size.width, size.height) });
  }, [image, size, resultsOpen]);

  useEffect(() => {
    const element = container.current;
    if (!element || !image) return;
    return attachGestures({
      container: element,
      getView: () => viewRef.current,
      setView: (next) => useEditor.setState({ view: next }),
      drawMask: () => maskRedraw.flush(),
      uiLayer: () => uiLayer.current,
      cursor: () => cursor.current,
      rectanglePreview: () => rectanglePreview.current,
      lassoPreview: () => lassoPreview.current,
    });
  }, [image, maskRedraw]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const onWheel = (e: WheelEvent) => {
      const current = viewRef.current;
      if (!current) return;
      e.preventDefault();
      const bounds = element.getBoundingClientRect();
      const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      const anchor = { x: e.clientX - bounds.left, y: e.clientY - bounds.top };
      useEditor.setState({ view: zoomAt(current, Math.exp(-delta * 0.0015), anchor) });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const files = imageFilesFrom(e.dataTransfer);
    // One photo opens; several are for the Batch, which runs the recipe over each.
    if (files.length > 1) offerToBatch(files);
    else if (files.length === 1) void openImage(files[0]);
  };

  const scale = view?.scale ?? 1;
  return (
    <section
      ref={container}
      aria-label="Canvas"
      className="relative h-full w-full touch-none overflow-hidden bg-[repeating-conic-gradient(#1a1d22_0%_25%,#15171b_0%_50%)] bg-[length:24px_24px] select-none"
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
      data-scale={view?.scale}
      data-offset-x={view?.x}
      data-offset-y={view?.y}
    >
      {!image && (
        <p className="pointer-events-none absolute inset-0 flex items-center justify-center p-8 text-center text-neutral-400">
          Drop a photo here, paste one (Ctrl+V), or use Upload image.
        </p>
      )}
      {image && view && size.width > 0 && (
        <Stage width={size.width} height={size.height} scaleX={scale} scaleY={scale} x={view.x} y={view.y} listening={false}>
          <Layer imageSmoothingEnabled={scale < 2}>
            <KonvaImage image={image.bitmap} width={image.width} height={image.height} />
          </Layer>
          {result && (
            // The result left of the divider, the original right of it.
            <Layer listening={false} imageSmoothingEnabled={scale < 2} visible={!showOriginal} clipX={0} clipY={0} clipWidth={(image.width * split) / 100} clipHeight={image.height}>
              <KonvaImage image={result} width={image.width} height={image.height} />
            </Layer>
          )}
          <Layer ref={maskLayer} imageSmoothingEnabled={scale < 2} visible={overlaySettings.visible && !showOriginal && !result}>
            {overlay && <KonvaImage image={overlay.canvas} opacity={overlaySettings.opacity} />}
          </Layer>
          <ClickSegmentLayer scale={scale} />
          <Layer ref={uiLayer}>
            {result && !showOriginal && (
              <Line points={[(image.width * split) / 100, 0, (image.width * split) / 100, image.height]} stroke="#fff" strokeWidth={2} strokeScaleEnabled={false} shadowColor="#000" shadowBlur={3} />
            )}
            <Rect ref={rectanglePreview} visible={false} stroke="#fff" dash={[6, 4]} strokeWidth={1.5} strokeScaleEnabled={false} fill="rgba(255,255,255,0.12)" />
            <Line ref={lassoPreview} visible={false} closed stroke="#fff" dash={[6, 4]} strokeWidth={1.5} strokeScaleEnabled={false} fill="rgba(255,255,255,0.12)" />
          </Layer>
        </Stage>
      )}
      <InputSurface />
      {/* The brush outline, moved by a transform: following the pointer repaints no canvas. */}
      <div
        ref={cursor}
        aria-hidden
        className="pointer-events-none invisible absolute top-0 left-0 rounded-full border-[1.5px] border-white shadow-[0_0_2px_rgba(0,0,0,0.9),inset_0_0_2px_rgba(0,0,0,0.9)] will-change-transform"
      />
    </section>
  );
}
