/** Helpers for the local model specs (and the benchmarks that drive the same panel). */
import type { BrowserContext, Page } from '@playwright/test';

/** "Add model from URL": opens the box, types the URL and adds it. */
export async function addModelFromUrl(page: Page, url: string) {
  await page.getByRole('button', { name: 'Add model from URL' }).click();
  await page.getByLabel('Model URL').fill(url);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
}

/** Cuts the page off from everything but the app itself; returns the list of what it tried to reach. */
export async function onlyTheApp(context: BrowserContext, appOrigin: string): Promise<string[]> {
  const elsewhere: string[] = [];
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith(appOrigin)) return route.continue();
    elsewhere.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  return elsewhere;
}
