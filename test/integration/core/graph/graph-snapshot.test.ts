/**
 * The persisted graph snapshot (migration 009) must give exactly the graph a full load from
 * the rows gives: after the import that built it, after a later import read on top of it,
 * and after edits it cannot follow by appending (then it must be ignored, not trusted).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCase, openCase, type CaseStore } from '../../../../electron/core/store/open';
import { importBundle } from '../../../../electron/core/bundle/import';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import {
  getLinkGraph,
  loadLinkGraph,
  type LinkGraph,
} from '../../../../electron/core/graph/link-graph';
import { graphGeneration, readGraphSnapshot } from '../../../../electron/core/graph/graph-snapshot';
import { forgetStoredAnalysis } from '../../../../electron/core/graph/analysis-cache';
import { REF_CACHE_SETTING } from '../../../../electron/core/graph/graph-snapshot-refs';
import { DATE_PROPS } from '../../../../electron/core/graph/entity-facts';
import { generatedCase } from '../../../support/generated-case';
import { ringRows, smallBundle } from '../../../support/bundles';

const PASS = 'test passphrase';
let store: CaseStore;
let dir: string;
let path: string;
beforeAll(async () => {
  ({ store, dir } = await generatedCase(23, 600));
  path = store.path;
});
afterAll(() => closeCase(store));

/** Every array of the graph, as plain lists, for deep equality. */
function arrays(g: LinkGraph) {
  return {
    size: g.size,
    edgeCount: g.edgeCount,
    maxEntityId: g.maxEntityId,
    maxLinkId: g.maxLinkId,
    nodeType: Array.from(g.nodeType),
    edgeSrc: Array.from(g.edgeSrc),
    edgeDst: Array.from(g.edgeDst),
    edgeType: Array.from(g.edgeType),
    edgeLinkId: Array.from(g.edgeLinkId),
    adjStart: Array.from(g.adjStart),
    adjEdge: Array.from(g.adjEdge),
    fpListing: Array.from(g.fingerprints.listing),
    fpValue: [...g.fingerprints.value],
    fpDistinct: [...(g.fingerprints.distinct ?? [])],
    fpIndex: Array.from(g.fingerprints.valueIndex ?? []),
    latestDate: Array.from(g.facts!.dateIndex, (i) => (i < 0 ? null : g.facts!.dates[i])),
    flags: Array.from(g.facts!.flags),
    amount: Array.from(g.facts!.amount, (a) => (Number.isNaN(a) ? null : a)),
  };
}

/** Closes and reopens the case, so nothing is left in memory from before. */
function reopen(): CaseStore {
  closeCase(store);
  store = openCase(path, PASS);
  return store;
}

