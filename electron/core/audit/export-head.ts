/**
 * The audit head an export carries, and how it is read back. A GraphML, GEXF or review-pack
 * file that left the case holds the chain's head at the moment it was written, so it can
 * later witness that the chain was not cut or rewritten (`ringlens verify --witness`), as a
 * packet's manifest does. Each format carries it where its own readers look:
 * - GraphML: two graph attributes (networkx: `G.graph['ringlens_audit_head']`);
 * - GEXF: the `<meta>` description (GEXF has no graph attributes);
 * - review pack (HTML): a `<meta name="ringlens-audit-head">` and a visible line.
 * FtM streams carry none: FtM has no stream header, and a field on every entity would
 * travel into Aleph with each one.
 */
export interface AuditHeadRef {
  readonly seq: number;
  readonly hash: string;
}

export const GRAPHML_HEAD_SEQ = 'ringlens_audit_head_seq';
export const GRAPHML_HEAD_HASH = 'ringlens_audit_head';
export const HTML_HEAD_META = 'ringlens-audit-head';

const HEX64 = /^[0-9a-f]{64}$/;

/** The head in words, as GEXF's description and the review pack print it. */
export function describeHead(head: AuditHeadRef): string {
  return `Ringlens audit log head at export: entry ${head.seq}, SHA-256 ${head.hash}`;
}

const DESCRIBED = /Ringlens audit log head at export: entry (\d+), SHA-256 ([0-9a-f]{64})/;

/** The attributes of one XML start tag, by name. */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out.set(m[1]!, m[2] ?? m[3] ?? '');
  return out;
}

function head(seq: string | undefined, hash: string | undefined): AuditHeadRef | null {
  if (seq === undefined || hash === undefined) return null;
  const n = Number(seq.trim());
  const h = hash.trim();
  return Number.isSafeInteger(n) && n >= 0 && HEX64.test(h) ? { seq: n, hash: h } : null;
}

/** The head a GraphML file states, found by attribute name (a tool that re-saved it may rename key ids). */
function graphmlHead(text: string): AuditHeadRef | null {
  const ids = new Map<string, string>();
  for (const m of text.matchAll(/<key\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const name = a.get('attr.name');
    if (a.get('for') === 'graph' && (name === GRAPHML_HEAD_SEQ || name === GRAPHML_HEAD_HASH))
      ids.set(name, a.get('id') ?? '');
  }
  const dataOf = (name: string) => {
    const id = ids.get(name);
    if (id === undefined) return undefined;
    for (const m of text.matchAll(/<data\b([^>]*)>([^<]*)<\/data>/g))
      if (attributes(m[1]!).get('key') === id) return m[2];
    return undefined;
  };
  return head(dataOf(GRAPHML_HEAD_SEQ), dataOf(GRAPHML_HEAD_HASH));
}

function htmlHead(text: string): AuditHeadRef | null {
  for (const m of text.matchAll(/<meta\b[^>]*>/gi)) {
    const a = attributes(m[0]);
    if (a.get('name') !== HTML_HEAD_META) continue;
    const [seq, hash] = (a.get('content') ?? '').split(/\s+/);
    return head(seq, hash);
  }
  return null;
}

export type ExportKind = 'graphml' | 'gexf' | 'review-pack';

/** Which export a text's start shows, or null when it is none of them. */
export function exportKindOf(start: string): ExportKind | null {
  if (/<graphml\b/.test(start)) return 'graphml';
  if (/<gexf\b/.test(start)) return 'gexf';
  if (/^\s*<!doctype html/i.test(start)) return 'review-pack';
  return null;
}

/** The head an export states, or null when it states none. */
export function readExportHead(kind: ExportKind, text: string): AuditHeadRef | null {
  if (kind === 'graphml') return graphmlHead(text);
  if (kind === 'review-pack') return htmlHead(text);
  const m = DESCRIBED.exec(text);
  return m ? head(m[1], m[2]) : null;
}
