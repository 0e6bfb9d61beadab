import { selectSubject } from '../editor/segmentActions';
import { engines } from '../engines/registry';
import type { Engine } from '../engines/contract';
import { localEngine } from '../engines/local/engine';
import { settingsFor } from '../engineSettings/store';
import { showError, showInfo } from '../notices/notices';
import { useParams } from '../params/paramsStore';
import { focusPrompt } from '../params/promptFocus';
import { currentEngine } from '../params/useEngine';
import { noPromptMessage } from './batchMessages';
import { BACKGROUND_PROMPT_EXAMPLE, replaceBackgroundFields, takesPrompt } from './recipe';

/** How an engine is named to someone choosing one for a background swap: the local engine paints from a prompt only with a diffusion model. */
function promptChoice(engine: Engine): string | null {
  if (takesPrompt(engine.meta(settingsFor(engine.id)))) return engine.label;
  return engine.id === localEngine.id ? `${engine.label} with a Stable Diffusion model` : null;
}

/**
 * The one-click preset: the background becomes the mask (the subject kept exact, its edge
 * halo repainted), full strength, no job feather, and the cursor in the Prompt box with an
 * example. With an engine that takes no prompt nothing changes: the notice says which to choose.
 */
export async function replaceBackground() {
  const { engine, meta } = currentEngine();
  if (!takesPrompt(meta)) {
    const current = engine.id === localEngine.id ? 'the chosen local model' : engine.label;
    const choices = engines.filter((e) => e.id !== engine.id || e.id === localEngine.id).map(promptChoice).filter((c): c is string => c !== null);
    showError(noPromptMessage(current, choices));
    return;
  }
  if (!(await selectSubject({ background: true, subtract: false }))) return;
  // The engine may have been changed while the subject was being found.
  const fields = replaceBackgroundFields(currentEngine().meta);
  const { setField } = useParams.getState();
  setField('feather', fields.feather);
  if (fields.strength !== undefined) setField('strength', fields.strength);
  focusPrompt(BACKGROUND_PROMPT_EXAMPLE);
  showInfo('The background is selected and the subject will stay exact: describe the new background, then Generate.');
}
