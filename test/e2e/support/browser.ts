/**
 * Debian's Chromium through playwright-core, as on an air-gapped machine: no downloads, no
 * network. Playwright gives every launch a fresh, empty profile of its own.
 */
import { chromium, type Browser } from 'playwright-core';
import { join } from 'node:path';

export const CHROMIUM = process.env.RINGLENS_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'artifacts');
