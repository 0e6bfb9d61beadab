import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { isolationHeaders } from './isolation';

/** The production server: the built app from `root`, cross-origin isolated. */
export function createApp(root: string) {
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(isolationHeaders)) c.res.headers.set(name, value);
    // Same-origin resources must say so under require-corp.
    c.res.headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  });

  app.use('/assets/*', async (c, next) => {
    await next();
    // File names carry a content hash, so they never change.
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  });

  app.use('*', serveStatic({ root }));
  // Any other path is the single-page app.
  app.get('*', serveStatic({ root, path: 'index.html' }));
  return app;
}
