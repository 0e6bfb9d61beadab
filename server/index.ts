import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { providersFromEnv } from './providers';

const root = resolve(import.meta.dirname, '..', 'dist');
if (!existsSync(resolve(root, 'index.html'))) {
  console.error('No production build in dist/. Run `npm start` (it builds first) or `npm run build`.');
  process.exit(1);
}

const port = Number(process.env.PORT ?? 5173);
// LOG_FILE keeps a copy of the request log (the end-to-end tests read it to check no key is ever logged).
const logFile = process.env.LOG_FILE;
if (logFile) mkdirSync(dirname(logFile), { recursive: true });
const log = (line: string) => {
  console.log(line);
  if (logFile) appendFileSync(logFile, `${line}\n`);
};
const proxy = { providers: providersFromEnv(), accessToken: process.env.ACCESS_TOKEN || undefined, log };
serve({ fetch: createApp(root, proxy).fetch, port }, (info) => {
  console.log(`Inpaint Studio on http://localhost:${info.port}`);
});
