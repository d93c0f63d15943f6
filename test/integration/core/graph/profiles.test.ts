/** Analysis profiles: who the members are decides what a ring is, and the choice is recorded. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityRow, LinkRow } from '../../../../shared/bundle/schema';
import { createCase, closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { importBundle } from '../../../../electron/core/bundle/import';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import { explainRing } from '../../../../electron/core/graph/explain';
import { smallBundle, tempDir } from '../../../support/bundles';

// Two user accounts (people) who rate each other and share a device; a seller uses the same device.
const entities: EntityRow[] = [
  { id: 'person:u1', type: 'person', props: { name: 'User one' } },
  { id: 'person:u2', type: 'person', props: { name: 'User two' } },
  { id: 'person:u3', type: 'person', props: { name: 'User three' } },
  { id: 'seller:s1', type: 'seller', props: { name: 'Seller one' } },
  { id: 'device:d1', type: 'device', props: { fingerprint: 'dev-1' } },
];
const links: LinkRow[] = [
  { type: 'related', from: 'person:u1', to: 'person:u2', label: 'rated', props: {} },
  { type: 'uses', from: 'person:u2', to: 'device:d1', props: {} },
  { type: 'uses', from: 'person:u3', to: 'device:d1', props: {} },
  { type: 'uses', from: 'seller:s1', to: 'device:d1', props: {} },
];

let store: CaseStore;
let dir: string;
beforeAll(async () => {
  dir = tempDir('ringlens-profiles-');
  const b = await smallBundle(dir, 'accounts', { entities, links });
  store = createCase(join(dir, 'case.ringlens'), 'test passphrase');
  await importBundle(store, b.file, { allowUnsigned: true, actor: 'tester' });
});
afterAll(() => {
  closeCase(store);
  rmSync(dir, { recursive: true, force: true });
});

describe('analysis profiles', () => {
  it('account: people are members, tied by the rating link and the shared device', () => {
    const ctx = analyseCase(store.db, { profile: 'account' });
    const a = ctx.analysis;
    expect(a.profile).toBe('account');
    expect(a.record.parameters).toMatchObject({ profile: 'account' });
    expect(a.rings).toHaveLength(1);
    expect(a.rings[0]!.members!.map((m) => m.key).sort()).toEqual([
      'person:u1',
      'person:u2',
      'person:u3',
      'seller:s1',
    ]);
    const ex = explainRing(store.db, ctx, a.rings[0]!.id);
    expect(ex.summary).toContain('joins 4 member accounts (3 people, 1 seller account)');
    expect(ex.summary).toContain('they share 1 device');
    expect(ex.summary).toContain('1 direct link joins members to each other (1 related link)');
    expect(ex.directTies!.map((t) => [t.from.key, t.to.key])).toEqual([['person:u1', 'person:u2']]);
    expect(ex.sharedIdentifiers[0]!.members.map((m) => m.key).sort()).toEqual([
      'person:u2',
      'person:u3',
      'seller:s1',
    ]);
  });

  it('marketplace (the default here, since the case holds a seller): people are identifiers, one seller is no ring', () => {
    const a = analyseCase(store.db).analysis;
    expect(a.profile).toBe('marketplace');
    expect(a.memberAccounts).toBe(1);
    expect(a.rings).toEqual([]);
  });
});
