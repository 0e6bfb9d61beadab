import { useEffect } from 'react';
import { useEditor } from '../store';
import { applyProposal, dropProposal, prepareClickSegment, undoSegmentPoint } from './actions';
import { useClickSegment } from './store';

// Fields that take text keep their keys.
const typingInto = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && !['range', 'checkbox', 'button'].includes(target.type)));

/**
 * The tool's keys while it has clicks (Enter applies, Alt+Enter subtracts, Esc drops, Ctrl+Z
 * takes back the last click), ahead of the editor's shortcuts; and its clicks dropped when
 * the photo or the tool changes.
 */
export function useClickSegmentTool() {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (useEditor.getState().tool !== 'segment' || !useClickSegment.getState().points.length || typingInto(e.target)) return;
      const undoKey = (e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z';
      if (e.key === 'Enter') applyProposal(e.altKey ? 'subtract' : 'add');
      else if (e.key === 'Escape') dropProposal();
      else if (undoKey) undoSegmentPoint();
      else return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKeyDown, true);
    const stop = useEditor.subscribe((state, before) => {
      if (state.image !== before.image || (before.tool === 'segment' && state.tool !== 'segment')) dropProposal();
      if (state.tool === 'segment' && (state.image !== before.image || before.tool !== 'segment')) prepareClickSegment();
    });
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      stop();
    };
  }, []);
}
