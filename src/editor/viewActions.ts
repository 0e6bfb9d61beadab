import { useEditor } from './store';
import { actualSizeView, fitView, zoomAt } from './view';

function canvasSize() {
  const element = document.querySelector('[aria-label="Canvas"]');
  const rect = element?.getBoundingClientRect();
  return { width: rect?.width ?? 0, height: rect?.height ?? 0 };
}

export function zoomToFit() {
  const { image } = useEditor.getState();
  const { width, height } = canvasSize();
  if (image && width > 0) useEditor.setState({ view: fitView(image.width, image.height, width, height) });
}

export function zoomToActualSize() {
  const { image } = useEditor.getState();
  const { width, height } = canvasSize();
  if (image && width > 0) useEditor.setState({ view: actualSizeView(image.width, image.height, width, height) });
}

/** Zoom buttons and keys zoom about the canvas centre. */
export function zoomBy(factor: number) {
  const { view } = useEditor.getState();
  const { width, height } = canvasSize();
  if (view) useEditor.setState({ view: zoomAt(view, factor, { x: width / 2, y: height / 2 }) });
}
