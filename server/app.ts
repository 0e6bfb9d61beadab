import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { isolationHeaders } from './isolation';
import { createProxy, type ProxyOptions } from './proxy';
import { providersFromEnv } from './providers';

/** The production server: the provider proxy under /api, and the built app from `root`, cross-origin isolated. */
export function createApp(root: string, proxy: ProxyOptions = { providers: providersFromEnv() }) {
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

  // Before the app's fallback route, so /api never answers with the page.
  app.route('/', createProxy(proxy));
  app.use('*', serveStatic({ root }));
  // Any other path is the single-page app.
  app.get('*', serveStatic({ root, path: 'index.html' }));
  return app;
}
