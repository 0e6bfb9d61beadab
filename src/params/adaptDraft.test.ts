import { describe, expect, it } from 'vitest';
import { defaultsFor } from '../jobs/params';
import { diffusionMeta, removerMeta } from '../engines/testMetas';
import { draftFromParams } from '../jobs/validateParams';
import { adaptDraft } from './adaptDraft';

const turbo = {
  ...diffusionMeta,
  params: { ...diffusionMeta.params, steps: { min: 1, max: 4, default: 1 }, guidanceScale: { min: 0, max: 1, default: 0 }, variations: { min: 1, max: 4, default: 2 } },
};

describe('adaptDraft', () => {
  it('moves values still at the old engine\'s defaults to the new engine\'s', () => {
    const draft = draftFromParams(defaultsFor(diffusionMeta));
    const next = adaptDraft(draft, diffusionMeta, turbo);
    expect([next.steps, next.guidanceScale, next.variations]).toEqual(['1', '0', '2']);
  });

  it('keeps what the user set, even where the new engine cannot take it', () => {
    const draft = { ...draftFromParams(defaultsFor(diffusionMeta)), steps: '30', guidanceScale: '5', prompt: 'a red door' };
    const next = adaptDraft(draft, diffusionMeta, turbo);
    expect([next.steps, next.guidanceScale, next.prompt]).toEqual(['30', '5', 'a red door']);
  });

  it('treats a parameter the old engine ignored as still at its default', () => {
    const draft = draftFromParams(defaultsFor(removerMeta));
    expect(adaptDraft(draft, removerMeta, turbo).steps).toBe('1');
  });

  it('leaves the editor\'s own settings alone', () => {
    const draft = { ...draftFromParams(defaultsFor(diffusionMeta)), feather: '12', padding: '64', outputFormat: 'webp' as const };
    expect(adaptDraft(draft, diffusionMeta, turbo)).toMatchObject({ feather: '12', padding: '64', outputFormat: 'webp' });
  });
});
