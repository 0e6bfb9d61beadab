import { useEffect } from 'react';
import { heldKeys } from '../canvas/heldKeys';
import { zoomBy, zoomToActualSize, zoomToFit } from '../editor/viewActions';
import { openImage, redo, undo } from '../editor/imageActions';
import { setTool, stepBrushSize, useEditor } from '../editor/store';
import { imageFilesFrom } from '../editor/loadImage';
import { findJobRecord } from '../jobs/records';
import { stepResult, useResults } from '../results/resultsStore';

// Sliders, checkboxes and buttons keep the shortcuts; fields that take text do not.
const nonTextInputs = new Set(['range', 'checkbox', 'radio', 'color', 'button', 'submit', 'file']);
const typingInto = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !nonTextInputs.has(target.type)));

const toolKeys = { b: 'brush', e: 'eraser', r: 'rectangle', l: 'lasso', s: 'segment' } as const;

/** Keyboard shortcuts of the editor, and paste of an image from the clipboard. */
export function useShortcuts() {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (typingInto(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z') {
        e.preventDefault();
        void (e.shiftKey ? redo() : undo());
      } else if (mod && key === 'y') {
        e.preventDefault();
        void redo();
      } else if (mod && (key === '0' || key === '1')) {
        e.preventDefault();
        if (key === '0') zoomToFit();
        else zoomToActualSize();
      } else if (mod && (key === '=' || key === '+' || key === '-')) {
        e.preventDefault();
        zoomBy(key === '-' ? 1 / 1.25 : 1.25);
      } else if (mod || e.altKey) {
        return;
      } else if (key === '[' || key === ']') {
        stepBrushSize(key === ']' ? 1 : -1);
      } else if (key in toolKeys) {
        setTool(toolKeys[key as keyof typeof toolKeys]);
      } else if (key === 'o') {
        useEditor.setState({ showOriginal: true });
      } else if ((key === 'arrowleft' || key === 'arrowright') && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement)) {
        // Left/right go through the variations on show (sliders keep their own arrows).
        const job = findJobRecord(useResults.getState().jobId ?? '');
        if (!job?.results.length) return;
        e.preventDefault();
        stepResult(key === 'arrowright' ? 1 : -1, job.results.length);
      } else if (key === 'escape') {
        zoomToFit();
      } else if (key === ' ') {
        e.preventDefault();
        heldKeys.space = true;
      }
    };
    const onKeyUp = (e: KeyboardEvent) => {
      const key = e.key.toLowerCase();
      if (key === 'o') useEditor.setState({ showOriginal: false });
      if (key === ' ') heldKeys.space = false;
    };
    const onBlur = () => {
      heldKeys.space = false;
      useEditor.setState({ showOriginal: false });
    };
    const onPaste = (e: ClipboardEvent) => {
      if (typingInto(e.target)) return;
      const [file] = imageFilesFrom(e.clipboardData);
      if (!file) return;
      e.preventDefault();
      void openImage(file);
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('paste', onPaste);
    };
  }, []);
}
