import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';

const root = resolve(import.meta.dirname, '..', 'dist');
if (!existsSync(resolve(root, 'index.html'))) {
  console.error('No production build in dist/. Run `npm start` (it builds first) or `npm run build`.');
  process.exit(1);
}

const port = Number(process.env.PORT ?? 5173);
serve({ fetch: createApp(root).fetch, port }, (info) => {
  console.log(`Inpaint Studio on http://localhost:${info.port}`);
});
