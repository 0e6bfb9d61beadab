import { maskDoc } from '../editor/session';
import { showError, useEditor, type EditorState } from '../editor/store';
import { useParams } from '../params/paramsStore';
import { openSessionDb, type SavedEditor, type SavedImage, type SavedMask, type SessionKey } from './db';
import { deflate } from './deflate';

const DELAY_MS = 250;

export function storageErrorMessage(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const why =
    name === 'QuotaExceededError'
      ? "this browser's storage for the site is full"
      : `the browser refused to store it (${name || String(error)})`;
  return `Couldn't save your work: ${why}. Everything is still open in this tab; export the mask, or free some space, to keep it across a reload.`;
}

const editorSnapshot = (s: EditorState): SavedEditor => ({
  tool: s.tool,
  brushSize: s.brushSize,
  brushHardness: s.brushHardness,
  overlay: s.overlay,
  view: s.view,
});

/**
 * Saves the session to IndexedDB as the user works: the image when it changes, the mask
 * after each edit, parameters and view shortly after they settle. Failures are shown.
 */
export function startAutosave() {
  const timers = new Map<SessionKey, ReturnType<typeof setTimeout>>();
  const savers: Record<SessionKey, () => Promise<unknown>> = {
    image: saveImage,
    mask: saveMask,
    params: () => put('params', useParams.getState().draft),
    editor: () => put('editor', editorSnapshot(useEditor.getState())),
  };

  let writing = 0;
  let failed = false;

  function schedule(key: SessionKey, delay = DELAY_MS) {
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => run(key), delay));
    useEditor.setState({ saveStatus: 'pending' });
  }

  function run(key: SessionKey) {
    timers.delete(key);
    writing++;
    savers[key]()
      .then(() => (failed = false))
      .catch((error: unknown) => {
        failed = true;
        showError(storageErrorMessage(error));
      })
      .finally(() => {
        writing--;
        if (writing === 0 && timers.size === 0) useEditor.setState({ saveStatus: failed ? 'failed' : 'saved' });
      });
  }

  const unsubscribers = [
    maskDoc.subscribe(() => {
      if (!maskDoc.isStroking) schedule('mask');
    }),
    useParams.subscribe(() => schedule('params')),
    useEditor.subscribe((state, previous) => {
      if (state.image !== previous.image) schedule('image', 0);
      const a = editorSnapshot(state);
      const b = editorSnapshot(previous);
      if ((Object.keys(a) as (keyof SavedEditor)[]).some((k) => a[k] !== b[k])) schedule('editor');
    }),
  ];

  // A closing tab gets the pending saves started at once.
  const flush = () => {
    for (const key of [...timers.keys()]) {
      clearTimeout(timers.get(key));
      run(key);
    }
  };
  window.addEventListener('pagehide', flush);

  return () => {
    flush();
    window.removeEventListener('pagehide', flush);
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
  const { width, height, data } = maskDoc.mask;
  if (!useEditor.getState().image) return;
  const saved: SavedMask = { width, height, deflated: await deflate(data) };
  await put('mask', saved);
}
