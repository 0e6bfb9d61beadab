import { maskDoc } from '../editor/session';
import { useEditor, type EditorState, type OverlaySettings, type Tool } from '../editor/store';
import type { View } from '../editor/view';
import { showError } from '../notices/notices';
import { useParams } from '../params/paramsStore';
import { openSessionDb } from '../storage/db';
import { deflateMask } from '../storage/deflate';

export type SessionKey = 'image' | 'mask' | 'params' | 'editor';

export interface SavedImage {
  blob: Blob;
  name: string;
  width: number;
  height: number;
}

export interface SavedEditor {
  tool: Tool;
  brushSize: number;
  brushHardness: number;
  overlay: OverlaySettings;
  view: View | null;
  engineId: string;
}

export function storageErrorMessage(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const why =
    name === 'QuotaExceededError'
      ? "this browser's storage for the site is full"
      : `the browser refused to store it (${name || String(error)})`;
  return `Couldn't save your work: ${why}. Everything is still open in this tab; export the mask, or free some space, to keep it across a reload.`;
}

const editorSnapshot = (s: EditorState, engineId = useParams.getState().engineId): SavedEditor => ({
  tool: s.tool,
  brushSize: s.brushSize,
  brushHardness: s.brushHardness,
  overlay: s.overlay,
  view: s.view,
  engineId,
});

/**
 * Saves the session to IndexedDB as the user works: each part (image, mask, parameters,
 * editor settings and view) is written as soon as it changes, one write per part at a
 * time, so a closed tab or a crash loses at most the write under way. Failures are shown.
 */
export function startAutosave() {
  const savers: Record<SessionKey, () => Promise<unknown>> = {
    image: saveImage,
    mask: saveMask,
    params: () => put('params', useParams.getState().draft),
    editor: () => put('editor', editorSnapshot(useEditor.getState())),
  };
  const writing = new Set<SessionKey>();
  const writeAgain = new Set<SessionKey>();
  let failed = false;

  function save(key: SessionKey) {
    if (useEditor.getState().saveStatus !== 'pending') useEditor.setState({ saveStatus: 'pending' });
    if (writing.has(key)) writeAgain.add(key);
    else write(key);
  }

  function write(key: SessionKey) {
    writing.add(key);
    savers[key]()
      .then(() => (failed = false))
      .catch((error: unknown) => {
        failed = true;
        showError(storageErrorMessage(error));
      })
      .finally(() => {
        writing.delete(key);
        if (writeAgain.delete(key)) write(key);
        else if (writing.size === 0) useEditor.setState({ saveStatus: failed ? 'failed' : 'saved' });
      });
  }

  const unsubscribers = [
    maskDoc.subscribe(() => {
      if (!maskDoc.isStroking) save('mask');
    }),
    useParams.subscribe((state, previous) => {
      if (state.draft !== previous.draft) save('params');
      if (state.engineId !== previous.engineId) save('editor');
    }),
    useEditor.subscribe((state, previous) => {
      if (state.image !== previous.image) save('image');
      const a = editorSnapshot(state);
      const b = editorSnapshot(previous);
      if ((Object.keys(a) as (keyof SavedEditor)[]).some((k) => a[k] !== b[k])) save('editor');
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}

async function put(key: SessionKey, value: unknown) {
  const db = await openSessionDb();
  await db.put('session', value, key);
}

async function saveImage() {
  const image = useEditor.getState().image;
  if (!image) return;
  const saved: SavedImage = { blob: image.blob, name: image.name, width: image.width, height: image.height };
  await put('image', saved);
}

async function saveMask() {
  if (!useEditor.getState().image) return;
  await put('mask', await deflateMask(maskDoc.mask));
}
