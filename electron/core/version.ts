import { readFileSync } from 'node:fs';

/** Ringlens' version, as printed in analysis records, packets and certifications. */
export const CODE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
