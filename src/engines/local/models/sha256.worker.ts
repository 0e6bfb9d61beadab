/// <reference lib="webworker" />
import { serveHashing } from './hashStream';

/** Hashes the downloads of the download worker beside them (see hashStream.ts). */
serveHashing(self);
