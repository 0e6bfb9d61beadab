import { lazy, Suspense, useState } from 'react';
import { openImage } from '../editor/imageActions';
import { useEditor } from '../editor/store';

const saveLabels = {
  idle: '',
  pending: 'Saving…',
  saved: 'All changes saved in this browser',
  failed: 'Not saved',
} as const;

// The Settings dialog loads when it is first opened.
const SettingsPanel = lazy(() => import('../settings/SettingsPanel').then((m) => ({ default: m.SettingsPanel })));

/** App title, the image's name and size, and the upload control. */
export function Header() {
  const image = useEditor((s) => s.image);
  const busy = useEditor((s) => s.busy);
  const saveStatus = useEditor((s) => s.saveStatus);
  const [settingsOpen, setSettingsOpen] = useState(false);
  return (
    <header className="flex items-center gap-4 border-b border-neutral-800 bg-panel px-4 py-2">
      <h1 className="text-base font-semibold tracking-tight">Inpaint Studio</h1>
      {image && (
        <p className="truncate text-sm text-neutral-400" aria-label="Image">
          {image.name} · <span data-testid="image-size">{image.width} × {image.height}</span>
        </p>
      )}
      <span className="flex-1" />
      {busy && <span className="text-sm text-neutral-400">{busy}…</span>}
      <span role="status" className="text-xs text-neutral-500">
        {saveLabels[saveStatus]}
      </span>
      <button type="button" onClick={() => setSettingsOpen(true)} className="rounded-md border border-neutral-700 px-3 py-1.5 text-sm hover:bg-neutral-800">
        Settings
      </button>
      {settingsOpen && (
        <Suspense fallback={null}>
          <SettingsPanel open={settingsOpen} onClose={() => setSettingsOpen(false)} />
        </Suspense>
      )}
      <label className="cursor-pointer rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white focus-within:ring-2 focus-within:ring-white">
        Upload image
        <input
          type="file"
          aria-label="Upload image"
          accept="image/jpeg,image/png,image/webp,image/gif,image/avif,.jpg,.jpeg,.png,.webp,.gif,.avif"
          className="sr-only"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openImage(file);
          }}
        />
      </label>
    </header>
  );
}
