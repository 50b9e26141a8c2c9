/**
 * Debian's Chromium (/usr/bin/chromium) driven by playwright-core, never a downloaded browser. Without it the
 * browser tests are skipped with a warning on a developer's machine and fail in CI.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const skipBrowser = !existsSync(CHROMIUM) && !process.env['CI'];
if (skipBrowser) console.warn(`browser test skipped: ${CHROMIUM} is missing (install Debian's chromium; in CI this test fails instead)`);

/** A fresh browser profile under `tmp`. */
export function openChromium(tmp: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmp, 'profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1100, height: 900 },
  });
}
