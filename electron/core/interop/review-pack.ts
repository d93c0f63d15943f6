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
import { appendAudit, auditHead } from '../audit/log';
import { describeHead, HTML_HEAD_META } from '../audit/export-head';
import { sha256Hex } from '../util/hash';
import { CODE_VERSION } from '../version';
import { ROLE_VISUAL, shapePath, visualOf } from '../../../shared/graph/visual-language';

const require = createRequire(import.meta.url);

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

/** Graph labels on screen, in CSS pixels, at every zoom (the app's minimum is 11). */
export const REVIEW_LABEL_PX = 12;
/** The label font: Noto first, then its CJK face, so Chinese labels render with real glyphs. */
const REVIEW_LABEL_FONT =
  "'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

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
          fs: REVIEW_LABEL_PX,
          sz: 22,
          color: visualOf(n.type).color,
          shape: visualOf(n.type).shape,
        },
        position: { x: n.x * 25, y: n.y * 25 },
      })),
      ...figure.edges.map((e) => ({
        data: {
          id: `e${e.n}`,
          source: e.from,
          target: e.to,
          label: `${e.n}. ${e.type.replace('_', ' ')}`,
          fs: REVIEW_LABEL_PX - 1,
        },
      })),
    ],
  });
  // The legend shows exactly the types drawn, each swatch in the node's real shape and colour.
  const legend = [...new Set(figure.nodes.map((n) => n.type))]
    .sort()
    .map((t) => {
      const v = visualOf(t);
      return `<span class="legend-item" data-type="${esc(t)}"><svg width="14" height="14" aria-hidden="true"><path d="${shapePath(v.shape, 7, 7, 6)}" fill="${v.color}"/></svg>${esc(v.label)}</span>`;
    })
    .join('');
  const cytoscapeJs = readFileSync(require.resolve('cytoscape/dist/cytoscape.min.js'), 'utf8');
  const title = `Ringlens review pack — ${ring.id}`;
  // The head before this pack's own audit entry: the pack witnesses the chain up to here.
  const head = auditHead(db);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="${HTML_HEAD_META}" content="${head.seq} ${head.hash}">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:0;color:#1b2631;font-size:13px}
