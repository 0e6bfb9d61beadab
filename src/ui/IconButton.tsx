import type { ButtonHTMLAttributes, ComponentProps, ReactNode } from 'react';

interface ToolButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** The accessible name; also the tooltip. */
  label: string;
  shortcut?: string;
  pressed?: boolean;
  children: ReactNode;
}

/** A square toolbar button with an accessible name and its shortcut in the tooltip. */
export function ToolButton({ label, shortcut, pressed, children, className = '', ...rest }: ToolButtonProps) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      className={`flex h-10 w-10 items-center justify-center rounded-md text-neutral-200 hover:bg-neutral-700 disabled:opacity-35 disabled:hover:bg-transparent aria-pressed:bg-accent aria-pressed:text-white ${className}`}
      {...rest}
    >
      {children}
    </button>
  );
}

/** A text button for panels. */
export function PanelButton({ className = '', ...rest }: ComponentProps<'button'>) {
  return (
    <button
      type="button"
      className={`rounded-md border border-neutral-700 px-2.5 py-1.5 text-sm hover:bg-neutral-700 disabled:opacity-40 disabled:hover:bg-transparent ${className}`}
      {...rest}
    />
  );
}
