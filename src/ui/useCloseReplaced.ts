import { useEffect, useRef } from 'react';

/**
 * Frees a bitmap once a newer one has been rendered in its place: closing it earlier
 * would let Konva draw a detached source. (Not on unmount, which StrictMode rehearses.)
 */
export function useCloseReplaced(bitmap: ImageBitmap | null | undefined) {
  const shown = useRef<ImageBitmap | null>(null);
  useEffect(() => {
    const previous = shown.current;
    shown.current = bitmap ?? null;
    if (previous && previous !== shown.current) previous.close();
  }, [bitmap]);
}
