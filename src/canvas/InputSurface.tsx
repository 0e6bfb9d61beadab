import { useEffect, useRef } from 'react';

/**
 * A transparent canvas over the stage that takes the pointer; nothing is drawn on it.
 * A press on a canvas with a desynchronized context makes Chromium deliver the drag's
 * moves unbuffered until the release: each is handled at once, not at the next frame.
 */
export function InputSurface() {
  const surface = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    surface.current?.getContext('2d', { desynchronized: true });
  }, []);
  return <canvas ref={surface} width={1} height={1} aria-hidden className="absolute inset-0 h-full w-full opacity-0" />;
}
