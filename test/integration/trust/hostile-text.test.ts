/**
 * Issue 16, fault 10: names with terminal escapes, bidi overrides and XML-forbidden characters
 * (accepted/control-characters.zip, scripts/make-hostile-corpus.ts). Checked as a user meets
 * them: the CLI's bytes on stdout (no ESC, BEL, C1 or U+202E reaches the terminal; each shows as
 * ⟨U+XXXX⟩), its JSON (exact values, \u-escaped), GraphML and GEXF read by networkx
 * (/usr/bin/python3), and the packet: its ring.graphml read by networkx and its PDF's text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox, type CliRun } from '../../support/cli';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'artifacts', 'hostile-text');
const ACCEPTED = join(import.meta.dirname, '..', '..', 'fixtures', 'hostile', 'accepted');
const want = (
  JSON.parse(readFileSync(join(ACCEPTED, 'expectations.json'), 'utf8')) as Record<
    string,
    { hostileNames: string[] }
  >
)['control-characters.zip']!;
/** What a terminal acts on or reorders by: C0 but tab/newline, DEL, C1, bidi, BOM, U+FFFE/F. */
// eslint-disable-next-line no-control-regex -- these are the characters the test looks for
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/;

let dir: string;
let run: (...args: string[]) => CliRun;
let kase: string;
let ringId: string;

const networkx = (fn: 'read_graphml' | 'read_gexf', file: string) =>
  JSON.parse(
    execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        `import sys, json, networkx as nx
g = getattr(nx, sys.argv[1])(sys.argv[2])
print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "labels": sorted(str(d.get("label", "")) for _, d in g.nodes(data=True))}))`,
        fn,
        file,
      ],
      { encoding: 'utf8' },
    ),
  ) as { nodes: number; edges: number; labels: string[] };

beforeAll(() => {
  ({ dir, run } = cliSandbox());
  kase = join(dir, 'case.ringlens');
  for (const args of [
    ['init', kase],
    ['import', kase, join(ACCEPTED, 'control-characters.zip'), '--accept-signer'],
  ]) {
    const r = run(...args);
    if (r.code !== 0) throw new Error(`ringlens ${args.join(' ')}: ${r.err}`);
  }
  const rings = JSON.parse(run('rings', kase, '--json').out) as { rings: { id: string }[] };
  ringId = rings.rings[0]!.id;
}, 120_000);

describe('control and bidi characters in names', () => {
  it('never reach the terminal raw from rings, ring or info, and show as ⟨U+XXXX⟩', () => {
    for (const args of [
      ['rings', kase],
      ['ring', kase, ringId],
      ['info', kase],
    ]) {
      const r = run(...args);
      expect(r.code, r.err).toBe(0);
      expect(r.out, `ringlens ${args[0]}`).not.toMatch(RAW);
      expect(r.err).not.toMatch(RAW);
    }
    const ring = run('ring', kase, ringId).out;
    expect(ring).toContain('⟨U+001B⟩[2J⟨U+001B⟩]0;pwned⟨U+0007⟩Seller');
    // (The vertical tab was folded to a space on import, as white space in names is.)
    expect(ring).toContain('Shop ⟨U+202E⟩gnp.exe ⟨U+0085⟩⟨U+0001⟩ ⟨U+FFFE⟩⟨U+FFFF⟩');
  });

  it('stay exact in --json, escaped so the terminal never acts on them', () => {
    const r = run('ring', kase, ringId, '--json');
    expect(r.out).not.toMatch(RAW);
    expect(r.out).toContain('\\u202e');
    const labels = JSON.stringify(JSON.parse(r.out));
    // The exact stored values (the vertical tab was folded to a space on import).
    expect(labels).toContain(JSON.stringify(want.hostileNames[0]).slice(1, -1));
    expect(labels).toContain(
      JSON.stringify(want.hostileNames[1]!.replace('\u000b', ' ')).slice(1, -1),
    );
  });

  it('leave GraphML and GEXF well-formed: networkx reads every node', () => {
    for (const [format, reader] of [
      ['graphml', 'read_graphml'],
      ['gexf', 'read_gexf'],
    ] as const) {
      const out = join(dir, `case.${format}`);
      const r = run('export', kase, '--format', format, '--out', out);
      expect(r.code, r.err).toBe(0);
      const g = networkx(reader, out);
      expect(g.nodes, format).toBe(5);
      expect(g.labels.join('\n'), format).toContain(
        'Shop \u202egnp.exe \u0085⟨U+0001⟩ ⟨U+FFFE⟩⟨U+FFFF⟩',
      );
    }
  });

  it("print visibly in the packet's PDF and keep its ring.graphml readable", () => {
    const zip = join(dir, 'packet.zip');
    const r = run(
      'export',
      kase,
      '--type',
      'civil-sellers',
      '--ring',
      ringId,
      '--preparer',
      'Jane Examiner',
      '--out',
      zip,
    );
    expect(r.code, r.err).toBe(0);
    const root = join(dir, 'packet');
    execFileSync('unzip', ['-q', zip, '-d', root]);
    const text = execFileSync('pdftotext', [join(root, 'packet.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('‹U+202E›gnp.exe');
    expect(text).toContain('‹U+001B›[2J');
    // eslint-disable-next-line no-control-regex -- ESC is what must not be there
    expect(text).not.toMatch(/[\u001b\u202e\u0085]/);
    // Kept for a person to look at: the first page that names the shop.
    const page = text.split('\f').findIndex((p) => p.includes('gnp.exe')) + 1;
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', [
      '-r',
      '60',
      '-png',
      '-f',
      `${page}`,
      '-l',
      `${page}`,
      '-singlefile',
      join(root, 'packet.pdf'),
      join(ARTIFACTS, 'packet-page'),
    ]);
    const graphml = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' })
      .split('\n')
      .find((f) => f.endsWith('ring.graphml'))!;
    const g = networkx('read_graphml', join(root, graphml));
    expect(g.nodes).toBeGreaterThanOrEqual(4);
  });
});
