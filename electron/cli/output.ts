import { canonicalJson } from '../core/util/canonical-json';
import { jsonEscapeControls } from '../core/util/terminal-text';

/** Stable JSON for scripts: sorted keys, two-space indent, one trailing newline. */
export function printJson(value: unknown): void {
  // Escaped the JSON way, so the terminal guard (main.ts) finds nothing to rewrite in it.
  process.stdout.write(
    `${jsonEscapeControls(JSON.stringify(JSON.parse(canonicalJson(value)), null, 2))}\n`,
  );
}

export function printTable(
  rows: readonly (readonly (string | number)[])[],
  header: readonly string[],
): void {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  for (const r of all)
    process.stdout.write(
      `${r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    );
}