header{background:#1b2631;color:#fff;padding:10px 16px}header small{color:#aab7b8}
main{display:grid;grid-template-columns:1fr 420px;gap:12px;padding:12px}
#graph{height:620px;border:1px solid #d5d8dc;background:#fff}
section{margin-bottom:12px}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e8e8;padding:3px 5px;text-align:left;vertical-align:top}
.legend{display:flex;flex-wrap:wrap;gap:10px;font-size:11px;margin-top:4px}.legend-item{display:inline-flex;align-items:center;gap:3px}
.summary{border-left:3px solid #922b21;padding:6px 8px;background:#fdfefe}.muted{color:#717d7e;font-size:11px}
</style></head><body>
<header><strong>${esc(title)}</strong> · score ${ring.score} · rank ${ring.rank} · ${esc(o.date)}${o.redact ? ' · third-party personal data redacted' : ''}<br><small>Made by Ringlens ${esc(CODE_VERSION)}. Works offline; nothing is fetched. ${esc(describeHead(head))}.</small></header>
<main>
<div><div id="graph" data-testid="review-graph"></div><div class="legend" data-testid="review-legend">${legend}</div><p class="muted">Ring members have a thick dark outline; edge numbers match the list on the right.</p></div>
<div>
<section><h3>Why one ring</h3><div class="summary" id="summary"></div></section>
<section><h3>Members</h3><table id="members"></table></section>
<section><h3>Shared identifiers</h3><table id="shared"></table></section>
<section><h3>Timeline</h3><table id="timeline"></table></section>
</div></main>
<script>${cytoscapeJs}</script>
<script>
const DATA = ${scriptJson(data)};
const LABEL_FONT = ${scriptJson(REVIEW_LABEL_FONT)};
const LABEL_PX = ${REVIEW_LABEL_PX};
const NODE_PX = 14;
const text = (el, s) => { el.textContent = s; return el; };
const row = (table, cells) => { const tr = table.insertRow(); for (const c of cells) text(tr.insertCell(), c); };
text(document.getElementById('summary'), DATA.summary);
for (const m of [...DATA.ring.sellers, ...DATA.ring.shops]) row(document.getElementById('members'), [m.type, m.key, m.label]);
DATA.shared.forEach((s, i) => row(document.getElementById('shared'), [String(i + 1), s.type.replace('_', ' ') + ': ' + s.label, s.members.join(', '), s.sources.join('; ')]));
for (const t of DATA.timeline) row(document.getElementById('timeline'), [t.at, t.kind, t.text]);
window.reviewCy = cytoscape({ container: document.getElementById('graph'), elements: DATA.elements, layout: { name: 'preset' }, style: [
  { selector: 'node', style: { 'background-color': 'data(color)', shape: 'data(shape)', label: '', 'font-family': LABEL_FONT, 'font-size': 'data(fs)', width: 'data(sz)', height: 'data(sz)', 'text-valign': 'bottom', 'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': '1px' } },
  { selector: 'node[member = 1]', style: { 'border-width': ${ROLE_VISUAL.member.borderWidth}, 'border-color': '${ROLE_VISUAL.member.borderColor}' } },
  { selector: 'edge', style: { width: 1.2, 'line-color': '#aab7b8', label: '', 'font-family': LABEL_FONT, 'font-size': 'data(fs)', color: '#424949', 'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#aab7b8' } },
  { selector: '.labelled', style: { label: 'data(label)' } },
] });
window.reviewCy.fit(undefined, 20);
// Labels keep a readable size on screen (12 px nodes, 11 px links) at every zoom, as in the
// app: the font size in model units follows the zoom, set again once the viewport rests.
// Where labels would collide only the first placed shows (members first, then by degree),
// like map labels; link labels show only when few links are in view.
const sizeLabels = () => {
  const cy = window.reviewCy;
  const z = cy.zoom();
  const grid = new Map();
  const cell = 40;
  const keys = (b) => { const k = []; for (let x = Math.floor(b.x1 / cell); x <= Math.floor(b.x2 / cell); x++) for (let y = Math.floor(b.y1 / cell); y <= Math.floor(b.y2 / cell); y++) k.push(x * 100003 + y); return k; };
  const hits = (b) => keys(b).some((k) => (grid.get(k) || []).some((o) => b.x1 < o.x2 && b.x2 > o.x1 && b.y1 < o.y2 && b.y2 > o.y1));
  const put = (b) => keys(b).forEach((k) => (grid.get(k) || grid.set(k, []).get(k)).push(b));
  const nodes = cy.nodes().toArray().sort((a, b) => b.data('member') - a.data('member') || b.degree() - a.degree());
  const size = Math.max(22, NODE_PX / z);
  const shown = [];
  for (const n of nodes) { const p = n.renderedPosition(); const h = (size * z) / 2; put({ x1: p.x - h, y1: p.y - h, x2: p.x + h, y2: p.y + h }); }
  for (const n of nodes) {
    const p = n.renderedPosition();
    const t = String(n.data('label'));
    const cjk = (t.match(/[\u3000-\u9fff\uff00-\uffef]/g) || []).length;
    const w = (cjk + (t.length - cjk) * 0.58) * LABEL_PX + 4;
    const top = p.y + (size * z) / 2 + 2;
    const b = { x1: p.x - w / 2, y1: top, x2: p.x + w / 2, y2: top + LABEL_PX * 1.25 };
    if (hits(b)) continue;
    put(b);
    shown.push(n);
  }
  const ext = cy.extent();
  const inView = cy.edges().filter((e) => { const m = e.midpoint(); return m.x > ext.x1 && m.x < ext.x2 && m.y > ext.y1 && m.y < ext.y2; });
  cy.batch(() => {
    cy.nodes().removeClass('labelled');
    for (const n of shown) n.addClass('labelled');
    cy.edges().removeClass('labelled');
    if (inView.length <= 40) inView.addClass('labelled');
  });
  cy.batch(() => {
    cy.nodes().data({ fs: LABEL_PX / z, sz: size });
    cy.edges().data({ fs: (LABEL_PX - 1) / z });
  });
};
let resting;
window.reviewCy.on('zoom pan', () => { clearTimeout(resting); resting = setTimeout(sizeLabels, 200); });
sizeLabels();
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
