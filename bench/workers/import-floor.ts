// The floor of this data model: how long SQLite alone takes to write the rows an import
// keeps (entities, links, statements, aliases, id claims, with the case's own indexes and
// foreign keys), `.import`-style: one prepared INSERT per row, one transaction, the same
// cipher, settings and journal as an import. No parsing, validation, merging or hashing is
// in the clock: an importer that did all of those for free would still take this long.
// Then the same for smaller schemas: with provenance but no aliases or claims, and entities
// and links alone.
// Args: bundle storePath
import Database from 'better-sqlite3-multiple-ciphers';
import { createCase } from '../../electron/core/store/open';
import { applyKey, tune } from '../../electron/core/store/sqlcipher';
import { importBundle } from '../../electron/core/bundle/import';
import { rollbackJournalForBulkWrite } from '../../electron/core/store/bulk-journal';
import { removeDb } from './remove-db';

const [bundle, storePath] = process.argv.slice(2) as [string, string];
const floorPath = `${storePath}.floor`;
removeDb(storePath);
removeDb(floorPath);

const store = createCase(storePath, 'bench passphrase');
const r = await importBundle(store, bundle, { allowUnsigned: true, actor: 'bench' });

/** Parents first, so the foreign keys hold as each row goes in. */
const CONTEXT = ['bundles', 'bundle_files'] as const;
const KEPT = ['entities', 'entity_aliases', 'id_claims', 'links', 'statements'] as const;
const schema = store.db
  .prepare(
    `SELECT sql FROM sqlite_schema WHERE tbl_name IN (${[...CONTEXT, ...KEPT].map(() => '?').join(',')})
       AND type IN ('table', 'index') AND sql IS NOT NULL
     ORDER BY type = 'index', rootpage`,
  )
  .pluck()
  .all(...CONTEXT, ...KEPT) as string[];
const rowsOf = (t: string) => store.db.prepare(`SELECT * FROM ${t}`).raw().all() as unknown[][];
const context = CONTEXT.map((t) => ({ t, rows: rowsOf(t) }));
const kept = KEPT.map((t) => ({ t, rows: rowsOf(t) }));
store.db.close();
removeDb(storePath);

/**
 * Writes `tables`' rows into a new file with the case's schema, cipher, settings and
 * journal; returns the seconds from BEGIN to COMMIT.
 */
function writeFloor(tables: readonly (typeof KEPT)[number][]): number {
  removeDb(floorPath);
  const db = new Database(floorPath);
  applyKey(db, 'bench passphrase');
  tune(db);
  // The journal an import writes under (store/bulk-journal.ts).
  rollbackJournalForBulkWrite(db);
  db.exec(schema.join(';\n'));
  const insertInto = (t: string, width: number) =>
    db.prepare(`INSERT INTO ${t} VALUES (${Array(width).fill('?').join(',')})`);
  for (const { t, rows } of context) for (const row of rows) insertInto(t, row.length).run(...row);

  const t0 = performance.now();
  db.exec('BEGIN');
  for (const { t, rows } of kept) {
    if (rows.length === 0 || !tables.includes(t)) continue;
    const insert = insertInto(t, rows[0]!.length);
    for (const row of rows) insert.run(...row);
  }
  db.exec('COMMIT');
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  removeDb(floorPath);
  return seconds;
}

const seconds = writeFloor(KEPT);
// Entities, links and one provenance row per input row, with no aliases or id claims (as
// if they were folded into keys): the least a schema keeping per-row provenance writes.
const provenanceOnlySeconds = writeFloor(['entities', 'links', 'statements']);
// Entities and links alone: no provenance, aliases or id claims. What any importer that
// merges rows into entities and links must write, whatever else it keeps.
const entitiesAndLinksSeconds = writeFloor(['entities', 'links']);
console.log(
  JSON.stringify({
    rows: r.entityRows + r.linkRows,
    tableRows: Object.fromEntries(kept.map(({ t, rows }) => [t, rows.length])),
    seconds,
    provenanceOnlySeconds,
    entitiesAndLinksSeconds,
  }),
);
