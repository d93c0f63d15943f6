/**
 * The implementation of every API method, on the core. `Handlers` is derived from the
 * contract, so a method without a handler (or with the wrong types) does not compile.
 */
import { evidenceForDisplay } from '../media/display';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { API, type Method, type Output } from '../../../shared/api/contract';
import { RinglensError, type ErrorInfo, type Result } from '../../../shared/errors';
import type { GraphElements } from '../../../shared/api/contract';
import { caseInfo } from '../store/case-info';
import { passphraseAdvice } from '../store/passphrase-strength';
import { importBundle } from '../bundle/import';
import { inspectBundle } from '../bundle/inspect';
import { appendAudit, listAudit, verifyAuditChain } from '../audit/log';
import { issuerDisagreements } from '../bundle/issuer-statements';
import { analyseCase, entityRefs, findRing } from '../graph/analyse';
import { entitySources } from '../graph/explain';
import { ringTimeline } from '../graph/timeline';
import { setHubOverride } from '../graph/hub-overrides';
import { findPaths } from '../graph/path-query';
import { analyseComplainants } from '../graph/complainants';
import { complainantDetail } from '../graph/complainant-detail';
import { analyseHotspots } from '../graph/hotspots';
import { getLinkGraph, linkTypeOf } from '../graph/link-graph';
import { demoBundlePath } from '../demo/paths';
import { edgeSources, probableElements } from '../graph/ring-graph';
import { cachedRing } from '../graph/ring-cache';
import { searchEntities } from '../graph/entity-search';
import { chartElements } from '../graph/chart-elements';
import { caseOverview } from '../graph/case-overview';
import { epochNow, recordSpan, timed } from '../util/timing-spans';
import type { Session } from './session';
import { buildPacketContent } from '../evidence/model';
import { exportPacket } from '../evidence/packet';
import { TITLES } from '../evidence/pdf';
import { basename } from 'node:path';
import { writeFileAtomic } from '../util/durable-file';
import { importMappedCsv, previewMappedCsv } from '../interop/csv-mapping';
import { exportInterop } from '../interop/export';
import { lifecycleHandlers } from './lifecycle-handlers';
import { identityHandlers } from './identity-handlers';
import { matterHandlers } from './matter-handlers';
import { csvHead, saveMapping, savedMappings } from '../interop/saved-mappings';
import {
  caseFileHandlers,
  type CaseFileMethod,
  type FileShellHandlers,
} from './case-file-handlers';
import { prepareFileArguments } from './file-grants';
import { userErrorOf, validationError } from './user-errors';
import { UNCANCELLABLE, type OperationContext } from './operations';
import { OperationId } from '../../../shared/api/operations';

export type Handlers = {
  [M in Method]: (
    input: ParsedInput<M>,
    operation: OperationContext,
  ) => Promise<Output<M>> | Output<M>;
};
type ParsedInput<M extends Method> = import('zod').infer<(typeof API)[M]['input']>;

export interface HandlerOptions {
  /** Opens (creating if needed) the demo case; the shells decide where it lives. */
  readonly openDemo: () => Promise<void>;
  /** Where the list of recent cases is kept (none: no list). */
  readonly recentFile?: string;
  /** The shell's file dialogs (Electron) or folder chooser (web mode). */
  readonly files?: Partial<FileShellHandlers>;
}

