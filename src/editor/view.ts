import type { Point } from '../mask/types';

/** Where the image sits on the stage: screen = image * scale + offset. */
export interface View {
  scale: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 32;

const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** The whole image, centred, with a margin; never enlarged past 100%. */
export function fitView(imageW: number, imageH: number, stageW: number, stageH: number, margin = 24): View {
  const scale = clampScale(Math.min(1, (stageW - 2 * margin) / imageW, (stageH - 2 * margin) / imageH));
  return centred(imageW, imageH, stageW, stageH, scale);
}

/** 100%: one image pixel per screen pixel, centred. */
export function actualSizeView(imageW: number, imageH: number, stageW: number, stageH: number): View {
  return centred(imageW, imageH, stageW, stageH, 1);
}

function centred(imageW: number, imageH: number, stageW: number, stageH: number, scale: number): View {
  return { scale, x: Math.round((stageW - imageW * scale) / 2), y: Math.round((stageH - imageH * scale) / 2) };
}

/** Zoom by `factor` keeping the image point under `anchor` (screen px) where it is. */
export function zoomAt(view: View, factor: number, anchor: Point): View {
  const scale = clampScale(view.scale * factor);
  const k = scale / view.scale;
  return { scale, x: anchor.x - (anchor.x - view.x) * k, y: anchor.y - (anchor.y - view.y) * k };
}

export function screenToImage(view: View, p: Point): Point {
  return { x: (p.x - view.x) / view.scale, y: (p.y - view.y) / view.scale };
}

export function imageToScreen(view: View, p: Point): Point {
  return { x: p.x * view.scale + view.x, y: p.y * view.scale + view.y };
}
