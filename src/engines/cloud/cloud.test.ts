import { describe, expect, it } from 'vitest';
import { EngineError } from '../contract';
import type { ProviderAnswer } from './api';
import { errorFromAnswer, retryAfterOf } from './errors';
import { shouldRetry, withRetries } from './retry';

const answer = (status: number, body: unknown = {}, headers: Record<string, string> = {}, proxyError?: ProviderAnswer['proxyError']): ProviderAnswer => ({
  status,
  body,
  headers: new Headers(headers),
  proxyError,
});

describe('errorFromAnswer', () => {
  it.each([
    [401, 'auth', false],
    [403, 'auth', false],
    [402, 'credits', false],
    [400, 'invalid-input', false],
    [404, 'invalid-input', false],
    [422, 'invalid-input', false],
    [429, 'rate-limited', true],
    [500, 'unavailable', true],
    [502, 'unavailable', true],
    [503, 'unavailable', true],
    [504, 'unavailable', true],
  ])('%i is %s (retryable: %s), in the provider\'s words', (status, kind, retryable) => {
    const error = errorFromAnswer(answer(status), 'Runflow', 'Their words.');
    expect([error.kind, error.retryable, error.status, error.message]).toEqual([kind, retryable, status, 'Their words.']);
  });

  it('proves a submit was not taken only with 429, 503, or a request that never left', () => {
    expect(errorFromAnswer(answer(429), 'X', 'm').notAccepted).toBe(true);
    expect(errorFromAnswer(answer(503), 'X', 'm').notAccepted).toBe(true);
    expect(errorFromAnswer(answer(500), 'X', 'm').notAccepted).toBe(false);
    expect(errorFromAnswer(answer(504), 'X', 'm').notAccepted).toBe(false);
    const never = errorFromAnswer(answer(502, {}, {}, { code: 'UPSTREAM_UNREACHABLE', message: 'refused', sent: 'no' }), 'X', undefined);
    expect([never.kind, never.notAccepted]).toEqual(['network', true]);
    const maybe = errorFromAnswer(answer(502, {}, {}, { code: 'UPSTREAM_UNREACHABLE', message: 'reset', sent: 'maybe' }), 'X', undefined);
    expect(maybe.notAccepted).toBe(false);
  });

  it('turns the proxy\'s own answers into advice', () => {
    expect(errorFromAnswer(answer(401, {}, {}, { code: 'NO_KEY', message: '', sent: 'no' }), 'Runware', undefined).message).toBe('No Runware API key: add yours in Settings.');
  });
});

describe('retryAfterOf', () => {
  it('reads seconds or a date from Retry-After, else retry_after from the body', () => {
    expect(retryAfterOf(answer(429, {}, { 'retry-after': '12' }))).toBe(12);
    expect(retryAfterOf(answer(429, {}, { 'retry-after': new Date(10_000).toUTCString() }), 4_000)).toBe(6);
    expect(retryAfterOf(answer(429, { retry_after: 30 }))).toBe(30);
    expect(retryAfterOf(answer(429, { retry_after: '5' }))).toBe(5);
    expect(retryAfterOf(answer(429))).toBeUndefined();
  });
});

describe('withRetries', () => {
  const noSleep = async () => {};

  it('retries rate limits and outages, waiting at least what the provider asked', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls === 1) throw new EngineError('rate-limited', 'slow down', { retryAfterSeconds: 9 });
        if (calls === 2) throw new EngineError('unavailable', 'down');
        return 'done';
      },
      { signal: new AbortController().signal, sleep: noSleep, random: () => 0.5, onWait: (s) => waits.push(s) },
    );
    expect(result).toBe('done');
    expect(waits).toEqual([9, 1]);
  });

  it('grows the wait exponentially, with jitter, up to a cap', async () => {
    const waits: number[] = [];
    await expect(
      withRetries(async () => { throw new EngineError('network', 'gone'); }, { signal: new AbortController().signal, sleep: noSleep, random: () => 1, attempts: 6, maxMs: 10_000, onWait: (s) => waits.push(s) }),
    ).rejects.toThrow('gone');
    expect(waits).toEqual([1, 2, 4, 8, 10]);
  });

  it('never sends a paid submit twice unless the answer proves it was not taken', async () => {
    let calls = 0;
    const failing = (error: EngineError) => withRetries(async () => { calls++; throw error; }, { signal: new AbortController().signal, submit: true, sleep: noSleep });
    calls = 0;
    await expect(failing(new EngineError('unavailable', '500', { status: 500 }))).rejects.toThrow();
    expect(calls).toBe(1);
    calls = 0;
    await expect(failing(new EngineError('network', 'reset'))).rejects.toThrow();
    expect(calls).toBe(1);
    calls = 0;
    await expect(failing(new EngineError('rate-limited', '429', { notAccepted: true }))).rejects.toThrow();
    expect(calls).toBe(5);
  });

  it('does not retry what trying again cannot fix', () => {
    expect(shouldRetry(new EngineError('auth', 'bad key'), false)).toBe(false);
    expect(shouldRetry(new EngineError('credits', 'no credit', { status: 402 }), false)).toBe(false);
    expect(shouldRetry(EngineError.cancelled(), false)).toBe(false);
  });

  it('stops at once when cancelled', async () => {
    const controller = new AbortController();
    const run = withRetries(async () => { throw new EngineError('network', 'gone'); }, { signal: controller.signal, baseMs: 10_000 });
    controller.abort();
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' });
  });
});
