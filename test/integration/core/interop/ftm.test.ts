/** FollowTheMoney: Ringlens → FtM → Ringlens keeps every entity, link and property (evidence bytes aside). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoCase } from '../../../../electron/core/demo/build-demo-case';
import { closeCase, createCase, type CaseStore } from '../../../../electron/core/store/open';
import {
  exportFtm,
  importFtm,
  looksLikeFtm,
  PLACEHOLDER_NOTE,
} from '../../../../electron/core/interop/ftm';
import { tempDir } from '../../../support/bundles';
import { Model, defaultModel } from '@alephdata/followthemoney';
import { storeDigest } from '../../../support/digest';

let source: CaseStore;
let dir: string;
beforeAll(async () => {
  dir = tempDir('ringlens-ftm-');
  source = await buildDemoCase(join(dir, 'demo.ringlens'));
});
afterAll(() => {
  closeCase(source);
  rmSync(dir, { recursive: true, force: true });
});

const content = (s: CaseStore) => ({
  // Evidence files cannot travel in FtM; their entities and links are checked separately below.
  entities: s.db
    .prepare(`SELECT key, type, props FROM entities WHERE key NOT LIKE 'evidence:%' ORDER BY key`)
    .all(),
  links: s.db
    .prepare(
      `SELECT l.type, a.key AS src, b.key AS dst, l.label, l.props FROM links l JOIN entities a ON a.id = l.src JOIN entities b ON b.id = l.dst WHERE a.key NOT LIKE 'evidence:%' ORDER BY 1, 2, 3, 4`,
    )
    .all(),
});

describe('FollowTheMoney', () => {
  it("exports only what Aleph's own model accepts: known, concrete schemata and properties, references that resolve, FtM dates and countries", () => {
    // @alephdata/followthemoney is OCCRP's JavaScript implementation of the model Aleph validates against.
    const model = new Model(defaultModel);
    const objects = [...exportFtm(source.db)];
    const ids = new Set(objects.map((o) => o.id));
    const problems: string[] = [];
    for (const o of objects) {
      let entity;
      try {
        entity = model.getEntity(o);
      } catch (e) {
        problems.push(`${o.schema} ${o.id}: ${(e as Error).message}`);
        continue;
      }
      if (entity.schema.abstract) problems.push(`${o.schema} is abstract`);
      for (const [name, values] of Object.entries(o.properties)) {
        const type = entity.schema.getProperty(name).type.name;
        for (const v of values) {
          if (type === 'entity' && !ids.has(v))
            problems.push(`${o.schema}.${name} points at ${v}, which is not in the stream`);
          if (type === 'date' && !/^\d{4}(-\d{2}(-\d{2}(T[\d:.]+Z?)?)?)?$/.test(v))
            problems.push(`${o.schema}.${name}: "${v}" is not an FtM date`);
          if (type === 'country' && !/^[a-z]{2}(-[a-z]+)?$/.test(v))
            problems.push(`${o.schema}.${name}: "${v}" is not an FtM country code`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(new Set(objects.map((o) => o.schema))).toContain('UnknownLink');
  });

  it('round-trips a case: every entity, link and property comes back', async () => {
    const file = join(dir, 'case.ftm.jsonl');
    const objects = [...exportFtm(source.db)];
    writeFileSync(file, `${objects.map((o) => JSON.stringify(o)).join('\n')}\n`);
    expect(await looksLikeFtm(file)).toBe(true);
    expect(
      objects.every(
        (o) =>
          typeof o.id === 'string' &&
          typeof o.schema === 'string' &&
          Object.values(o.properties).every(
            (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
          ),
      ),
    ).toBe(true);
    const target = createCase(join(dir, 'copy.ringlens'), 'pass');
    await expect(importFtm(target, file, { actor: 't' })).rejects.toMatchObject({
      code: 'BUNDLE_UNSIGNED',
    });
    const r = await importFtm(target, file, { actor: 't', allowUnsigned: true });
    expect(r.bundle.entityRows).toBe(
      objects.filter((o) => !['UnknownLink', 'Ownership'].includes(o.schema)).length,
    );
    expect(content(target)).toEqual(content(source));
    // Evidence comes back as Documents with every property, and their links as labelled links.
    const docs = target.db
      .prepare(
        `SELECT count(*) FROM entities WHERE type = 'thing' AND json_extract(props, '$.schema') = 'Document'`,
      )
      .pluck()
      .get();
    expect(docs).toBe(
      source.db.prepare(`SELECT count(*) FROM entities WHERE type = 'evidence'`).pluck().get(),
    );
    expect(
      target.db
        .prepare(`SELECT count(*) FROM links WHERE type = 'related' AND label = 'evidences'`)
        .pluck()
        .get(),
    ).toBe(source.db.prepare(`SELECT count(*) FROM links WHERE type = 'evidences'`).pluck().get());
    // Idempotent: the same stream again changes nothing.
    const before = storeDigest(target.db);
    expect(
      (await importFtm(target, file, { actor: 't', allowUnsigned: true })).bundle.alreadyImported,
    ).toBe(true);
    expect(storeDigest(target.db)).toBe(before);
    closeCase(target);
  });

  it('maps foreign FtM schemata and keeps unknown ones whole, reporting them', async () => {
    const file = join(dir, 'aleph.ftm.jsonl');
    const lines = [
      { id: 'p1', schema: 'Person', properties: { name: ['Wang Wei'], nationality: ['cn'] } },
      {
        id: 'c1',
        schema: 'Company',
        properties: {
          name: ['Shenzhen Trading Ltd'],
          jurisdiction: ['cn'],
          registrationNumber: ['91440300'],
        },
      },
      {
        id: 'o1',
        schema: 'Ownership',
        properties: { owner: ['p1'], asset: ['c1'], percentage: ['60'] },
      },
      { id: 'v1', schema: 'Vessel', properties: { name: ['Sea Star'], imoNumber: ['9074729'] } },
      {
        id: 'u1',
        schema: 'UnknownLink',
        properties: { subject: ['c1'], object: ['v1'], role: ['charterer'] },
      },
    ];
    writeFileSync(file, `${lines.map((o) => JSON.stringify(o)).join('\n')}\n`);
    const target = createCase(join(dir, 'aleph.ringlens'), 'pass');
    const r = await importFtm(target, file, { actor: 't', allowUnsigned: true });
    expect(r.unmapped).toEqual({ Vessel: 1 });
    // Properties with no Ringlens field are kept, not dropped.
    expect(
      JSON.parse(
        target.db.prepare(`SELECT props FROM entities WHERE key = 'p1'`).pluck().get() as string,
      ),
    ).toEqual({
      name: 'Wang Wei',
      extra: { nationality: ['cn'], 'ftm:id': ['p1'], 'ftm:schema': ['Person'] },
    });
    const types = target.db.prepare('SELECT key, type FROM entities ORDER BY key').all();
    expect(types).toEqual([
      { key: 'c1', type: 'company' },
      { key: 'p1', type: 'person' },
      { key: 'v1', type: 'thing' },
    ]);
    const vessel = JSON.parse(
      target.db.prepare(`SELECT props FROM entities WHERE key = 'v1'`).pluck().get() as string,
    );
    expect(vessel).toMatchObject({ schema: 'Vessel', properties: { imoNumber: ['9074729'] } });
    expect(target.db.prepare('SELECT type, label FROM links ORDER BY type').all()).toEqual([
      { type: 'owns', label: '' },
      { type: 'related', label: 'charterer' },
    ]);
    // The interval's own properties travel with the link.
    expect(
      JSON.parse(
        target.db.prepare(`SELECT props FROM links WHERE type = 'owns'`).pluck().get() as string,
      ),
    ).toEqual({ extra: { percentage: ['60'], 'ftm:schema': ['Ownership'], 'ftm:id': ['o1'] } });
    closeCase(target);
  });

  it('turns every interval schema of the FtM model into a link, with dates as since/until and every other property kept', async () => {
    // Every schema OCCRP's model defines as an edge, with its two ends, from the model itself.
    const model = new Model(defaultModel);
    const edges = model.getSchemata().filter((sc) => sc.edge && !sc.abstract);
    expect(edges.length).toBeGreaterThanOrEqual(15);
    const lines: object[] = [
      { id: 'a', schema: 'LegalEntity', properties: { name: ['Alpha Trading'] } },
      { id: 'b', schema: 'LegalEntity', properties: { name: ['Beta Supplies'] } },
    ];
    for (const sc of edges) {
      lines.push({
        id: `e-${sc.name}`,
        schema: sc.name,
        properties: {
          [sc.edge!.source]: ['a'],
          [sc.edge!.target]: ['b'],
          startDate: ['2023-04-01'],
          endDate: ['2024'],
          summary: [`a ${sc.name}`],
        },
      });
    }
    lines.push({
      id: 'pay',
      schema: 'Payment',
      properties: {
        payer: ['a'],
        beneficiary: ['b'],
        amount: ['125000'],
        currency: ['CNY'],
        date: ['2024-02-29'],
        purpose: ['moulds'],
      },
    });
    const file = join(dir, 'edges.ftm.jsonl');
    writeFileSync(file, `${lines.map((o) => JSON.stringify(o)).join('\n')}\n`);
    const target = createCase(join(dir, 'edges.ringlens'), 'pass');
    try {
      const r = await importFtm(target, file, { actor: 't', allowUnsigned: true });
      expect(r.unmapped).toEqual({});
      const links = (
        target.db.prepare('SELECT type, label, props FROM links').all() as {
          type: string;
          label: string;
          props: string;
        }[]
      ).map((l) => ({
        ...l,
        props: JSON.parse(l.props) as {
          since?: string;
          until?: string;
          extra: Record<string, string[]>;
        },
      }));
      const bySchema = new Map(links.map((l) => [l.props.extra['ftm:id']![0]!, l]));
      for (const sc of edges) {
        const l = bySchema.get(`e-${sc.name}`);
        expect(l, sc.name).toBeDefined();
        expect(l!.props.since).toBe('2023-04-01');
        // A partial date is no Ringlens date: it is kept as it was, not dropped.
        expect(l!.props.extra.endDate).toEqual(['2024']);
        expect(l!.props.extra.summary).toEqual([`a ${sc.name}`]);
      }
      const pay = bySchema.get('pay')!;
      // A second payment between the same two parties stays a link of its own.
      expect(bySchema.get('e-Payment')!.label).toBe('paid');
      expect(pay).toMatchObject({
        type: 'related',
        label: 'paid (pay)',
        props: {
          since: '2024-02-29',
          extra: { amount: ['125000'], currency: ['CNY'], purpose: ['moulds'] },
        },
      });
      // And back out: each interval leaves as its own schema with its properties, in terms Aleph's model accepts.
      const out = [...exportFtm(target.db)];
      const payments = out.filter((o) => o.schema === 'Payment');
      expect(payments).toHaveLength(2);
      expect(payments.find((o) => o.properties.amount)?.properties).toMatchObject({
        amount: ['125000'],
        currency: ['CNY'],
        purpose: ['moulds'],
        date: ['2024-02-29'],
      });
      for (const sc of edges)
        expect(
          out.some((o) => o.schema === sc.name),
          sc.name,
        ).toBe(true);
      for (const o of out)
        expect(() => model.getEntity(o as never), `${o.schema} ${o.id}`).not.toThrow();
    } finally {
      closeCase(target);
    }
  });

  it("keeps every value: a Payment's second beneficiary, every name in every script, an Organization as an Organization, a dangling holder as a marked placeholder", async () => {
    const file = join(dir, 'loss.ftm.jsonl');
    const lines = [
      {
        id: 'org1',
        schema: 'Organization',
        properties: { name: ['Harbour Logistics', 'Гавань Логистик'], country: ['ru'] },
        datasets: ['sanctions'],
        first_seen: '2024-01-02T00:00:00',
      },
      { id: 'p1', schema: 'Person', properties: { name: ['Ivan Petrov', 'Иван Петров'] } },
      { id: 'p2', schema: 'Person', properties: { name: ['Li Na'] } },
      {
        id: 'pay1',
        schema: 'Payment',
        properties: {
          payer: ['org1'],
          beneficiary: ['p1', 'p2'],
          amount: ['9000'],
          date: ['2024-05-01'],
        },
      },
      { id: 'pass1', schema: 'Passport', properties: { holder: ['p-missing'], number: ['X123'] } },
      { id: 's1', schema: 'Sanction', properties: { entity: ['org1'], authority: ['OFAC'] } },
      // Two addresses whose only field has several values: two warehouses, not one.
      { id: 'a1', schema: 'Address', properties: { city: ['Shenzhen', '深圳'] } },
      { id: 'a2', schema: 'Address', properties: { full: ['1 Harbour Rd', '港湾道1号'] } },
    ];
    writeFileSync(file, `${lines.map((o) => JSON.stringify(o)).join('\n')}\n`);
    const target = createCase(join(dir, 'loss.ringlens'), 'pass');
    try {
      const r = await importFtm(target, file, { actor: 't', allowUnsigned: true });
      expect(r.placeholders).toBe(1);
      const links = target.db
        .prepare(
          `SELECT l.type, a.key AS src, b.key AS dst, l.label FROM links l JOIN entities a ON a.id = l.src JOIN entities b ON b.id = l.dst ORDER BY 2, 3`,
        )
        .all();
      expect(links).toEqual([
        { type: 'related', src: 'org1', dst: 'p1', label: 'paid' },
        { type: 'related', src: 'org1', dst: 'p2', label: 'paid' },
        { type: 'related', src: 'pass1', dst: 'p-missing', label: 'identification holder' },
        { type: 'related', src: 's1', dst: 'org1', label: 'entity' },
      ]);
      const placeholder = JSON.parse(
        target.db
          .prepare(`SELECT props FROM entities WHERE key = 'p-missing'`)
          .pluck()
          .get() as string,
      );
      expect(placeholder).toMatchObject({
        schema: 'LegalEntity',
        extra: { 'ftm:placeholder': ['referenced, not in this file'] },
      });
      const out = [...exportFtm(target.db)];
      // Everything leaves as it came, and the placeholder (not in the file) does not leave at all.
      expect(out.map((o) => [o.id, o.schema]).sort()).toEqual(
        lines.map((o) => [o.id, o.schema]).sort(),
      );
      const byId = new Map(out.map((o) => [o.id, o]));
      expect(byId.get('pay1')!.properties).toEqual(lines[3]!.properties);
      expect(byId.get('org1')).toEqual(lines[0]);
      expect(byId.get('p1')!.properties.name).toEqual(['Ivan Petrov', 'Иван Петров']);
      expect(byId.get('pass1')!.properties).toEqual(lines[4]!.properties);
      expect(byId.get('a1')!.properties).toEqual(lines[6]!.properties);
      expect(byId.get('a2')!.properties).toEqual(lines[7]!.properties);
      const model = new Model(defaultModel);
      for (const o of out) expect(() => model.getEntity(o as never)).not.toThrow();
    } finally {
      closeCase(target);
    }
  });

  it('speaks of a stream, not a bundle, when it is unsigned, and cites the stream line of a bad value', async () => {
    const file = join(dir, 'bad.ftm.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a', schema: 'Person', properties: { name: ['A'] } }),
        '',
        JSON.stringify({ id: 'b', schema: 'Person', properties: { name: ['B\u0000'] } }),
      ].join('\n'),
    );
    const target = createCase(join(dir, 'bad.ringlens'), 'pass');
    try {
      const unsigned = await importFtm(target, file, { actor: 't' }).catch((e: unknown) => e);
      expect(unsigned).toMatchObject({
        code: 'BUNDLE_UNSIGNED',
        location: { file: 'bad.ftm.jsonl' },
      });
      const said = `${(unsigned as Error).message} ${(unsigned as { hint: string }).hint}`;
      expect(said).toMatch(/FollowTheMoney stream/);
      expect(said).toMatch(/--allow-unsigned/);
      expect(said).not.toMatch(/manifest|bundle/);
      const bad = await importFtm(target, file, { actor: 't', allowUnsigned: true }).catch(
        (e: unknown) => e,
      );
      expect(bad).toMatchObject({
        code: 'ROW_INVALID',
        location: { file: 'bad.ftm.jsonl', line: 3 },
      });
      expect(target.db.prepare('SELECT count(*) FROM entities').pluck().get()).toBe(0);
    } finally {
      closeCase(target);
    }
  });

  it('gives native entities stable FtM ids: exported, re-imported and exported again, the same ids', async () => {
    const first = [...exportFtm(source.db)];
    const file = join(dir, 'stable.ftm.jsonl');
    writeFileSync(file, `${first.map((o) => JSON.stringify(o)).join('\n')}\n`);
    const target = createCase(join(dir, 'stable.ringlens'), 'pass');
    try {
      await importFtm(target, file, { actor: 't', allowUnsigned: true });
      const again = new Set([...exportFtm(target.db)].map((o) => o.id));
      const entities = first.filter((o) => !['UnknownLink', 'Ownership'].includes(o.schema));
      // Evidence files come back as Documents (no bytes travel): every other entity keeps its id.
      const kept = entities.filter((o) => o.schema !== 'Document');
      expect(kept.length).toBeGreaterThan(50);
      expect(kept.filter((o) => !again.has(o.id))).toEqual([]);
    } finally {
      closeCase(target);
    }
  });

  it('links a stream to entities an earlier stream brought, instead of placeholders that would clash', async () => {
    const first = join(dir, 'first.ftm.jsonl');
    const second = join(dir, 'second.ftm.jsonl');
    writeFileSync(
      first,
      `${JSON.stringify({ id: 'px', schema: 'Person', properties: { name: ['Chen Jie'] } })}\n`,
    );
    writeFileSync(
      second,
      `${JSON.stringify({ id: 'sx', schema: 'Sanction', properties: { entity: ['px'], authority: ['MOFCOM'] } })}\n`,
    );
    const target = createCase(join(dir, 'two.ringlens'), 'pass');
    try {
      await importFtm(target, first, { actor: 't', allowUnsigned: true });
      const r = await importFtm(target, second, { actor: 't', allowUnsigned: true });
      expect(r.placeholders).toBe(0);
      expect(
        target.db
          .prepare(
            `SELECT a.key AS src, b.key AS dst, b.type FROM links l JOIN entities a ON a.id = l.src JOIN entities b ON b.id = l.dst`,
          )
          .all(),
      ).toEqual([{ src: 'sx', dst: 'px', type: 'person' }]);
    } finally {
      closeCase(target);
    }
  });

  it('fills the placeholder an earlier stream left when a later stream brings the entity', async () => {
    const first = join(dir, 'refers.ftm.jsonl');
    const second = join(dir, 'brings.ftm.jsonl');
    writeFileSync(
      first,
      `${JSON.stringify({ id: 'sy', schema: 'Sanction', properties: { entity: ['py'] } })}\n`,
    );
    writeFileSync(
      second,
      [
        JSON.stringify({ id: 'q1', schema: 'Person', properties: { name: ['Other'] } }),
        JSON.stringify({ id: 'py', schema: 'Person', properties: { name: ['Zhou Min'] } }),
      ].join('\n'),
    );
    const target = createCase(join(dir, 'fill.ringlens'), 'pass');
    try {
      expect(
        (await importFtm(target, first, { actor: 't', allowUnsigned: true })).placeholders,
      ).toBe(1);
      const row = () =>
        target.db.prepare(`SELECT id, type, label, props FROM entities WHERE key = 'py'`).get() as {
          id: number;
          type: string;
          label: string;
          props: string;
        };
      const placeholder = row();
      expect(placeholder.type).toBe('thing');
      const r = await importFtm(target, second, { actor: 't', allowUnsigned: true });
      expect(r.filledPlaceholders).toBe(1);
      const filled = row();
      expect(filled).toMatchObject({ id: placeholder.id, type: 'person', label: 'Zhou Min' });
      expect(filled.props).not.toContain(PLACEHOLDER_NOTE);
      // The Sanction's link still ends at the same row, now the person.
      expect(
        target.db
          .prepare('SELECT count(*) FROM links WHERE dst = ? OR src = ?')
          .pluck()
          .get(filled.id, filled.id),
      ).toBe(1);
      expect(
        target.db
          .prepare(`SELECT count(*) FROM audit_log WHERE action = 'ftm.placeholders.fill'`)
          .pluck()
          .get(),
      ).toBe(1);
    } finally {
      closeCase(target);
    }
  });
});
