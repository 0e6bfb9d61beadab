import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import type { FilePayload } from './imageFiles';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/photos');
export const fixture = (name: string) => resolve(FIXTURES, name);

export interface Pixels {
  width: number;
  height: number;
  /** One value per pixel (the red channel: masks are grey). */
  values: Uint8Array;
}

export function decodeMaskPng(buffer: Buffer): Pixels {
  const png = PNG.sync.read(buffer);
  const values = new Uint8Array(png.width * png.height);
  for (let i = 0; i < values.length; i++) values[i] = png.data[i * 4];
  return { width: png.width, height: png.height, values };
}

export const maskAt = (p: Pixels, x: number, y: number) => p.values[Math.floor(y) * p.width + Math.floor(x)];

/** The editor as a user sees it, found by accessible names. */
export class EditorPage {
  readonly canvas: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByLabel('Canvas', { exact: true });
    this.alert = page.getByRole('alert');
  }

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByText('Restoring your last session…')).toHaveCount(0);
  }

  async upload(file: string | FilePayload) {
    await this.page.getByLabel('Upload image', { exact: true }).setInputFiles(typeof file === 'string' ? fixture(file) : file);
  }

  async uploadAndWait(file: string, size = '512 × 512') {
    await this.upload(file);
    await expect(this.page.getByTestId('image-size')).toHaveText(size);
    await this.waitForView();
  }

  imageSize() {
    return this.page.getByTestId('image-size');
  }

  async waitForView() {
    await expect(this.canvas).toHaveAttribute('data-scale', /\d/);
  }

  async view() {
    const box = (await this.canvas.boundingBox())!;
    const attr = async (name: string) => Number(await this.canvas.getAttribute(name));
    return { box, scale: await attr('data-scale'), x: await attr('data-offset-x'), y: await attr('data-offset-y') };
  }

  /** Screen position of an image pixel position under the current zoom and pan. */
  async toScreen(ix: number, iy: number) {
    const v = await this.view();
    return { x: v.box.x + v.x + ix * v.scale, y: v.box.y + v.y + iy * v.scale };
  }

  /** Drags with the mouse between image positions (image pixels), in `steps` moves. */
  async drag(from: [number, number], to: [number, number], options: { steps?: number; button?: 'left' | 'right' } = {}) {
    const a = await this.toScreen(...from);
    const b = await this.toScreen(...to);
    const mouse = this.page.mouse;
    await mouse.move(a.x, a.y);
    await mouse.down({ button: options.button ?? 'left' });
    await mouse.move(b.x, b.y, { steps: options.steps ?? 12 });
    await mouse.up({ button: options.button ?? 'left' });
  }

  async lasso(points: [number, number][]) {
    const mouse = this.page.mouse;
    const screen = await Promise.all(points.map(([x, y]) => this.toScreen(x, y)));
    await mouse.move(screen[0].x, screen[0].y);
    await mouse.down();
    for (const p of screen.slice(1)) await mouse.move(p.x, p.y, { steps: 4 });
    await mouse.up();
  }

  button(name: string) {
    return this.page.getByRole('button', { name, exact: true });
  }

  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  async setBrush(size: number, hardness = 100) {
    await this.field('Brush size').fill(String(size));
    await this.page.getByLabel('Hardness').fill(String(hardness));
  }

  async exportMask(): Promise<Pixels & { fileName: string }> {
    const download = this.page.waitForEvent('download');
    await this.button('Export mask').click();
    const file = await download;
    const path = await file.path();
    return { ...decodeMaskPng(readFileSync(path)), fileName: file.suggestedFilename() };
  }

  async importMask(file: string) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.button('Import mask').click();
    await (await chooser).setFiles(fixture(file));
  }

  async waitSaved() {
    await expect(this.page.getByText('All changes saved in this browser')).toBeVisible();
  }
}

export function readMaskFixture(name: string): Pixels {
  const png = PNG.sync.read(readFileSync(fixture(name)));
  const values = new Uint8Array(png.width * png.height);
  for (let i = 0; i < values.length; i++) {
    const [r, g, b, a] = png.data.subarray(i * 4, i * 4 + 4);
    values[i] = Math.round(((0.299 * r + 0.587 * g + 0.114 * b) * a) / 255);
  }
  return { width: png.width, height: png.height, values };
}
