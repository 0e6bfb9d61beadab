import { useSubjectSelection } from '../editor/segmentActions';
import { useEditor } from '../editor/store';
import { PanelButton } from '../ui/IconButton';
import { BatchPanel } from './BatchPanel';
import { replaceBackground } from './replaceBackground';

/** Background swap for product photos: the one-click preset, and the same recipe over a batch. */
export function BackgroundSwapPanel() {
  const editing = useEditor((s) => s.image === null || s.busy !== null);
  const selecting = useSubjectSelection((s) => s.running !== null);
  const disabled = editing || selecting;
  return (
    <section aria-labelledby="swap-heading" className="flex flex-col gap-3 border-b border-neutral-800 p-4">
      <h2 id="swap-heading" className="text-sm font-semibold">
        Background swap
      </h2>
      <PanelButton disabled={disabled} onClick={() => void replaceBackground()}>
        Replace background
      </PanelButton>
      <p className="text-xs text-neutral-500">Selects the background, keeps the subject exact, and readies the prompt.</p>
      <BatchPanel />
    </section>
  );
}
