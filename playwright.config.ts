import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/chromium.mjs';
import { fakeBaseUrls, fakeOrigin } from './e2e/fakes/ports';

const port = Number(process.env.E2E_PORT ?? 4317);
const chromiumArgs = ['--no-sandbox', '--disable-background-networking', '--disable-component-update'];
const launch = (webgpu: boolean) => ({ executablePath: findChromium(), args: webgpu ? [...chromiumArgs, '--enable-unsafe-webgpu'] : chromiumArgs });
// Specs that run the local models twice: on WebGPU (SwiftShader) and without it (the WASM fallback).
const onBothBackends = /local-.*\.spec\.ts/;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  },
  projects: [
    { name: 'chromium', use: { launchOptions: launch(true) }, testIgnore: onBothBackends },
    { name: 'webgpu', use: { launchOptions: launch(true) }, testMatch: onBothBackends },
    { name: 'wasm', use: { launchOptions: launch(false) }, testMatch: onBothBackends },
  ],
  webServer: [
    {
      // Fake cloud providers that follow docs/providers.md, on loopback.
      command: 'npx tsx e2e/fakes/index.ts',
      url: `${fakeOrigin('runflow')}/v1/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // The production build, served the way `npm start` serves it, its providers the fakes.
      command: 'npm run build && npm run serve',
      url: `http://localhost:${port}`,
      env: { PORT: String(port), ...fakeBaseUrls, LOG_FILE: 'test-results/server.log' },
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
});
