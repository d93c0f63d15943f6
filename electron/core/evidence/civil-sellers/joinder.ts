/**
 * The joinder exhibit (FRCP 20): a grid of Doe by shared identifier. A cell holds the source
 * row(s) of the links tying that Doe's seller account or stores to the identifier; the PDF
 * adds the Bates page where the identifier's sources are printed. Courts sever Schedule A
 * defendants whose relation is not shown, so a Doe tied to the others by one identifier
 * only (or by none) is flagged for counsel to weigh.
 */
import type { RingExplanation, SourceRow } from '../../../../shared/analysis/schemas';
import type { DoeFacts } from './facts';

export interface JoinderColumn {
  /** The identifier's number in the packet's shared-identifier table. */
  readonly n: number;
  readonly type: string;
  readonly label: string;
  readonly key: string;
  /** Does using it (numbers). */
  readonly does: readonly number[];
}

export interface JoinderRow {
  readonly doe: string;
  readonly alias: string;
  /** Identifier number -> the source rows (bundle file:line) of the Doe's links to it. */
  readonly cells: ReadonlyMap<number, readonly string[]>;
  /** Identifiers tying this Doe to at least one other Doe. */
  readonly ties: readonly number[];
  /** Empty, or why counsel should look at this Doe's joinder. */
  readonly flag: string;
}

export interface JoinderGrid {
  readonly columns: readonly JoinderColumn[];
  readonly rows: readonly JoinderRow[];
  /** Shared identifiers of the ring used by one Doe only (two stores of one seller). */
  readonly singleDoeIdentifiers: number;
}

const src = (s: SourceRow) => `${s.bundleId} ${s.file}:${s.line}`;

export function joinderGrid(
  explanation: RingExplanation,
  facts: readonly DoeFacts[],
  does: readonly { doe: string; alias: string }[],
): JoinderGrid {
  const doeOf = new Map<number, number>();
  facts.forEach((f, i) => f.memberIds.forEach((id) => doeOf.set(id, i)));
  const perIdentifier = explanation.sharedIdentifiers.map((s, i) => {
    const users = new Map<number, Set<string>>();
    for (const m of s.members) {
      const d = doeOf.get(m.id);
      if (d === undefined) continue;
      const direct = s.links.filter((l) => l.from.id === m.id || l.to.id === m.id);
      // A bank account behind payment accounts: the chain's links are the Doe's evidence.
      const chain = direct.length ? direct : s.links;
      const set = users.get(d) ?? new Set<string>();
      for (const l of chain) for (const r of l.sources) set.add(src(r));
      users.set(d, set);
    }
    return {
      column: {
        n: i + 1,
        type: s.identifier.type.replace('_', ' '),
        label: s.identifier.label,
        key: s.identifier.key,
        does: [...users.keys()].sort((a, b) => a - b).map((d) => d + 1),
      },
      users,
    };
  });
  const shared = perIdentifier.filter((p) => p.users.size >= 2);
  const rows: JoinderRow[] = does.map((d, i) => {
    const cells = new Map<number, string[]>();
    for (const p of shared) {
      const s = p.users.get(i);
      if (s) cells.set(p.column.n, [...s].sort());
    }
    const ties = [...cells.keys()];
    const flag =
      ties.length === 0
        ? 'not tied to another Doe by a shared identifier'
        : ties.length === 1
          ? `tied to the other Does by one identifier only (#${ties[0]})`
          : '';
    return { doe: d.doe, alias: d.alias, cells, ties, flag };
  });
  return {
    columns: shared.map((p) => p.column),
    rows,
    singleDoeIdentifiers: perIdentifier.length - shared.length,
  };
}