export function createHandlers(session: Session, options: HandlerOptions): Handlers {
  const db = () => session.db();
  const base: Omit<Handlers, CaseFileMethod> = {
    ...lifecycleHandlers(session),
    ...identityHandlers(session),
    ...matterHandlers(session),
    'case.status': () => session.status(),
    'case.create': ({ path, passphrase }) => session.create(path, passphrase),
    'case.open': ({ path, passphrase }) => session.open(path, passphrase),
    'case.openDemo': async () => {
      await options.openDemo();
      return session.status();
    },
    'case.lock': () => session.lock('user'),
    'case.unlock': ({ passphrase }) => session.unlock(passphrase),
    'case.setAutoLock': ({ minutes }) => session.setAutoLock(minutes),
    'case.summary': () => {
      const info = caseInfo(db());
      return { path: session.status().path ?? '', ...info, bundles: [...info.bundles] };
    },
    'passphrase.advice': ({ passphrase }) => ({
      ...passphraseAdvice(passphrase),
      warnings: [...passphraseAdvice(passphrase).warnings],
    }),
    'bundle.demoPath': () => ({ path: demoBundlePath() }),
    'bundle.inspect': ({ path }) => inspectBundle(path, { db: db() }),
    'bundle.import': ({ path, allowUnsigned, acceptSigner }, operation) =>
      importBundle({ path: session.status().path!, db: db() }, path, {
        actor: session.actor,
        allowUnsigned,
        acceptSigner,
        onProgress: importProgress(session, operation),
      }),
    'entities.list': ({ type, offset, limit }) => {
      const d = db();
      const total = (
        d.prepare('SELECT count(*) AS n FROM entities WHERE type = ?').get(type) as { n: number }
      ).n;
      const rows = (
        d
          .prepare(
            'SELECT id, key, type, label, props FROM entities WHERE type = ? ORDER BY id LIMIT ? OFFSET ?',
          )
          .all(type, limit, offset) as {
          id: number;
          key: string;
          type: string;
          label: string;
          props: string;
        }[]
      ).map((r) => ({
        ...r,
        props: JSON.parse(r.props) as Record<string, unknown>,
      }));
      return { total, rows };
    },
    'entity.get': ({ id }) => entityDetail(db(), id),
    'evidence.get': ({ sha256 }) => {
      const row = db()
        .prepare('SELECT media_type, data FROM evidence_blobs WHERE sha256 = ?')
        .get(sha256) as { media_type: string; data: Buffer } | undefined;
      if (!row) throw new RinglensError('NOT_FOUND', `no evidence file ${sha256}`);
      return evidenceForDisplay(row.media_type, row.data);
    },
    'note.add': ({ entityId, text }) => {
      const d = db();
      const key = entityKeyOf(d, entityId);
      const at = new Date().toISOString();
      const id = d.transaction(() => {
        const r = d
          .prepare('INSERT INTO notes (object, text, author, created_at) VALUES (?, ?, ?, ?)')
          .run(`entity:${key}`, text, session.actor, at);
        appendAudit(d, {
          actor: session.actor,
          action: 'note.add',
          object: `entity:${key}`,
          details: { text },
          at,
        });
        return Number(r.lastInsertRowid);
      })();
      return { id, text, author: session.actor, createdAt: at };
    },
    'tag.set': ({ entityId, tag, on }) => {
      const d = db();
      const object = `entity:${entityKeyOf(d, entityId)}`;
      d.transaction(() => {
        const changed = on
          ? d.prepare('INSERT OR IGNORE INTO tags (object, tag) VALUES (?, ?)').run(object, tag)
              .changes
          : d.prepare('DELETE FROM tags WHERE object = ? AND tag = ?').run(object, tag).changes;
        if (changed)
          appendAudit(d, {
            actor: session.actor,
            action: on ? 'tag.add' : 'tag.remove',
            object,
            details: { tag },
          });
      })();
      return d
        .prepare('SELECT tag FROM tags WHERE object = ? ORDER BY tag')
        .pluck()
        .all(object) as string[];
    },
    'rings.list': () => analyseCase(db()).analysis,
    'rings.setHubDecision': ({ key, decision, reason }) => ({
      decisions: setHubOverride(db(), { key, decision, reason, actor: session.actor }).length,
    }),
    'ring.get': ({ ringId }) => {
      const d = db();
      const ctx = timed('ring.get: analyse', () => analyseCase(d));
      const ring = findRing(ctx, ringId);
      const pos = d
        .prepare('SELECT positions FROM ring_views WHERE ring_id = ?')
        .pluck()
        .get(ringId) as string | undefined;
      // The evidence graph only, cached per ring; the probable edges follow (ring.probable).
      const { explanation, graph } = cachedRing(d, ctx, ringId);
      return {
        ring,
        explanation,
        graph,
        positions: pos ? (JSON.parse(pos) as Record<string, { x: number; y: number }>) : null,
        record: ctx.analysis.record,
      };
    },
    'ring.probable': ({ ringId }) => {
      const d = db();
      const ctx = analyseCase(d);
      findRing(ctx, ringId);
      return timed('ring.probable: candidates', () =>
        probableElements(d, ctx, cachedRing(d, ctx, ringId).graph.nodes),
      );
    },
    'ring.timeline': ({ ringId }) => {
      const d = db();
      const events = ringTimeline(d, analyseCase(d), ringId);
      return { events: events.slice(0, 5000), total: events.length };
    },
    'ring.savePositions': ({ ringId, positions }) => {
      const d = db();
      d.prepare(
        `INSERT INTO ring_views (ring_id, positions, updated_at, updated_by) VALUES (?, ?, ?, ?)
        ON CONFLICT (ring_id) DO UPDATE SET positions = excluded.positions, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(ringId, JSON.stringify(positions), new Date().toISOString(), session.actor);
      return { saved: Object.keys(positions).length };
    },
    'graph.neighbours': ({ entityId, limit }) => {
      const d = db();
      const g = getLinkGraph(d);
      if (entityId >= g.size) throw new RinglensError('NOT_FOUND', `no entity ${entityId}`);
      const ids = new Set<number>([entityId]);
      const edges: GraphElements['edges'] = [];
      for (
        let i = g.adjStart[entityId]!;
        i < g.adjStart[entityId + 1]! && edges.length < limit;
        i++
      ) {
        const e = g.adjEdge[i]!;
        ids.add(g.edgeSrc[e]!);
        ids.add(g.edgeDst[e]!);
        edges.push({
          id: `e${g.edgeLinkId[e]}`,
          source: `n${g.edgeSrc[e]}`,
          target: `n${g.edgeDst[e]}`,
          type: linkTypeOf(g, e),
          number: 0,
        });
      }
      const refs = entityRefs(d, g, undefined, ids);
      return {
        nodes: [...refs.values()].map((r) => ({
          id: `n${r.id}`,
          entityId: r.id,
          type: r.type,
          label: r.label,
          role: 'other' as const,
        })),
        edges,
      };
    },
    'search.entities': ({ query, limit }) => searchEntities(db(), query, limit),
    'graph.entities': ({ entityIds, drawn }) => chartElements(db(), entityIds, drawn),
    'graph.edgeSources': ({ edgeIds }) => edgeSources(db(), edgeIds),
    'graph.overview': ({ maxElements }) => caseOverview(db(), maxElements),
    'path.find': ({ from, to, k, maxHops }) => findPaths(db(), from, to, { k, maxHops }),
    'complainants.list': () => analyseComplainants(db()),
    'complainant.get': ({ key }) => complainantDetail(db(), key),
    'hotspots.get': ({ topN }) => analyseHotspots(db(), topN),
    'packet.preview': (o) => {
      const c = buildPacketContent(db(), o, basename(session.status().path ?? 'case'));
      const sections = c.ring
        ? [
            'Cover and contents',
            'Executive summary',
            'Ring figure and interrelation',
            o.type === 'civil-sellers' ? 'Schedule of defendants' : 'Members of the ring',
            ...(c.infringement.length ? ['Infringement chart'] : []),
            'Exhibit list and exhibit pages',
            'Transactions',
            'IP complaints',
            'Timeline',
            'Chain of custody',
            'Hash certification (FRE 902(13)/(14) draft)',
            'Analysis record and sources',
            ...(c.caseStatus ? ['Case status and outcomes'] : []),
            'Quality checks before export',
          ]
        : [
            'Cover and contents',
            'Complainant statistics (DSA Art. 23(3))',
            'Schedule of complaints',
            'Hash certification',
            'Sources',
            'Quality checks before export',
          ];
      return {
        title: TITLES[o.type]!,
        redaction: c.redaction,
        sections,
        exhibits: c.exhibits.map((x) => ({
          number: x.number,
          name: x.name,
          sha256: x.sha256,
          mediaType: x.mediaType,
        })),
        defendants: c.defendants.length,
        sharedIdentifiers: c.sharedIdentifiers.length,
        orders: c.orders.length,
        complaints: c.complaints.length,
        masked: c.masked.size,
      };
    },
    'packet.export': ({ out, ...o }, operation) =>
      exportPacket(db(), session.status().path ?? 'case', o, out, session.actor, operation),
    'csv.preview': async ({ csvPath, mapping }) => {
      const p = await previewMappedCsv(
        { path: session.status().path!, db: db() },
        csvPath,
        mapping,
      );
      return {
        ...p,
        entities: p.entities.map((e) => ({
          id: e.id,
          type: e.type,
          props: e.props,
        })),
        links: p.links.map((l) => ({ type: l.type, from: l.from, to: l.to })),
        total: p.report.entities,
      };
    },
    'csv.head': ({ csvPath }) => csvHead(csvPath),
    'csv.mappings': () => savedMappings(db()),
    'csv.saveMapping': ({ mapping }) => saveMapping(db(), mapping, session.actor),
    'csv.import': ({ csvPath, mapping, allowUnsigned }, operation) =>
      importMappedCsv({ path: session.status().path!, db: db() }, csvPath, mapping, {
        actor: session.actor,
        allowUnsigned,
        onProgress: importProgress(session, operation),
      }),
    'operation.cancel': ({ operation }) => ({ cancelled: session.operations.cancel(operation) }),
    'interop.export': async ({ format, ringId, entityIds, redact, out }, operation) => {
      const d = db();
      await operation.step(
        format === 'review' ? 'building the review pack' : 'collecting the export',
      );
      // The export's audit entry and its file stand or fall together: a cancel, or a file that
      // cannot be written, leaves neither.
      d.exec('SAVEPOINT interop_export');
      try {
        const e = exportInterop(d, {
          format,
          ringId,
          selection: entityIds ? new Set(entityIds) : undefined,
          redact,
          date: new Date().toISOString().slice(0, 10),
          actor: session.actor,
        });
        await operation.step('writing the file');
        writeFileAtomic(out, e.text);
        d.exec('RELEASE interop_export');
        return { file: out, items: e.items, sha256: e.sha256 };
      } catch (err) {
        d.exec('ROLLBACK TO interop_export');
        d.exec('RELEASE interop_export');
        throw err;
      }
    },
    'audit.list': ({ afterSeq, limit }) => {
      const d = db();
      const v = verifyAuditChain(d);
      return {
        entries: listAudit(d, { afterSeq, limit }),
        verified: v.ok,
        head: v.ok ? v.head : '',
      };
    },
  };
  return { ...base, ...caseFileHandlers(session, options, base) };
}

function entityKeyOf(db: Database, id: number): string {
  const row = db.prepare('SELECT key FROM entities WHERE id = ?').get(id) as
    { key: string } | undefined;
  if (!row) throw new RinglensError('NOT_FOUND', `no entity ${id}`);
  return row.key;
}

function entityDetail(db: Database, id: number): Output<'entity.get'> {
  const e = db.prepare('SELECT id, key, type, label, props FROM entities WHERE id = ?').get(id) as
    { id: number; key: string; type: string; label: string; props: string } | undefined;
  if (!e) throw new RinglensError('NOT_FOUND', `no entity ${id}`);
  const sources = entitySources(db, [id]).get(id) ?? [];
  const statements = (
    db
      .prepare('SELECT props FROM statements WHERE entity = ? ORDER BY bundle, file, line')
      .pluck()
      .all(id) as string[]
  ).map((props, i) => ({
    props: JSON.parse(props) as Record<string, unknown>,
    source: sources[i]!,
  }));
  const linkedRows = db
    .prepare(
      `SELECT l.id, l.type, 'out' AS direction, o.id AS oid, o.key, o.type AS otype, o.label FROM links l JOIN entities o ON o.id = l.dst WHERE l.src = @id
      UNION ALL SELECT l.id, l.type, 'in', o.id, o.key, o.type, o.label FROM links l JOIN entities o ON o.id = l.src WHERE l.dst = @id
      ORDER BY 1 LIMIT 200`,
    )
    .all({ id }) as {
    id: number;
    type: string;
    direction: 'out' | 'in';
    oid: number;
    key: string;
    otype: string;
    label: string;
  }[];
  const linkedTotal = (
    db
      .prepare(
        'SELECT (SELECT count(*) FROM links WHERE src = @id) + (SELECT count(*) FROM links WHERE dst = @id) AS n',
      )
      .get({ id }) as { n: number }
  ).n;
  const props = JSON.parse(e.props) as Record<string, unknown>;
  const evidenceIds = [
    ...(e.type === 'evidence' ? [id] : []),
    ...linkedRows.filter((l) => l.otype === 'evidence').map((l) => l.oid),
  ];
  const evidence = evidenceIds
    .map(
      (eid) =>
        db
          .prepare(
            `SELECT json_extract(props, '$.sha256') AS sha256, json_extract(props, '$.mediaType') AS mediaType, label AS name FROM entities WHERE id = ?`,
          )
          .get(eid) as { sha256: string; mediaType: string; name: string },
    )
    .filter((x) => x.sha256);
  const object = `entity:${e.key}`;
  return {
    entity: { ...e, props },
    statements,
    linked: linkedRows.map((l) => ({
      linkId: l.id,
      type: l.type,
      direction: l.direction,
      entity: { id: l.oid, key: l.key, type: l.otype, label: l.label },
    })),
    linkedTotal,
    evidence,
    notes: db
      .prepare(
        'SELECT id, text, author, created_at AS createdAt FROM notes WHERE object = ? ORDER BY id',
      )
      .all(object) as Output<'entity.get'>['notes'],
    tags: db
      .prepare('SELECT tag FROM tags WHERE object = ? ORDER BY tag')
      .pluck()
      .all(object) as string[],
    disagreements: issuerDisagreements(db, id),
  };
}

/** Methods that answer at once instead of queueing behind running work. */
const IMMEDIATE = new Set<string>(['operation.cancel']);

/**
 * Import progress goes to the UI, and between rows the import stops if it was cancelled (the
 * import then rolls back). After "done" the rows are committed: too late to cancel honestly.
 */
function importProgress(session: Session, operation: OperationContext) {
  return (p: Parameters<Session['emitProgress']>[0]) => {
    session.emitProgress(p);
    operation.progress(IMPORT_PHASE_WORDS[p.phase], p.bytes, p.totalBytes);
    if (p.phase !== 'done') operation.checkpoint();
  };
}

const IMPORT_PHASE_WORDS: Record<Parameters<Session['emitProgress']>[0]['phase'], string> = {
  hashing: 'checking the file',
  verifying: 'verifying hashes and signature',
  entities: 'reading entities',
  links: 'reading links',
  evidence: 'storing evidence files',
  committing: 'saving to the case',
  done: 'done',
};

/**
 * Validates the input with the contract, runs the handler on the session's queue, and
 * returns a Result: errors cross the boundary as data, never as exceptions.
 */
export async function dispatch(
  session: Session,
  handlers: Handlers,
  method: string,
  rawInput: unknown,
  call: { operation?: string } = {},
): Promise<Result<unknown>> {
  // Own properties only: `constructor`, `__proto__` or `toString` must not reach Object.prototype.
  const spec = Object.hasOwn(API, method)
    ? (API as Record<string, (typeof API)[Method]>)[method]
    : undefined;
  if (!spec)
    return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `unknown method ${method}` } };
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success)
    return { ok: false, error: validationError(method, parsed.error.issues[0]!) };
  try {
    if (!Object.hasOwn(handlers, method))
      return {
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: `unknown method ${method}` },
      };
    const handler = handlers[method as Method] as (
      input: unknown,
      operation: OperationContext,
    ) => unknown;
    // File arguments are resolved and checked before any work starts (file-grants.ts).
    const input = prepareFileArguments(method, parsed.data, session.grants);
    // A cancel must overtake the work it cancels, so it does not wait in the session's queue.
    if (IMMEDIATE.has(method)) return { ok: true, value: await handler(input, UNCANCELLABLE) };
    const operation = OperationId.safeParse(call.operation).data;
    const { context, end } = session.operations.begin(operation);
    try {
      // Spans: the wait in the queue and the handler's own time (util/timing-spans.ts).
      const queued = epochNow();
      const value = await session.run(async () => {
        const started = epochNow();
        recordSpan(`${method}: queued`, queued, started);
        try {
          return await handler(input, context);
        } finally {
          recordSpan(`${method}: handler`, started);
        }
      });
      return { ok: true, value };
    } finally {
      end();
    }
  } catch (e) {
    if (e instanceof RinglensError) return { ok: false, error: e.toInfo() };
    const error: ErrorInfo = userErrorOf(e);
    return { ok: false, error };
  }
}
