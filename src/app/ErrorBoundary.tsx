import { Component, type ReactNode } from 'react';

/** A crash in the UI shows a way back instead of a blank page; the session is already saved. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="m-auto flex max-w-lg flex-col gap-3 p-8 text-sm">
        <h1 className="text-lg font-semibold">Something went wrong in the editor</h1>
        <p>Your image, mask and settings were saved as you worked. Reload to carry on where you were.</p>
        <pre className="overflow-auto rounded bg-neutral-900 p-2 text-xs text-neutral-400">{error.message}</pre>
        <button type="button" className="self-start rounded-md bg-accent px-3 py-1.5 font-medium text-white" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
