/**
 * The Electron fuses the installers get (issue 16, fault 14). electron-builder flips them
 * from electron-builder.yml's `electronFuses`; this reads that file and runs electron-builder's
 * own translation into @electron/fuses options, so a typo in a key name fails here.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { FuseV1Options } from '@electron/fuses';
import { PlatformPackager } from 'app-builder-lib';

const config = load(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'electron-builder.yml'), 'utf8'),
) as { asar?: boolean; electronFuses?: Record<string, boolean> };

describe('Electron fuses in the build', () => {
  it('turn off RunAsNode, NODE_OPTIONS, --inspect and file:// privileges; turn on asar integrity', async () => {
    expect(config.asar).toBe(true);
    const packager = PlatformPackager.prototype as unknown as {
      generateFuseConfig(f: unknown): Promise<Record<number, boolean>>;
    };
    const fuses = await packager.generateFuseConfig.call({}, config.electronFuses);
    expect(fuses[FuseV1Options.RunAsNode]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(fuses[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    // Every key in the file reached a fuse: none was misspelt and silently ignored.
    const known = Object.keys(config.electronFuses!).filter(
      (k) => k !== 'resetAdHocDarwinSignature',
    );
    expect(Object.keys(fuses).filter((k) => /^\d+$/.test(k))).toHaveLength(known.length);
  });
});
