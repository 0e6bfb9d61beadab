import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DownloadProgress } from './downloadTypes';
import { ProgressMeter } from './progressMeter';

afterEach(() => {
  vi.useRealTimers();
});

describe('ProgressMeter', () => {
  it('shows bytes held back by the interval once it is up, though no more bytes come', () => {
    vi.useFakeTimers();
    const seen: DownloadProgress[] = [];
    const meter = new ProgressMeter(() => Date.now(), 100, (p) => seen.push(p));
    meter.report('downloading', 0, 411, 0);
    vi.advanceTimersByTime(10);
    meter.report('downloading', 256, 411, 256);
    expect(seen.map((p) => p.done)).toEqual([0]);
    vi.advanceTimersByTime(90);
    expect(seen.map((p) => p.done)).toEqual([0, 256]);
  });

  it('drops what it holds when stopped', () => {
    vi.useFakeTimers();
    const seen: DownloadProgress[] = [];
    const meter = new ProgressMeter(() => Date.now(), 100, (p) => seen.push(p));
    meter.report('downloading', 0, 411, 0);
    meter.report('downloading', 256, 411, 256);
    meter.stop();
    vi.advanceTimersByTime(1000);
    expect(seen).toHaveLength(1);
  });
});
