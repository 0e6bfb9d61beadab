import { describe, expect, it } from 'vitest';
import { seedsFor } from '../jobs/runJob';
import { EngineError, toEngineError } from './contract';

describe('toEngineError', () => {
  it('keeps an EngineError as it is', () => {
    const error = new EngineError('rate-limited', 'Slow down', true);
    expect(toEngineError(error)).toBe(error);
  });

  it('turns an abort into a cancellation', () => {
    const controller = new AbortController();
    controller.abort();
    expect(toEngineError(new Error('whatever'), controller.signal).kind).toBe('cancelled');
    expect(toEngineError(Object.assign(new Error('x'), { name: 'AbortError' })).kind).toBe('cancelled');
  });

  it('explains running out of memory and does not offer a retry', () => {
    const error = toEngineError(new RangeError('Array buffer allocation failed'));
    expect(error.kind).toBe('out-of-memory');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Only masked');
  });

  it('wraps anything else as a retryable internal error with its detail', () => {
    const error = toEngineError('boom');
    expect([error.kind, error.retryable]).toEqual(['internal', true]);
    expect(error.message).toContain('boom');
  });
});

describe('seedsFor', () => {
  it('gives variation i the seed + i, wrapping at 2^32', () => {
    expect(seedsFor(100, 3)).toEqual([100, 101, 102]);
    expect(seedsFor(4294967295, 2)).toEqual([4294967295, 0]);
  });
});
