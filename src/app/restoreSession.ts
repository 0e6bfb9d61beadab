import { setImage } from '../editor/imageActions';
import { restoreImage } from '../editor/loadImage';
import { defaultEditorSettings, useEditor } from '../editor/store';
import { showError } from '../notices/notices';
import { engineById } from '../engines/registry';
import { useParams } from '../params/paramsStore';
import { openSessionDb } from '../storage/db';
import { inflateMask, type DeflatedMask } from '../storage/deflate';
import type { SavedEditor, SavedImage } from './autosave';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Brings back the last session (image, mask, parameters, view) after a reload or a crash. */
export async function restoreSession() {
  useEditor.setState({ busy: 'Restoring your last session' });
  try {
    const db = await openSessionDb();
    const [image, mask, params, editor] = await Promise.all([
      db.get('session', 'image') as Promise<SavedImage | undefined>,
      db.get('session', 'mask') as Promise<DeflatedMask | undefined>,
      db.get('session', 'params'),
      db.get('session', 'editor') as Promise<SavedEditor | undefined>,
    ]);
    if (params !== undefined) useParams.getState().replaceDraft(params);
    if (isObject(editor)) restoreEditorSettings(editor);
    if (image?.blob) await restoreImageAndMask(image, mask, isObject(editor) ? editor.view : null);
  } catch (error) {
    showError(`Your last session couldn't be restored (${error instanceof Error ? error.message : String(error)}). You can start again with a new image.`);
  } finally {
    useEditor.setState({ busy: null });
  }
}

async function restoreImageAndMask(saved: SavedImage, mask: DeflatedMask | undefined, view: SavedEditor['view'] | null) {
  const result = await restoreImage(saved.blob, saved.name, saved.width, saved.height);
  if (!result.ok) {
    showError(`The image of your last session (“${saved.name}”) couldn't be read back. Please upload it again.`);
    return;
  }
  // The user opened another image while this one was loading: theirs wins.
  if (useEditor.getState().image) {
    result.image.bitmap.close();
    return;
  }
  const { image } = result;
  const restored = mask && mask.width === image.width && mask.height === image.height ? await inflateMask(mask) : null;
  setImage(image, restored?.data);
  if (view && [view.scale, view.x, view.y].every(Number.isFinite) && view.scale > 0) useEditor.setState({ view });
}

function restoreEditorSettings(saved: Partial<SavedEditor>) {
  const d = defaultEditorSettings;
  useEditor.setState({
    tool: ['brush', 'eraser', 'rectangle', 'lasso', 'segment'].includes(saved.tool as string) ? saved.tool! : d.tool,
    brushSize: typeof saved.brushSize === 'number' ? saved.brushSize : d.brushSize,
    brushHardness: typeof saved.brushHardness === 'number' ? saved.brushHardness : d.brushHardness,
    overlay: isObject(saved.overlay) ? { ...d.overlay, ...saved.overlay } : d.overlay,
  });
  // The saved parameters belong to this engine: restored as they were, not adapted.
  if (typeof saved.engineId === 'string' && engineById(saved.engineId)) useParams.setState({ engineId: saved.engineId });
}
