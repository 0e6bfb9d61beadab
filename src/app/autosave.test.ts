import { describe, expect, it } from 'vitest';
import { storageErrorMessage } from './autosave';

describe('storageErrorMessage', () => {
  it('says the storage is full for a quota error, and that the work is still open', () => {
    const message = storageErrorMessage(new DOMException('Quota exceeded', 'QuotaExceededError'));
    expect(message).toContain('storage for the site is full');
    expect(message).toContain('still open in this tab');
  });

  it('names any other failure', () => {
    expect(storageErrorMessage(new DOMException('nope', 'InvalidStateError'))).toContain('InvalidStateError');
  });
});
