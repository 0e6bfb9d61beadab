// Shared Tailwind classes so every control in the panel looks the same.
export const labelClass = 'text-xs font-medium text-neutral-300';

const controlBase =
  'rounded-md border bg-[#111316] px-2 py-1.5 text-sm text-neutral-100 ' +
  'focus:outline-none focus-visible:ring-2 focus-visible:ring-[#4f8cff] ' +
  'disabled:cursor-not-allowed disabled:opacity-50';

export function controlClass(invalid = false): string {
  return `${controlBase} ${invalid ? 'border-red-500' : 'border-neutral-700 focus:border-[#4f8cff]'}`;
}

export const errorClass = 'text-xs text-red-400';

export const sliderClass = 'h-1.5 min-w-0 flex-1 cursor-pointer accent-[#4f8cff]';
