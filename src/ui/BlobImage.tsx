import { useEffect, useRef } from 'react';

/** An <img> showing a Blob; its object URL is revoked when the Blob changes or the image goes. */
export function BlobImage({ blob, alt, className }: { blob: Blob; alt: string; className?: string }) {
  const image = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const url = URL.createObjectURL(blob);
    image.current!.src = url;
    return () => URL.revokeObjectURL(url);
  }, [blob]);
  return <img ref={image} alt={alt} className={className} />;
}
