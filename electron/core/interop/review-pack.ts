/**
 * The field-officer review pack: one self-contained HTML file for a ring, opened in any
 * browser with no network and no install. The graph (same shapes and colours as the app),
 * the members table, the explanation with its sources and the timeline, with Cytoscape
 * inlined and a CSP that forbids every fetch. Optionally redacted with a packet profile;
 * its hash is recorded in the audit log.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { analyseCase, findRing } from '../graph/analyse';
import { explainRing } from '../graph/explain';
import { ringTimeline } from '../graph/timeline';
import { layoutFigure, memberLinks } from '../evidence/figure';
import { Redactor, profileFor } from '../evidence/redaction';
import { appendAudit } from '../audit/log';
import { sha256Hex } from '../util/hash';
import { CODE_VERSION } from '../version';

const require = createRequire(import.meta.url);

const COLOURS: Record<string, string> = {
  seller: '#c0392b',
  shop: '#e67e22',
  warehouse: '#8e44ad',
  payment_account: '#27ae60',
  bank_account: '#1e8449',
  device: '#2c3e50',
  phone: '#2980b9',
  email: '#5dade2',
  ip_address: '#7f8c8d',
  person: '#d35400',
  company: '#6c3483',
  image_fingerprint: '#a04000',
  listing: '#f1c40f',
  order: '#16a085',
};

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** JSON safe to place inside a <script> element. */
const scriptJson = (v: unknown) =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export interface ReviewPackOptions {
  readonly ringId: string;
  readonly redact?: boolean;
  readonly date: string;
  readonly actor: string;
}

export function buildReviewPack(
  db: Database,
  o: ReviewPackOptions,
): { html: string; sha256: string } {
  const ctx = analyseCase(db);
  const ring = findRing(ctx, o.ringId);
  const ex = explainRing(db, ctx, o.ringId);
  const timeline = ringTimeline(db, ctx, o.ringId).slice(0, 2000);
  const positions = db
    .prepare('SELECT positions FROM ring_views WHERE ring_id = ?')
    .pluck()
    .get(o.ringId) as string | undefined;
  const figure = layoutFigure(
    ex,
    ring,
    positions ? (JSON.parse(positions) as Record<string, { x: number; y: number }>) : null,
    memberLinks(db, ring, ex),
  );
  const redactor = new Redactor(profileFor(o.redact ? 'brand-share' : 'referral'));
  if (o.redact) {
    // Personal data of third parties that a ring view can carry: order buyers in the timeline.
    for (const t of timeline) {
      const p = db
        .prepare('SELECT props FROM entities WHERE id = ?')
        .pluck()
        .get(t.entity.id) as string;
      const props = JSON.parse(p) as Record<string, unknown>;
      if (t.entity.type === 'order' && typeof props.buyer === 'string')
        redactor.field('order', 'buyer', props.buyer);
    }
  }
  const data = redactor.everywhere({
    ring: {
      id: ring.id,
      score: ring.score,
      rank: ring.rank,
      sellers: ring.sellers,
      shops: ring.shops,
    },
    summary: ex.summary,
    shared: ex.sharedIdentifiers.map((s) => ({
      type: s.identifier.type,
      label: s.identifier.label,
      members: s.members.map((m) => m.label),
      sources: [
        ...new Set(
          s.links.flatMap((l) => l.sources.map((x) => `${x.bundleId} ${x.file}:${x.line}`)),
        ),
      ],
    })),
    timeline: timeline.map((t) => ({ at: t.at, kind: t.kind, text: t.text })),
    elements: [
      ...figure.nodes.map((n) => ({
        data: {
          id: n.id,
          label: n.label,
          type: n.type,
          member: n.member ? 1 : 0,
          color: COLOURS[n.type] ?? '#95a5a6',
        },
        position: { x: n.x * 25, y: n.y * 25 },
      })),
      ...figure.edges.map((e) => ({
        data: {
          id: `e${e.n}`,
          source: e.from,
          target: e.to,
          label: `${e.n}. ${e.type.replace('_', ' ')}`,
        },
      })),
    ],
  });
  const cytoscapeJs = readFileSync(require.resolve('cytoscape/dist/cytoscape.min.js'), 'utf8');
  const title = `Ringlens review pack — ${ring.id}`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:0;color:#1b2631;font-size:13px}
header{background:#1b2631;color:#fff;padding:10px 16px}header small{color:#aab7b8}
main{display:grid;grid-template-columns:1fr 420px;gap:12px;padding:12px}
#graph{height:620px;border:1px solid #d5d8dc;background:#fff}
section{margin-bottom:12px}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e8e8;padding:3px 5px;text-align:left;vertical-align:top}
.summary{border-left:3px solid #922b21;padding:6px 8px;background:#fdfefe}.muted{color:#717d7e;font-size:11px}
</style></head><body>
<header><strong>${esc(title)}</strong> · score ${ring.score} · rank ${ring.rank} · ${esc(o.date)}${o.redact ? ' · third-party personal data redacted' : ''}<br><small>Made by Ringlens ${esc(CODE_VERSION)}. Works offline; nothing is fetched.</small></header>
<main>
<div><div id="graph" data-testid="review-graph"></div><p class="muted">Squares with a dark border are ring members; circles are shared identifiers; edge numbers match the list on the right.</p></div>
<div>
<section><h3>Why one ring</h3><div class="summary" id="summary"></div></section>
<section><h3>Members</h3><table id="members"></table></section>
<section><h3>Shared identifiers</h3><table id="shared"></table></section>
<section><h3>Timeline</h3><table id="timeline"></table></section>
</div></main>
<script>${cytoscapeJs}</script>
<script>
const DATA = ${scriptJson(data)};
const text = (el, s) => { el.textContent = s; return el; };
const row = (table, cells) => { const tr = table.insertRow(); for (const c of cells) text(tr.insertCell(), c); };
text(document.getElementById('summary'), DATA.summary);
for (const m of [...DATA.ring.sellers, ...DATA.ring.shops]) row(document.getElementById('members'), [m.type, m.key, m.label]);
DATA.shared.forEach((s, i) => row(document.getElementById('shared'), [String(i + 1), s.type.replace('_', ' ') + ': ' + s.label, s.members.join(', '), s.sources.join('; ')]));
for (const t of DATA.timeline) row(document.getElementById('timeline'), [t.at, t.kind, t.text]);
window.reviewCy = cytoscape({ container: document.getElementById('graph'), elements: DATA.elements, layout: { name: 'preset' }, style: [
  { selector: 'node', style: { 'background-color': 'data(color)', label: 'data(label)', 'font-size': 9, width: 22, height: 22, 'text-valign': 'bottom' } },
  { selector: 'node[member = 1]', style: { shape: 'round-rectangle', 'border-width': 3, 'border-color': '#641e16' } },
  { selector: 'edge', style: { width: 1.2, 'line-color': '#aab7b8', label: 'data(label)', 'font-size': 7, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#aab7b8' } },
] });
window.reviewCy.fit(undefined, 20);
document.body.setAttribute('data-ready', 'true');
</script></body></html>
`;
  const sha256 = sha256Hex(html);
  appendAudit(db, {
    actor: o.actor,
    action: 'review-pack.export',
    object: `ring:${o.ringId}`,
    details: { sha256, redacted: o.redact === true },
  });
  return { html, sha256 };
}
