import { useEffect } from 'react';
import { maskDoc } from '../editor/session';
import { useEditor } from '../editor/store';
import { numericFieldError, parseNumber, type ParamsDraft } from '../jobs/validateParams';
import { useParams } from '../params/paramsStore';
import type { LayerRedraw } from './layerRedraw';
import type { MaskOverlay } from './maskOverlay';
import { OverlayPainter } from './overlayPainter';

// While the Feather field holds an invalid value, the preview keeps the last valid one.
const validFeather = (draft: ParamsDraft) => (numericFieldError('feather', draft.feather) ? null : parseNumber(draft.feather));

/** Keeps `overlay` painted from the mask, in the chosen colour, with the feather previewed. */
export function useOverlayPainter(overlay: MaskOverlay | null, redraw: LayerRedraw) {
  useEffect(() => {
    if (!overlay) return;
    const painter = new OverlayPainter(maskDoc, overlay, (rect) => redraw.request(rect), {
      colour: useEditor.getState().overlay.colour,
      feather: validFeather(useParams.getState().draft) ?? 0,
    });
    const unsubscribers = [
      useEditor.subscribe((state, previous) => {
        if (state.overlay.colour !== previous.overlay.colour) painter.setColour(state.overlay.colour);
      }),
      useParams.subscribe((state) => {
        const feather = validFeather(state.draft);
        if (feather !== null) painter.setFeather(feather);
      }),
    ];
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
      painter.dispose();
    };
  }, [overlay, redraw]);
}
