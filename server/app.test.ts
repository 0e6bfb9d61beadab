import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from './app';

function builtApp() {
  const root = mkdtempSync(join(tmpdir(), 'dist-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  return createApp(root);
}

describe('production server', () => {
  it('serves the app cross-origin isolated, so wasm threads can run', async () => {
    const response = await builtApp().request('/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>app</title>');
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(response.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
  });

  it('caches hashed assets for good and isolates them too', async () => {
    const response = await builtApp().request('/assets/index-abc123.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toContain('immutable');
    expect(response.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
  });

  it('answers any other path with the single-page app', async () => {
    const response = await builtApp().request('/some/deep/link');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>app</title>');
  });
});
