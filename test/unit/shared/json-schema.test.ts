import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('bundle JSON Schemas', () => {
  it('are exactly what the zod schemas generate (never edited by hand)', () => {
    const dir = join(import.meta.dirname, '../../../shared/bundle/json-schema');
    const before = ['manifest', 'link-row', 'entity-row'].map((n) =>
      readFileSync(join(dir, `${n}.schema.json`), 'utf8'),
    );
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '../../../scripts/gen-json-schema.ts')],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const after = ['manifest', 'link-row', 'entity-row'].map((n) =>
      readFileSync(join(dir, `${n}.schema.json`), 'utf8'),
    );
    expect(after).toEqual(before);
    expect(JSON.parse(after[0]!).properties.format.const).toBe('ringlens.lead-bundle');
  });
});
