import { MaskDocument } from './maskDocument';
import { useEditor } from './store';

/** The one mask being edited in this tab. */
export const maskDoc = new MaskDocument();

maskDoc.subscribe(() => {
  const { canUndo, canRedo } = maskDoc.history;
  const state = useEditor.getState();
  if (state.canUndo !== canUndo || state.canRedo !== canRedo) useEditor.setState({ canUndo, canRedo });
});
