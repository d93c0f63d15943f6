/**
 * Rows from another format (FtM, a mapped CSV) go through the lead-bundle importer, so the
 * guarantees are the same: validated, all or nothing, idempotent, with provenance. The
 * bundle is written to a private temporary folder that is removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityRow, LinkRow } from '../../../shared/bundle/schema';
import type { ImportResult } from '../../../shared/bundle/import-report';
import type { CaseStore } from '../store/open';
import { writeBundle } from '../bundle/writer';
import { importBundle, type ImportOptions } from '../bundle/import';

export async function importConvertedRows(
  store: CaseStore,
  input: {
    bundleId: string;
    issuer: string;
    source: string;
    description: string;
    defaultRegion?: string;
    entities: EntityRow[];
    links: LinkRow[];
  },
  options: ImportOptions,
): Promise<ImportResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ringlens-convert-'));
  try {
    const zip = join(dir, 'converted.zip');
    await writeBundle(zip, {
      bundleId: input.bundleId,
      issuer: { name: input.issuer, contact: input.source.slice(0, 200) },
      createdAt: '2020-01-01T00:00:00Z',
      description: input.description,
      ...(input.defaultRegion && { defaultRegion: input.defaultRegion }),
      entities: input.entities,
      links: input.links,
    });
    return await importBundle(store, zip, options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
