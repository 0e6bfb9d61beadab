import { useId } from 'react';
import { MAX_ADD_ONS } from '../jobs/params';
import type { DraftAddOn } from '../jobs/validateParams';
import { controlClass, labelClass } from '../ui/fieldStyles';
import { PanelButton } from '../ui/IconButton';
import { FieldError } from './FieldError';
import { useParams } from './paramsStore';

export interface AddOnsFieldProps {
  field: 'loras' | 'embeddings';
  /** "LoRA" or "Embedding": names the rows and buttons. */
  noun: string;
  max: number;
  error?: string;
}

/** A list of style add-ons (a provider's LoRAs or embeddings): an id or URL and a weight each. */
export function AddOnsField({ field, noun, max, error }: AddOnsFieldProps) {
  const id = useId();
  const items = useParams((s) => s.draft[field]);
  const setField = useParams((s) => s.setField);
  const update = (index: number, patch: Partial<DraftAddOn>) => setField(field, items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const limit = Math.min(max, MAX_ADD_ONS);
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className={`${labelClass} mb-1`}>{noun}s</legend>
      {items.map((item, index) => (
        <div key={index} className="flex items-center gap-2">
          <input
            type="text"
            aria-label={`${noun} ${index + 1} id or URL`}
            placeholder="id or URL"
            value={item.model}
            onChange={(e) => update(index, { model: e.target.value })}
            className={`${controlClass()} min-w-0 flex-1`}
          />
          <input
            type="text"
            inputMode="decimal"
            aria-label={`${noun} ${index + 1} weight`}
            value={item.weight}
            onChange={(e) => update(index, { weight: e.target.value })}
            className={`${controlClass()} w-14 text-right tabular-nums`}
          />
          <button
            type="button"
            aria-label={`Remove ${noun} ${index + 1}`}
            onClick={() => setField(field, items.filter((_, i) => i !== index))}
            className="px-1 text-lg leading-none text-neutral-400 hover:text-white"
          >
            ×
          </button>
        </div>
      ))}
      {items.length < limit && (
        <PanelButton className="self-start" onClick={() => setField(field, [...items, { model: '', weight: '1' }])}>
          Add {noun}
        </PanelButton>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
