import { create } from 'zustand';

/** A message for the user: errors go in a role="alert" region, notes in a status region. */
export interface Notice {
  kind: 'error' | 'info';
  message: string;
  action?: { label: string; run: () => void };
}

/** The one notice on show; any part of the app may set it, the app's notice bar shows it. */
export const useNotice = create<{ notice: Notice | null }>()(() => ({ notice: null }));

export function showNotice(notice: Notice | null) {
  useNotice.setState({ notice });
}

export function showError(message: string, action?: Notice['action']) {
  showNotice({ kind: 'error', message, action });
}

export function showInfo(message: string, action?: Notice['action']) {
  showNotice({ kind: 'info', message, action });
}
