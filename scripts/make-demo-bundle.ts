// Rebuilds resources/demo/ (the signed demo bundle and its issuer's public key) from the seed.
import { writeFileSync } from 'node:fs';
import { writeGeneratedBundle } from '../electron/core/generate/write-generated';
import {
  demoIssuerKey,
  DEMO_BUNDLE_ID,
  DEMO_SEED_NUMBER,
  DEMO_SELLERS,
} from '../electron/core/demo/demo-key';
import { demoBundlePath, demoIssuerPemPath, resourcesDir } from '../electron/core/demo/paths';
import { join } from 'node:path';

const { privateKey, publicKeyPem } = demoIssuerKey();
writeFileSync(demoIssuerPemPath(), publicKeyPem);
const r = await writeGeneratedBundle({
  out: demoBundlePath(),
  seed: DEMO_SEED_NUMBER,
  sellers: DEMO_SELLERS,
  signingKey: privateKey,
  bundleId: DEMO_BUNDLE_ID,
  groundTruthFile: join(resourcesDir(), 'demo', 'demo-ground-truth.json'),
});
console.log(
  `wrote ${demoBundlePath()} (${r.sha256}): ${r.manifest.counts.entities} entities, ${r.manifest.counts.links} links, ${r.groundTruth.rings.length} rings`,
);
