import { useEffect, useRef } from 'react';
import { create } from 'zustand';

/** A request to put the cursor in the Prompt box, with an example of what to write there. */
const usePromptFocus = create<{ example: string | null; requests: number }>()(() => ({ example: null, requests: 0 }));

/** Focuses the Prompt box (its text selected, so typing replaces it) and shows `example` while it is empty. */
export function focusPrompt(example: string) {
  usePromptFocus.setState((s) => ({ example, requests: s.requests + 1 }));
}

/** For the Prompt box: its ref, focused on each request, and the example to show, if one was asked for. */
export function useFocusedPrompt() {
  const ref = useRef<HTMLTextAreaElement>(null);
  const example = usePromptFocus((s) => s.example);
  const requests = usePromptFocus((s) => s.requests);
  useEffect(() => {
    if (requests === 0) return;
    ref.current?.focus();
    ref.current?.select();
  }, [requests]);
  return { ref, example };
}