describe('the graph snapshot kept in the case', () => {
  it('is written by the import and read back identical to a load from the rows', () => {
    const s = reopen();
    const generation = graphGeneration(s.db)!;
    const snapshot = readGraphSnapshot(s.db, generation);
    expect(snapshot, 'the import left a current snapshot').not.toBeNull();
    const fromRows = loadLinkGraph(s.db);
    expect(snapshot!.graph.edgeCount).toBe(fromRows.edgeCount);
    expect(fromRows.fingerprints.value.length).toBeGreaterThan(100);
    expect(arrays(getLinkGraph(s.db))).toEqual(arrays(fromRows));
  });

  it('carries the facts scoring reads exactly as the parsed properties give them', () => {
    const s = reopen();
    const { facts } = getLinkGraph(s.db);
    const rows = s.db.prepare('SELECT id, props FROM entities').all() as {
      id: number;
      props: string;
    }[];
    let counterfeit = 0;
    let dated = 0;
    for (const { id, props } of rows) {
      const p = JSON.parse(props) as Record<string, unknown>;
      const dates = DATE_PROPS.map((k) => p[k]).filter((d): d is string => typeof d === 'string');
      const latest = dates.length ? dates.reduce((a, b) => (b > a ? b : a)) : null;
      const i = facts!.dateIndex[id]!;
      expect(i >= 0 ? facts!.dates[i] : null, `latest date of entity ${id}`).toBe(latest);
      if (latest) dated++;
      const isCounterfeit = p.testBuy === true && p.verdict === 'counterfeit';
      if (isCounterfeit) counterfeit++;
      expect(Boolean(facts!.flags[id]! & 1), `test buy of ${id}`).toBe(isCounterfeit);
      expect(Boolean(facts!.flags[id]! & 2), `report of ${id}`).toBe(
        isCounterfeit && typeof p.reportEvidenceId === 'string' && p.reportEvidenceId !== '',
      );
      expect(Boolean(facts!.flags[id]! & 4), `outcome of ${id}`).toBe(p.outcome === 'upheld');
      const amount = facts!.amount[id]!;
      expect(Number.isNaN(amount) ? undefined : amount, `amount of ${id}`).toBe(
        typeof p.amount === 'number' ? p.amount : undefined,
      );
    }
    expect(counterfeit, 'the generated case has counterfeit test buys').toBeGreaterThan(0);
    expect(dated).toBeGreaterThan(1000);
  });

  it('takes a later import on top of it and gives the same rings as a load from the rows', async () => {
    const s = reopen();
    const before = analyseCase(s.db).analysis;
    const extra = await smallBundle(dir, 'later', ringRows('z'));
    await importBundle(s, extra.file, { allowUnsigned: true, actor: 'tester' });
    const s2 = reopen();
    const snapshot = readGraphSnapshot(s2.db, graphGeneration(s2.db)!);
    expect(snapshot!.graph.maxLinkId, 'the snapshot covers the new links').toBe(
      loadLinkGraph(s2.db).maxLinkId,
    );
    expect(arrays(getLinkGraph(s2.db))).toEqual(arrays(loadLinkGraph(s2.db)));
    const after = analyseCase(s2.db).analysis;
    expect(after.rings.length).toBe(before.rings.length + 1);
    expect(after.record.inputHash).not.toBe(before.record.inputHash);
  });

  it('keeps the entity refs an analysis named, so the reopened case gives the same rings from one row', () => {
    const keptRow = (s: CaseStore) =>
      s.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(REF_CACHE_SETTING) as
        string | undefined;
    let s = reopen();
    s.db.prepare('DELETE FROM settings WHERE key = ?').run(REF_CACHE_SETTING);
    // Each analysis here runs detection: a stored analysis (analysis-cache.ts) would be loaded
    // whole and read no refs at all.
    forgetStoredAnalysis(s.db);
    s = reopen();
    const fromRows = analyseCase(s.db).analysis;
    const named = fromRows.rings
      .flatMap((r) => [...(r.members ?? []), ...r.identifiers])
      .map((r) => r.id)
      .filter((id) => id > 0);
    expect(named.length).toBeGreaterThan(20);
    const kept = new Set((JSON.parse(keptRow(s) ?? '{"ids":[]}') as { ids: number[] }).ids);
    expect(
      named.filter((id) => !kept.has(id)),
      'every entity the rings name is kept',
    ).toEqual([]);
    forgetStoredAnalysis(s.db);
    s = reopen();
    const fromKept = analyseCase(s.db).analysis;
    expect(fromKept.rings).toEqual(fromRows.rings);
    expect(fromKept.suppressedHubs).toEqual(fromRows.suppressedHubs);
    // A label changed with the entity's properties (as filling an FtM placeholder does)
    // bumps the graph generation: the kept refs are then ignored and the new label shown.
    const member = fromKept.rings[0]!.members![0]!;
    s.db
      .prepare(
        `UPDATE entities SET label = 'Renamed seller', props = json_set(props, '$.renamed', 1) WHERE id = ?`,
      )
      .run(member.id);
    s = reopen();
    const renamed = analyseCase(s.db)
      .analysis.rings.flatMap((r) => r.members ?? [])
      .find((m) => m.id === member.id);
    expect(renamed?.label).toBe('Renamed seller');
  });

  it('is not trusted after an edit it cannot follow: photos changed, a type changed, a link removed', () => {
    const edits = [
      `UPDATE entities SET props = json_set(props, '$.imageFingerprints', json_array('00ff00ff00ff00ff')) WHERE id = (SELECT min(id) FROM entities WHERE type = 'listing')`,
      `UPDATE entities SET type = 'company' WHERE id = (SELECT min(id) FROM entities WHERE type = 'seller')`,
      `DELETE FROM statements WHERE link = (SELECT min(id) FROM links WHERE type = 'uses');
       DELETE FROM links WHERE id = (SELECT min(id) FROM links WHERE type = 'uses')`,
    ];
    for (const sql of edits) {
      let s = reopen();
      getLinkGraph(s.db);
      const generation = graphGeneration(s.db)!;
      s.db.exec(sql);
      expect(graphGeneration(s.db), sql).toBe(generation + 1);
      expect(readGraphSnapshot(s.db, generation + 1), sql).toBeNull();
      // In the same session and in the next one, the graph is the rows' graph.
      expect(arrays(getLinkGraph(s.db)), sql).toEqual(arrays(loadLinkGraph(s.db)));
      s = reopen();
      expect(arrays(getLinkGraph(s.db)), sql).toEqual(arrays(loadLinkGraph(s.db)));
    }
    const changed = loadLinkGraph(store.db);
    expect(changed.fingerprints.value).toContain('00ff00ff00ff00ff');
  });

  it('is ignored when its blobs do not add up, and rewritten', () => {
    const s = reopen();
    s.db.exec(`UPDATE graph_snapshot SET edge_src = zeroblob(8)`);
    const generation = graphGeneration(s.db)!;
    expect(readGraphSnapshot(s.db, generation)).toBeNull();
    expect(arrays(getLinkGraph(s.db))).toEqual(arrays(loadLinkGraph(s.db)));
    expect(readGraphSnapshot(s.db, generation)).not.toBeNull();
  });

  it('leaves a case opened read-only untouched', () => {
    closeCase(store);
    const ro = openCase(path, PASS, { readonly: true });
    try {
      expect(arrays(getLinkGraph(ro.db))).toEqual(arrays(loadLinkGraph(ro.db)));
    } finally {
      closeCase(ro);
    }
    store = openCase(path, PASS);
  });
});
