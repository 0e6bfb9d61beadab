import { describe, expect, it } from 'vitest';
import { meta as builtinMeta } from '../engines/builtinRemover/meta';
import { meta as runflowMeta } from '../engines/runflow/meta';
import { meta as runwareMeta } from '../engines/runware/meta';
import { metaFor } from '../engines/local/meta';
import { buildJob } from '../jobs/job';
import { defaultDraft } from '../jobs/validateParams';
import { batchDraft, replaceBackgroundFields, takesPrompt } from './recipe';

describe('Replace background parameters', () => {
  it('sets full strength and no job feather where the engine takes strength', () => {
    expect(replaceBackgroundFields(runflowMeta)).toEqual({ feather: '0', strength: '1' });
  });

  it('leaves strength alone for an engine without it (FLUX Fill)', () => {
    expect(replaceBackgroundFields(runwareMeta())).toEqual({ feather: '0' });
  });

  it('knows which engines take a prompt', () => {
    expect(takesPrompt(runflowMeta)).toBe(true);
    expect(takesPrompt(builtinMeta)).toBe(false);
    expect(takesPrompt(metaFor(undefined))).toBe(false);
  });
});

describe('batch parameters', () => {
  it('run without a job feather: where the selection keeps a pixel, the job keeps it', () => {
    const draft = batchDraft({ ...defaultDraft, feather: '12', prompt: 'on sand' });
    expect(draft.feather).toBe('0');
    expect(draft.prompt).toBe('on sand');
    const mask = { width: 4, height: 1, data: new Uint8Array([0, 0, 128, 255]) };
    const built = buildJob({ image: { blob: new Blob(['x']), width: 4, height: 1 }, mask, draft }, runflowMeta);
    expect(built.ok && built.job.params.feather).toBe(0);
  });
});
