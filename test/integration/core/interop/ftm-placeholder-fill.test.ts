/**
 * A placeholder ("referenced, not in this file") that one FtM stream leaves must be filled
 * when a later import brings the real entity: the mark goes, the properties arrive, the
 * links stay attached, and the audit log says so. Judged on the shared real streams, each
 * split in two so that the first half's references dangle; Python's json module says what
 * the halves hold, and the case after both halves must export exactly what the whole stream holds.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Model, defaultModel } from '@alephdata/followthemoney';
import { closeCase, createCase, type CaseStore } from '../../../../electron/core/store/open';
import { exportFtm, importFtm, PLACEHOLDER_NOTE } from '../../../../electron/core/interop/ftm';
import { verifyAuditChain } from '../../../../electron/core/audit/log';
import { tempDir } from '../../../support/bundles';

const REAL = resolve('../shared/realdata/ftm');
const STREAMS = ['icij_luanda_leaks.ftm.jsonl', 'zala_sanctions_ownership.ftm.jsonl'];
const present = existsSync(REAL);
if (!present) console.log(`skipping FtM placeholder tests: ${REAL} is absent`);

function python(script: string): string {
  const r = spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return r.stdout;
}

let dir: string;
beforeAll(() => {
  dir = tempDir('ringlens-ftm-fill-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const open: CaseStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) closeCase(s);
});

const marked = (store: CaseStore) =>
  store.db
    .prepare(
      `SELECT json_extract(props, '$.extra."ftm:id"[0]') AS id, id AS row FROM entities
       WHERE json_extract(props, '$.extra."ftm:placeholder"[0]') = ?`,
    )
    .all(PLACEHOLDER_NOTE) as { id: string; row: number }[];

describe.skipIf(!present)('FtM placeholders filled by a later stream', () => {
  for (const stream of STREAMS) {
    it(`${stream} in two halves: the second half fills the first half's placeholders`, async () => {
      const file = join(REAL, stream);
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim());
      // The second half first in the file order of the split, so references in the first part dangle.
      const half = Math.floor(lines.length / 2);
      const first = join(dir, `${stream}.part1.jsonl`);
      const second = join(dir, `${stream}.part2.jsonl`);
      writeFileSync(first, `${lines.slice(half).join('\n')}\n`);
      writeFileSync(second, `${lines.slice(0, half).join('\n')}\n`);

      // Python: the ids the first part refers to (by OCCRP's entity-reference properties) but
      // does not hold, and those of them that the second part holds as entities (not intervals).
      const model = new Model(defaultModel);
      const refs: Record<string, string[]> = {};
      const edges: Record<string, [string, string]> = {};
      for (const sc of model.getSchemata()) {
        refs[sc.name] = [...sc.getProperties()]
          .filter(([, p]) => p.type.name === 'entity' && !p.stub)
          .map(([n]) => n);
        if (sc.edge) edges[sc.name] = [sc.edge.source, sc.edge.target];
      }
      const modelFile = join(dir, 'refs.json');
      writeFileSync(modelFile, JSON.stringify({ refs, edges }));
      const oracle = JSON.parse(
        python(`
import json
m = json.load(open(${JSON.stringify(modelFile)}))
def read(f): return [json.loads(l) for l in open(f, encoding='utf-8') if l.strip()]
def intervals(objs):
    out = set()
    for o in objs:
        e = m['edges'].get(o['schema'])
        if e and o['properties'].get(e[0]) and o['properties'].get(e[1]): out.add(o['id'])
    return out
a, b = read(${JSON.stringify(first)}), read(${JSON.stringify(second)})
ids_a = {o['id'] for o in a}
refd = set()
for o in a:
    for r in m['refs'][o['schema']]:
        for v in o['properties'].get(r, []): refd.add(v)
dangling = refd - ids_a
entities_b = {o['id'] for o in b} - intervals(b)
print(json.dumps({'dangling': len(dangling), 'filled': sorted(dangling & entities_b)}))
`),
      ) as { dangling: number; filled: string[] };
      expect(oracle.filled.length).toBeGreaterThan(0);

      const store = createCase(join(dir, `${stream}.ringlens`), 'pass');
      open.push(store);
      const r1 = await importFtm(store, first, { actor: 't', allowUnsigned: true });
      expect(r1.placeholders).toBe(oracle.dangling);
      const before = new Map(marked(store).map((m) => [m.id, m.row]));
      const linksBefore = store.db.prepare('SELECT id, src, dst FROM links ORDER BY id').all() as {
        id: number;
        src: number;
        dst: number;
      }[];

      const r2 = await importFtm(store, second, { actor: 't', allowUnsigned: true });
      expect(r2.filledPlaceholders).toBe(oracle.filled.length);

      // The mark is gone from every filled one, and the entity kept its row (its links with it).
      const after = new Set(marked(store).map((m) => m.id));
      for (const id of oracle.filled) {
        expect(after.has(id), `${id} is still a placeholder`).toBe(false);
        const row = store.db
          .prepare(
            `SELECT id, type, label FROM entities WHERE id = coalesce(
               (SELECT entity FROM entity_aliases WHERE alias = ?), (SELECT id FROM entities WHERE key = ?))`,
          )
          .get(id, id) as { id: number; type: string; label: string };
        expect(row.id).toBe(before.get(id));
        expect(row.label).not.toContain(PLACEHOLDER_NOTE);
      }
      const linkNow = store.db.prepare('SELECT src, dst FROM links WHERE id = ?');
      for (const l of linksBefore) expect(linkNow.get(l.id)).toEqual({ src: l.src, dst: l.dst });

      // The properties arrived: the case now exports exactly what the whole stream holds.
      const view = (
        objs: Iterable<{ id: string; schema: string; properties: Record<string, string[]> }>,
      ) =>
        Object.fromEntries(
          [...objs].map((o) => [
            o.id,
            {
              schema: o.schema,
              properties: Object.fromEntries(
                Object.entries(o.properties).map(([k, v]) => [k, [...new Set(v)].sort()]),
              ),
            },
          ]),
        );
      const whole = lines.map(
        (l) => JSON.parse(l) as Parameters<typeof view>[0] extends Iterable<infer T> ? T : never,
      );
      expect(view(exportFtm(store.db))).toEqual(view(whole));

      // The audit log says so, in the same chain.
      const entry = store.db
        .prepare(`SELECT details FROM audit_log WHERE action = 'ftm.placeholders.fill'`)
        .pluck()
        .get() as string;
      const details = JSON.parse(entry) as {
        filled: number;
        stream: string;
        entities: { id: string }[];
      };
      expect(details).toMatchObject({
        filled: oracle.filled.length,
        stream: `${stream}.part2.jsonl`,
      });
      expect(details.entities.length).toBe(Math.min(200, oracle.filled.length));
      for (const e of details.entities) expect(oracle.filled).toContain(e.id);
      expect(verifyAuditChain(store.db).ok).toBe(true);

      // Importing the second half again changes nothing and fills nothing.
      const again = await importFtm(store, second, { actor: 't', allowUnsigned: true });
      expect(again.bundle.alreadyImported).toBe(true);
      expect(again.filledPlaceholders).toBe(0);
    });
  }
});
