import type { Page } from '@playwright/test';

declare global {
  interface Window {
    benchFrames?: number[];
    benchRecording?: boolean;
  }
}

/** Starts recording the intervals between animation frames in the page. */
export async function startFrameRecorder(page: Page) {
  await page.evaluate(() => {
    window.benchFrames = [];
    window.benchRecording = true;
    let last = performance.now();
    const loop = (now: number) => {
      window.benchFrames!.push(now - last);
      last = now;
      if (window.benchRecording) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
}

/** Stops recording; returns the intervals (ms), less the first `skip`. */
export function stopFrameRecorder(page: Page, skip = 1): Promise<number[]> {
  return page.evaluate((skip) => {
    window.benchRecording = false;
    return window.benchFrames!.slice(skip);
  }, skip);
}
