import { describe, expect, it } from 'vitest';
import { EngineError } from '../engines/contract';
import { endMessage } from './jobEvents';

const ended = { type: 'ended' as const, id: 'a', engineLabel: 'Runware', wanted: 8, seconds: 3, missing: 0 };

describe('endMessage', () => {
  it('says how many variations a cancel kept', () => {
    expect(endMessage({ ...ended, outcome: 'cancelled', made: 2 })).toEqual({ kind: 'info', message: 'Cancelled: 2 of 8 variations kept.' });
    expect(endMessage({ ...ended, outcome: 'cancelled', made: 0 })?.message).toBe('Cancelled: no variation had finished.');
  });

  it('explains a failure in the engine\'s words, and whether trying again may help', () => {
    const error = new EngineError('rate-limited', 'Too many requests.', { status: 429 });
    const message = endMessage({ ...ended, outcome: 'failed', made: 3, error });
    expect(message?.kind).toBe('error');
    expect(message?.message).toBe('Runware failed: Too many requests. You can try again. Your image, mask and settings are unchanged. The 3 of 8 finished are kept in History.');
    const auth = endMessage({ ...ended, outcome: 'failed', made: 0, error: new EngineError('auth', 'Invalid API key.') });
    expect(auth?.message).toBe('Runware failed: Invalid API key. Your image, mask and settings are unchanged.');
  });

  it('says nothing when every variation came back, and names a partial answer', () => {
    expect(endMessage({ ...ended, outcome: 'finished', made: 8 })).toBeNull();
    expect(endMessage({ ...ended, outcome: 'finished', made: 6, missing: 2 })?.message).toBe('Runware returned 6 of 8 variations; it did not make the rest.');
  });
});
