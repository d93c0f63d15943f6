/**
 * After an import through the CLI, the case folder holds only the encrypted case and the
 * temp folder holds nothing new: no decrypted copy of any value or evidence file on disk.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { writeBundle } from '../../../electron/core/bundle/writer';
import { tempDir } from '../../support/bundles';

const cli = join(import.meta.dirname, '../../../bin/ringlens.mjs');

describe('no plaintext on disk', () => {
  it('import leaves only the encrypted case in the case folder and nothing in the temp folder', async () => {
    const root = tempDir('ringlens-plain-');
    const caseDir = join(root, 'case');
    const tmp = join(root, 'tmp');
    const inputs = join(root, 'inputs');
    for (const d of [caseDir, tmp, inputs]) mkdirSync(d);
    const marker = 'PLAINTEXT-MARKER-上海仓库-7731';
    const evidence = Buffer.from(`%PDF-1.4 evidence ${marker}`);
    const bundle = await writeBundle(join(inputs, 'b.zip'), {
      bundleId: 'plain',
      issuer: { name: 't' },
      createdAt: '2025-01-01',
      description: '',
      entities: [
        { id: 'shop:p', type: 'shop', props: { name: marker } },
        {
          id: 'evidence:p',
          type: 'evidence',
          props: {
            file: 'evidence/p.pdf',
            sha256: createHash('sha256').update(evidence).digest('hex'),
            mediaType: 'application/pdf',
          },
        },
      ],
      links: [{ type: 'evidences', from: 'evidence:p', to: 'shop:p', props: {} }],
      evidence: [{ path: 'evidence/p.pdf', mediaType: 'application/pdf', data: evidence }],
    });
    const pass = join(inputs, 'pass');
    writeFileSync(pass, 'a long enough passphrase');
    const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp };
    const c = join(caseDir, 'case.ringlens');
    expect(
      spawnSync(process.execPath, [cli, 'init', c, '--passphrase-file', pass], { env }).status,
    ).toBe(0);
    const r = spawnSync(
      process.execPath,
      [cli, 'import', c, bundle.file, '--allow-unsigned', '--passphrase-file', pass],
      { env, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    // And a real export: the demo bundle's top ring as a referral packet.
    const demo = join(import.meta.dirname, '../../../resources/demo');
    expect(
      spawnSync(
        process.execPath,
        [
          cli,
          'keys',
          'add',
          c,
          join(demo, 'demo-issuer.pub.pem'),
          '--name',
          'demo',
          '--passphrase-file',
          pass,
        ],
        { env },
      ).status,
    ).toBe(0);
    expect(
      spawnSync(
        process.execPath,
        [cli, 'import', c, join(demo, 'demo-bundle.rlb.zip'), '--passphrase-file', pass],
        { env },
      ).status,
    ).toBe(0);
    const rings = JSON.parse(
      spawnSync(process.execPath, [cli, 'rings', c, '--json', '--passphrase-file', pass], {
        env,
        encoding: 'utf8',
      }).stdout,
    ) as { rings: { id: string }[] };
    const out = join(root, 'exports');
    mkdirSync(out);
    const exp = spawnSync(
      process.execPath,
      [
        cli,
        'export',
        c,
        '--type',
        'referral',
        '--ring',
        rings.rings[0]!.id,
        '--out',
        join(out, 'p.zip'),
        '--date',
        new Date().toISOString().slice(0, 10),
        '--preparer',
        'Test Examiner',
        '--passphrase-file',
        pass,
      ],
      { env, encoding: 'utf8' },
    );
    expect(exp.status, exp.stderr).toBe(0);
    expect(readdirSync(out)).toEqual(['p.zip']);
    expect(readdirSync(caseDir)).toEqual(['case.ringlens']);
    expect(readdirSync(tmp).filter((f) => !f.startsWith('tsx-'))).toEqual([]);
    const bytes = readFileSync(c);
    expect(bytes.includes(Buffer.from(marker))).toBe(false);
    expect(bytes.includes(Buffer.from('%PDF-1.4'))).toBe(false);
  });
});
