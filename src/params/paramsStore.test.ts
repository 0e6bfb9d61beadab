import { beforeEach, describe, expect, it } from 'vitest';
import { defaultDraft } from '../jobs/validateParams';
import { useParams } from './paramsStore';

const { getState } = useParams;

describe('useParams', () => {
  beforeEach(() => getState().reset());

  it('starts from the defaults', () => {
    expect(getState().draft).toEqual(defaultDraft);
  });

  it('setField keeps exactly what was typed, even when invalid', () => {
    getState().setField('steps', '9999');
    getState().setField('strength', 'abc');
    expect(getState().draft.steps).toBe('9999');
    expect(getState().draft.strength).toBe('abc');
    expect(getState().draft.variations).toBe(defaultDraft.variations);
  });

  it('reset brings back the defaults', () => {
    getState().setField('prompt', 'a cat');
    getState().reset();
    expect(getState().draft).toEqual(defaultDraft);
  });

  describe('replaceDraft', () => {
    it('fills fields missing from an old save with defaults', () => {
      getState().replaceDraft({ prompt: 'a red door', steps: '30' });
      expect(getState().draft).toEqual({ ...defaultDraft, prompt: 'a red door', steps: '30' });
    });

    it('drops unknown keys', () => {
      getState().replaceDraft({ prompt: 'x', sampler: 'k_euler', cfg: 7 });
      expect(Object.keys(getState().draft).sort()).toEqual(Object.keys(defaultDraft).sort());
    });

    it('converts numbers from older saves into typed text', () => {
      getState().replaceDraft({ strength: 0.4, seed: 99, guidanceScale: Number.NaN });
      expect(getState().draft.strength).toBe('0.4');
      expect(getState().draft.seed).toBe('99');
      expect(getState().draft.guidanceScale).toBe(defaultDraft.guidanceScale);
    });

    it('keeps invalid typed text so the user sees what they had', () => {
      getState().replaceDraft({ steps: '500' });
      expect(getState().draft.steps).toBe('500');
    });

    it('drops values of the wrong type or outside the choices', () => {
      getState().replaceDraft({
        prompt: 42,
        randomSeed: 'yes',
        scheduler: 'k-lms',
        inpaintArea: 'everything',
        outputFormat: 'gif',
        steps: { value: 3 },
      });
      expect(getState().draft).toEqual(defaultDraft);
    });

    it('keeps valid choices', () => {
      getState().replaceDraft({ scheduler: 'ddim', inpaintArea: 'whole', outputFormat: 'webp', randomSeed: false });
      expect(getState().draft).toMatchObject({
        scheduler: 'ddim',
        inpaintArea: 'whole',
        outputFormat: 'webp',
        randomSeed: false,
      });
    });

    it('treats non-objects as an empty save', () => {
      getState().setField('prompt', 'before');
      for (const junk of [null, undefined, 'draft', 3, ['prompt']]) {
        getState().replaceDraft(junk);
        expect(getState().draft).toEqual(defaultDraft);
      }
    });
  });
});

describe('colour match in saved drafts', () => {
  it('keeps a saved boolean and defaults a missing or mistyped one to on', () => {
    useParams.getState().replaceDraft({ colourMatch: false });
    expect(useParams.getState().draft.colourMatch).toBe(false);
    useParams.getState().replaceDraft({ colourMatch: 'no' });
    expect(useParams.getState().draft.colourMatch).toBe(true);
    useParams.getState().replaceDraft({});
    expect(useParams.getState().draft.colourMatch).toBe(true);
  });
});
