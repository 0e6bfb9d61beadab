import { useRef, useState } from 'react';
import { FeatherField } from '../params/FeatherField';
import { useFeatherRadius } from '../params/useFeatherRadius';
import { controlClass, labelClass, sliderClass } from '../ui/fieldStyles';
import { PanelButton } from '../ui/IconButton';
import { BrushSettings } from './BrushSettings';
import { clear, exportMask, grow, importMask, invert, shrink } from './maskActions';
import { setOverlay, useEditor } from './store';
import { SubjectSelection } from './SubjectSelection';

/** Everything about the mask: brush, feather, overlay look, whole-mask operations. */
export function MaskPanel() {
  const hasImage = useEditor((s) => s.image !== null);
  const busy = useEditor((s) => s.busy);
  const overlay = useEditor((s) => s.overlay);
  const feather = useFeatherRadius();
  const [amount, setAmount] = useState('8');
  const importInput = useRef<HTMLInputElement>(null);
  const px = Number(amount);
  const amountValid = Number.isInteger(px) && px >= 1 && px <= 512;
  const disabled = !hasImage || busy !== null;

  return (
    <section aria-labelledby="mask-heading" className="flex flex-col gap-4 border-b border-neutral-800 p-4">
      <h2 id="mask-heading" className="text-sm font-semibold">
        Mask
      </h2>
      <SubjectSelection disabled={!hasImage} />
      <BrushSettings />
      <FeatherField />

      <div className="grid grid-cols-2 gap-2">
        <PanelButton disabled={disabled} onClick={invert}>
          Invert mask
        </PanelButton>
        <PanelButton disabled={disabled} onClick={clear}>
          Clear mask
        </PanelButton>
      </div>

      <div className="flex flex-col gap-1">
        <label htmlFor="grow-amount" className={labelClass}>
          Grow or shrink by (px)
        </label>
        <div className="flex items-center gap-2">
          <input
            id="grow-amount"
            type="number"
            min={1}
            max={512}
            value={amount}
            aria-invalid={!amountValid || undefined}
            onChange={(e) => setAmount(e.target.value)}
            className={`${controlClass(!amountValid)} w-16 text-right tabular-nums`}
          />
          <PanelButton disabled={disabled || !amountValid} onClick={() => void grow(px)}>
            Grow mask
          </PanelButton>
          <PanelButton disabled={disabled || !amountValid} onClick={() => void shrink(px)}>
            Shrink mask
          </PanelButton>
        </div>
        {!amountValid && <p className="text-xs text-red-400">Use a whole number of pixels from 1 to 512.</p>}
      </div>

      <div className="grid grid-cols-2 gap-2">
        <PanelButton disabled={disabled} onClick={() => importInput.current?.click()}>
          Import mask
        </PanelButton>
        <PanelButton disabled={disabled} onClick={() => void exportMask(feather ?? 0)}>
          Export mask
        </PanelButton>
        <input
          ref={importInput}
          type="file"
          accept="image/*"
          aria-label="Import mask file"
          className="hidden"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importMask(file);
          }}
        />
      </div>

      <fieldset className="flex flex-col gap-2">
        <legend className={`${labelClass} mb-1`}>Overlay</legend>
        <div className="flex items-center gap-3">
          <input
            type="color"
            aria-label="Mask colour"
            value={overlay.colour}
            onChange={(e) => setOverlay({ colour: e.target.value })}
            className="h-7 w-9 cursor-pointer rounded border border-neutral-700 bg-transparent"
          />
          <input
            type="range"
            aria-label="Mask opacity"
            min={5}
            max={100}
            value={Math.round(overlay.opacity * 100)}
            onChange={(e) => setOverlay({ opacity: Number(e.target.value) / 100 })}
            className={sliderClass}
          />
          <label className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={overlay.visible} onChange={(e) => setOverlay({ visible: e.target.checked })} />
            Show mask
          </label>
        </div>
      </fieldset>
    </section>
  );
}
