import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

/** resources/ from source (dev, tests, CLI) or beside the packaged app (process.resourcesPath). */
export function resourcesDir(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'resources'))) return join(packaged, 'resources');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'resources', 'demo'))) return join(dir, 'resources');
    dir = dirname(dir);
  }
  throw new Error('cannot find the resources folder');
}

export const demoBundlePath = (): string => join(resourcesDir(), 'demo', 'demo-bundle.rlb.zip');
export const demoIssuerPemPath = (): string => join(resourcesDir(), 'demo', 'demo-issuer.pub.pem');
