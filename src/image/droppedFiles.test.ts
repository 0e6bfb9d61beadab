import { describe, expect, it } from 'vitest';
import { imageFilesFrom, type FileCarrier } from './droppedFiles';

const photo = new File([Uint8Array.from([0xff, 0xd8, 0xff])], 'photo.jpg', { type: 'image/jpeg' });
const notes = new File(['hello'], 'notes.txt', { type: 'text/plain' });

function item(kind: string, type: string, file: File | null) {
  return { kind, type, getAsFile: () => file };
}

describe('imageFilesFrom', () => {
  it('returns nothing without a data transfer', () => {
    expect(imageFilesFrom(null)).toEqual([]);
  });

  it('returns every dropped file, so non-images can be explained', () => {
    const drop: FileCarrier = { files: [photo, notes], items: [item('file', 'image/jpeg', photo)] };
    expect(imageFilesFrom(drop)).toEqual([photo, notes]);
  });

  it('falls back to image items when a paste has no files', () => {
    const paste: FileCarrier = {
      files: [],
      items: [item('string', 'text/html', null), item('file', 'image/png', photo), item('file', 'text/plain', notes)],
    };
    expect(imageFilesFrom(paste)).toEqual([photo]);
  });
});
