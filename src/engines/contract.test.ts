import { describe, expect, it } from 'vitest';
import { EngineError, toEngineError, type EngineErrorKind } from './contract';

describe('EngineError', () => {
  it('is retryable by default only for rate limits, outages and lost connections', () => {
    const kinds: EngineErrorKind[] = ['auth', 'credits', 'rate-limited', 'unavailable', 'invalid-input', 'network', 'out-of-memory', 'cancelled', 'unknown'];
    const retryable = kinds.filter((kind) => new EngineError(kind, 'x').retryable);
    expect(retryable).toEqual(['rate-limited', 'unavailable', 'network']);
  });

  it('keeps the HTTP status and how long to wait, and lets the engine overrule the default', () => {
    const error = new EngineError('rate-limited', 'Slow down', { status: 429, retryAfterSeconds: 30 });
    expect([error.status, error.retryAfterSeconds, error.retryable]).toEqual([429, 30, true]);
    expect(new EngineError('unknown', 'flaky', { retryable: true }).retryable).toBe(true);
    expect(new EngineError('unavailable', 'gone for good', { retryable: false }).retryable).toBe(false);
  });
});

describe('toEngineError', () => {
  it('keeps an EngineError as it is', () => {
    const error = new EngineError('rate-limited', 'Slow down');
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

  it('calls a failed fetch a lost connection, which may be retried', () => {
    const error = toEngineError(new TypeError('Failed to fetch'));
    expect([error.kind, error.retryable]).toEqual(['network', true]);
  });

  it('wraps anything else as an unknown error with its detail, not retryable', () => {
    const error = toEngineError('boom');
    expect([error.kind, error.retryable]).toEqual(['unknown', false]);
    expect(error.message).toContain('boom');
  });
});
