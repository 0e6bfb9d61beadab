import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { View } from '../canvas/view';
import type { OverlaySettings, Tool } from '../editor/store';
import type { JobParams } from '../jobs/params';

export interface SavedImage {
  blob: Blob;
  name: string;
  width: number;
  height: number;
}

/** The mask, deflated: masks are mostly runs of 0 and 255 and shrink a hundredfold. */
export interface SavedMask {
  width: number;
  height: number;
  deflated: Blob;
}

export interface SavedEditor {
  tool: Tool;
  brushSize: number;
  brushHardness: number;
  overlay: OverlaySettings;
  view: View | null;
  engineId: string;
}

/** A finished job, as the History lists it and restores it. */
export interface SavedJob {
  id: string;
  createdAt: number;
  engineId: string;
  engineLabel: string;
  params: JobParams;
  seconds: number;
  input: SavedImage & { mask: SavedMask };
  results: { seed: number; full: Blob; thumbnail: Blob; width: number; height: number }[];
}

interface SessionSchema extends DBSchema {
  session: {
    key: 'image' | 'mask' | 'params' | 'editor';
    value: SavedImage | SavedMask | SavedEditor | unknown;
  };
  history: {
    key: string;
    value: SavedJob;
    indexes: { createdAt: number };
  };
}

export type SessionKey = SessionSchema['session']['key'];

const DB_NAME = 'inpaint-studio';
/** Bump with an upgrade step when the saved shapes change. 2: job history. */
const DB_VERSION = 2;

let db: Promise<IDBPDatabase<SessionSchema>> | null = null;

export function openSessionDb() {
  db ??= openDB<SessionSchema>(DB_NAME, DB_VERSION, {
    upgrade(database) {
      if (!database.objectStoreNames.contains('session')) database.createObjectStore('session');
      if (!database.objectStoreNames.contains('history')) {
        database.createObjectStore('history', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
      }
    },
  });
  return db;
}
