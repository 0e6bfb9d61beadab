import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';

/**
 * The browser database: the session being edited, the jobs with their results, the batch's photos. It knows
 * the stores, not what goes in them: each owner (autosave, job records) checks what it reads.
 */
export interface StoredJob {
  id: string;
  createdAt: number;
  [field: string]: unknown;
}

/** One finished variation of a job, kept apart so a new one is written without rewriting the rest. */
export interface StoredResult {
  jobId: string;
  index: number;
  [field: string]: unknown;
}

/** One photo of a batch with its results (or why it has none), kept so a reload shows it again. */
export interface StoredBatchPhoto {
  id: string;
  /** Where it sits in the Batch list: batches in the order they started, photos in the order chosen. */
  order: number;
  [field: string]: unknown;
}

interface Schema extends DBSchema {
  session: { key: string; value: unknown };
  batch: { key: string; value: StoredBatchPhoto };
  history: { key: string; value: StoredJob; indexes: { createdAt: number } };
  results: { key: [string, number]; value: StoredResult; indexes: { jobId: string } };
}

export type SessionDb = IDBPDatabase<Schema>;

const DB_NAME = 'inpaint-studio';
/** Bump with an upgrade step when the stores change. 2: job history. 3: results apart, job status. 4: batch photos. */
const DB_VERSION = 4;

let db: Promise<SessionDb> | null = null;

export function openSessionDb(): Promise<SessionDb> {
  db ??= openDB<Schema>(DB_NAME, DB_VERSION, {
    async upgrade(database, oldVersion, _newVersion, transaction) {
      if (!database.objectStoreNames.contains('session')) database.createObjectStore('session');
      if (!database.objectStoreNames.contains('history')) {
        database.createObjectStore('history', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
      }
      if (!database.objectStoreNames.contains('results')) {
        database.createObjectStore('results', { keyPath: ['jobId', 'index'] }).createIndex('jobId', 'jobId');
      }
      if (!database.objectStoreNames.contains('batch')) database.createObjectStore('batch', { keyPath: 'id' });
      if (oldVersion === 2) await moveResultsOut(transaction);
    },
  });
  return db;
}

/** Version 2 kept the results inside each job, all finished: split them out. */
async function moveResultsOut(transaction: IDBPTransaction<Schema, StoreNames<Schema>[], 'versionchange'>) {
  const results = transaction.objectStore('results');
  let cursor = await transaction.objectStore('history').openCursor();
  while (cursor) {
    const { results: inside, ...job } = cursor.value as StoredJob & { results?: Record<string, unknown>[] };
    const list = Array.isArray(inside) ? inside : [];
    for (const [index, result] of list.entries()) await results.put({ ...result, jobId: job.id, index });
    await cursor.update({ ...job, status: 'finished', seeds: list.map((r) => r.seed) });
    cursor = await cursor.continue();
  }
}
