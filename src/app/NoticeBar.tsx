import { useEditor } from '../editor/store';
import { showNotice, useNotice } from '../notices/notices';

/** Errors (role="alert") and notes for the user, with an optional action and a dismiss button. */
export function NoticeBar() {
  const notice = useNotice((s) => s.notice);
  const busy = useEditor((s) => s.busy);
  return (
    <>
      <div role="status" className="sr-only">
        {busy ? `${busy}…` : ''}
      </div>
      {notice && (
        <div
          role={notice.kind === 'error' ? 'alert' : 'status'}
          className={`flex items-center gap-3 px-4 py-2 text-sm ${notice.kind === 'error' ? 'bg-red-950 text-red-100' : 'bg-neutral-800 text-neutral-100'}`}
        >
          <p className="flex-1">{notice.message}</p>
          {notice.action && (
            <button
              type="button"
              className="rounded-md bg-accent px-3 py-1 font-medium text-white"
              onClick={() => {
                showNotice(null);
                notice.action!.run();
              }}
            >
              {notice.action.label}
            </button>
          )}
          <button type="button" aria-label="Dismiss" className="px-2 text-lg leading-none" onClick={() => showNotice(null)}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
