/**
 * Exports for other tools and people, one function for the CLI and the app: FtM, GraphML
 * or GEXF of a ring, a selection or the whole case, or a ring's review pack. Each export
 * is recorded in the audit log with its hash; GraphML, GEXF and the review pack also carry
 * the audit head at export, so each can witness the chain later (audit/export-head.ts).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RinglensError } from '../../../shared/errors';
import { appendAudit, auditHead } from '../audit/log';
import { sha256Hex } from '../util/hash';
import { exportFtm } from './ftm';
import {
  caseExchangeGraph,
  ringEntityIds,
  ringExchangeGraph,
  selectionExchangeGraph,
  toGexf,
  toGraphml,
} from './graph-exchange';
import { buildReviewPack } from './review-pack';

export type InteropFormat = 'ftm' | 'graphml' | 'gexf' | 'review';

export interface InteropRequest {
  readonly format: InteropFormat;
  readonly ringId?: string | undefined;
  /** A selection of entities (by id); exclusive with a ring. */
  readonly selection?: ReadonlySet<number> | undefined;
  readonly redact?: boolean;
  readonly date: string;
  readonly actor: string;
}

export interface InteropExport {
  readonly text: string;
  readonly sha256: string;
  /** FtM objects, or nodes and edges, or 1 for a review pack. */
  readonly items: number;
  readonly nodes?: number;
  readonly edges?: number;
}

/** Entity ids for keys given on a command line; an unknown key is refused by name. */
export function idsForKeys(db: Database, keys: readonly string[]): Set<number> {
  const get = db.prepare('SELECT id FROM entities WHERE key = ?').pluck();
  return new Set(
    keys.map((k) => {
      const id = get.get(k) as number | undefined;
      if (id === undefined)
        throw new RinglensError('NOT_FOUND', `no entity "${k}" in this case`, {
          field: '--entities',
          hint: 'give entity keys as `ringlens info` and the entity table show them',
        });
      return id;
    }),
  );
}

export function exportInterop(db: Database, r: InteropRequest): InteropExport {
  if (r.ringId && r.selection)
    throw new RinglensError('INVALID_ARGUMENT', 'export a ring or a selection, not both', {
      field: 'entityIds',
    });
  if (r.format === 'review') {
    if (!r.ringId)
      throw new RinglensError('INVALID_ARGUMENT', 'a review pack needs a ring', {
        field: 'ringId',
      });
    // The review pack records its own audit entry (with its redaction).
    const pack = buildReviewPack(db, {
      ringId: r.ringId,
      redact: r.redact ?? false,
      date: r.date,
      actor: r.actor,
    });
    return { text: pack.html, sha256: pack.sha256, items: 1 };
  }
  let out: InteropExport;
  if (r.format === 'ftm') {
    const lines = [
      ...exportFtm(db, r.selection ?? (r.ringId ? ringEntityIds(db, r.ringId) : undefined)),
    ].map((o) => JSON.stringify(o));
    const text = lines.length ? `${lines.join('\n')}\n` : '';
    out = { text, sha256: sha256Hex(text), items: lines.length };
  } else {
    const g = r.selection
      ? selectionExchangeGraph(db, r.selection)
      : r.ringId
        ? ringExchangeGraph(db, r.ringId)
        : caseExchangeGraph(db);
    // The file carries the head before its own entry, as a packet does: it witnesses the
    // chain up to the moment it was made.
    const head = auditHead(db);
    const text = r.format === 'graphml' ? toGraphml(g, head) : toGexf(g, head);
    out = {
      text,
      sha256: sha256Hex(text),
      items: g.nodes.length + g.edges.length,
      nodes: g.nodes.length,
      edges: g.edges.length,
    };
  }
  appendAudit(db, {
    actor: r.actor,
    action: 'interop.export',
    object: r.ringId ? `ring:${r.ringId}` : 'case',
    details: {
      format: r.format,
      sha256: out.sha256,
      items: out.items,
      ...(r.selection ? { selection: [...r.selection].sort((a, b) => a - b) } : {}),
    },
  });
  return out;
}
