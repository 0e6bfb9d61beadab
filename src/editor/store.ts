import { create } from 'zustand';
import type { LoadedImage } from './loadImage';
import type { View } from './view';

export type Tool = 'brush' | 'eraser' | 'rectangle' | 'lasso' | 'segment';

export interface OverlaySettings {
  colour: string;
  opacity: number;
  visible: boolean;
}

export const BRUSH_MIN = 1;
export const BRUSH_MAX = 1000;

/** Editor state that React renders. The mask pixels live in MaskDocument, not here. */
export interface EditorState {
  image: LoadedImage | null;
  tool: Tool;
  brushSize: number;
  brushHardness: number;
  overlay: OverlaySettings;
  /** Hold-to-compare: hides the mask overlay. */
  showOriginal: boolean;
  /** A result is shown over the photo with a before/after divider: drags move the divider, the brush rests. */
  comparing: boolean;
  /** Null until the canvas has fitted the image. */
  view: View | null;
  canUndo: boolean;
  canRedo: boolean;
  /** Long mask operations (grow, import...) in flight. */
  busy: string | null;
  /** Autosave to this browser: 'pending' while edits wait to be written. */
  saveStatus: 'idle' | 'pending' | 'saved' | 'failed';
}

export const defaultEditorSettings = {
  tool: 'brush' as Tool,
  brushSize: 60,
  brushHardness: 0.8,
  overlay: { colour: '#ff3b6b', opacity: 0.55, visible: true },
};

export const useEditor = create<EditorState>()(() => ({
  image: null,
  ...defaultEditorSettings,
  showOriginal: false,
  comparing: false,
  view: null,
  canUndo: false,
  canRedo: false,
  busy: null,
  saveStatus: 'idle',
}));

export const clampBrushSize = (size: number) => Math.round(Math.min(BRUSH_MAX, Math.max(BRUSH_MIN, size)));

/** Choosing a mask tool ends a comparison first: no stroke is ever painted out of sight. */
export function setTool(tool: Tool) {
  useEditor.setState({ tool, comparing: false });
}

export function setBrushSize(size: number) {
  if (Number.isFinite(size)) useEditor.setState({ brushSize: clampBrushSize(size) });
}

/** `[` and `]`: steps proportional to the size, as in Photoshop. */
export function stepBrushSize(direction: 1 | -1) {
  const size = useEditor.getState().brushSize;
  const step = Math.max(1, Math.round(size * 0.1));
  setBrushSize(size + direction * step);
}

export function setOverlay(patch: Partial<OverlaySettings>) {
  useEditor.setState((s) => ({ overlay: { ...s.overlay, ...patch } }));
}
