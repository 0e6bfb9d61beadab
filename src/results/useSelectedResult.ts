import { useEffect, useState } from 'react';
import { useJobRecords } from '../jobs/records';
import { useCloseReplaced } from '../ui/useCloseReplaced';
import { useResults } from './resultsStore';

/** The job and variation on show, if any. */
export function useSelectedResult() {
  const jobId = useResults((s) => s.jobId);
  const index = useResults((s) => s.index);
  const job = useJobRecords((s) => s.jobs.find((j) => j.id === jobId));
  const result = job?.results[index];
  return { job, result, index };
}

/** The selected result decoded for the canvas, at full resolution. */
export function useSelectedResultBitmap(): ImageBitmap | null {
  const { result } = useSelectedResult();
  const [bitmap, setBitmap] = useState<ImageBitmap | null>(null);
  useEffect(() => {
    if (!result) return;
    let live = true;
    void createImageBitmap(result.full, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' }).then((b) => {
      if (live) setBitmap(b);
      else b.close();
    });
    return () => {
      live = false;
      setBitmap(null);
    };
  }, [result]);
  useCloseReplaced(bitmap);
  return bitmap;
}
