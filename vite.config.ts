import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { getRequestListener } from '@hono/node-server';
import { isolationHeaders } from './server/isolation.ts';
import { createProxy } from './server/proxy.ts';
import { providersFromEnv } from './server/providers.ts';

/** `npm run dev` answers /api like the production server: the same provider proxy. */
function providerProxy(): Plugin {
  return {
    name: 'provider-proxy',
    configureServer(server) {
      const proxy = createProxy({ providers: providersFromEnv(), accessToken: process.env.ACCESS_TOKEN || undefined, log: (line) => console.log(line) });
      const listener = getRequestListener(proxy.fetch);
      server.middlewares.use((req, res, next) => (req.url?.startsWith('/api/') ? void listener(req, res) : next()));
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), providerProxy()],
  server: { port: 5173, headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  // The size budget is the gzipped initial JavaScript, checked by `npm run bench`.
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1024 },
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'e2e/fakes/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
