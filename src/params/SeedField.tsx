import { rollSeed } from '../jobs/params';
import { NumberField } from './NumberField';
import { useParams } from './paramsStore';
import { useNumericParam } from './useNumericParam';

/** Seed input, a button that rolls a new one, and the per-job random seed switch. */
export function SeedField({ disabledNoteId }: { disabledNoteId?: string }) {
  const seed = useNumericParam('seed');
  const randomSeed = useParams((state) => state.draft.randomSeed);
  const setField = useParams((state) => state.setField);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <NumberField {...seed} disabledNoteId={disabledNoteId} />
        </div>
        <button
          type="button"
          aria-label="New seed"
          title="New seed"
          disabled={seed.disabled}
          onClick={() => seed.onChange(String(rollSeed(Math.random, seed.range.max)))}
          className="mt-5 rounded-md border border-neutral-700 bg-[#111316] px-2 py-2 text-sm text-neutral-200 hover:border-[#4f8cff] focus:outline-none focus-visible:ring-2 focus-visible:ring-[#4f8cff] disabled:opacity-50"
        >
          {/* SVG, not an emoji: emoji fonts are missing on some systems. */}
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="currentColor">
            <rect x="1.5" y="1.5" width="13" height="13" rx="2.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <circle cx="5" cy="5" r="1.2" />
            <circle cx="11" cy="5" r="1.2" />
            <circle cx="8" cy="8" r="1.2" />
            <circle cx="5" cy="11" r="1.2" />
            <circle cx="11" cy="11" r="1.2" />
          </svg>
        </button>
      </div>
      <label className={`flex items-center gap-2 text-sm text-neutral-200 ${seed.disabled ? 'opacity-50' : ''}`}>
        <input
          type="checkbox"
          checked={randomSeed}
          disabled={seed.disabled}
          onChange={(event) => setField('randomSeed', event.target.checked)}
          className="size-4 accent-[#4f8cff]"
        />
        Random seed
      </label>
      {randomSeed && !seed.disabled && <p className="text-xs text-neutral-500">Each job picks a fresh seed.</p>}
    </div>
  );
}
