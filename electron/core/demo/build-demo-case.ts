/** The demo case `npm start` opens: a fresh encrypted case holding the signed demo bundle. */
import { readFileSync } from 'node:fs';
import { createCase, type CaseStore } from '../store/open';
import { addTrustedKey } from '../keys/trusted-keys';
import { importBundle } from '../bundle/import';
import { appendAudit } from '../audit/log';
import { demoBundlePath, demoIssuerPemPath } from './paths';

export const DEMO_PASSPHRASE = 'demo';

export async function buildDemoCase(
  path: string,
  passphrase = DEMO_PASSPHRASE,
  actor = 'demo',
): Promise<CaseStore> {
  const store = createCase(path, passphrase);
  appendAudit(store.db, { actor, action: 'case.create', object: 'case', details: { demo: true } });
  addTrustedKey(store.db, {
    publicKeyPem: readFileSync(demoIssuerPemPath(), 'utf8'),
    name: 'ExampleMarket demo issuer (demo only)',
    actor,
  });
  await importBundle(store, demoBundlePath(), { actor });
  return store;
}
