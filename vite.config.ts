import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { isolationHeaders } from './server/isolation.ts';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: { port: 5173, headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  // The size budget is the gzipped initial JavaScript, checked by `npm run bench`.
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1024 },
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts'],
    environment: 'node',
  },
});
