import { chromium } from '@playwright/test';
import { findChromium } from './chromium.mjs';
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
const page = await browser.newPage();
const code = `(() => {
function a(image, mask, width, height) {
  const plane = width * height;
  const pixels = new Float32Array(3 * plane);
  const hole = new Float32Array(plane);
  for (let i = 0; i < plane; i++) {
    pixels[i] = image[i * 4] / 255;
    pixels[plane + i] = image[i * 4 + 1] / 255;
    pixels[2 * plane + i] = image[i * 4 + 2] / 255;
    hole[i] = mask[i] > 0 ? 1 : 0;
  }
  return pixels;
}
const UNIT = Float32Array.from({ length: 256 }, (_, i) => i / 255);
function b(image, mask, width, height) {
  const plane = width * height;
  const pixels = new Float32Array(3 * plane);
  const hole = new Float32Array(plane);
  const words = new Uint32Array(image.buffer, 0, plane);
  for (let i = 0; i < plane; i++) {
    const p = words[i];
    pixels[i] = UNIT[p & 255];
    pixels[plane + i] = UNIT[(p >>> 8) & 255];
    pixels[2 * plane + i] = UNIT[(p >>> 16) & 255];
  }
  for (let i = 0; i < plane; i++) hole[i] = mask[i] > 0 ? 1 : 0;
  return pixels;
}
function c(n) { const x = new Float32Array(n); return x; }
const image = new Uint8ClampedArray(512*512*4); for (let i=0;i<image.length;i++) image[i]=i*7;
const mask = new Uint8Array(512*512);
const out = {a: [], b: [], alloc: []};
for (let k = 0; k < 12; k++) {
  let s = performance.now(); a(image, mask, 512, 512); out.a.push((performance.now()-s).toFixed(1));
  s = performance.now(); b(image, mask, 512, 512); out.b.push((performance.now()-s).toFixed(1));
  s = performance.now(); c(4*512*512); out.alloc.push((performance.now()-s).toFixed(1));
}
return JSON.stringify(out); })()`;
console.log('page', await page.evaluate(code));
await page.evaluateHandle(() => new Worker(URL.createObjectURL(new Blob([''], { type: 'text/javascript' }))));
await new Promise((r) => setTimeout(r, 500));
for (const w of page.workers()) console.log('worker', await w.evaluate(code));
await browser.close();
