import { useEffect, useRef } from 'react';
import type { RgbaImage } from '../image/rgba';

/** A picture given as pixels, drawn on a canvas (previews come this way from local engines). */
export function PixelsImage({ image, label, className }: { image: RgbaImage; label: string; className?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current!;
    element.width = image.width;
    element.height = image.height;
    element.getContext('2d')?.putImageData(new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height), 0, 0);
  }, [image]);
  return <canvas ref={canvas} role="img" aria-label={label} className={className} />;
}
