/**
 * Set-based writing of an import: validated rows are staged in TEMP tables (in memory,
 * outside the encrypted file) with multi-row INSERTs, then merged into the case with one
 * statement per table and batch.
 *
 * Why: the per-row route (an upsert, an alias upsert, two look-ups and a provenance insert
 * for every row, each a round trip through the driver) spent most of an import in the
 * driver, not in SQLite. The merge statements keep the per-row semantics exactly: rows are
 * upserted in file order (`ORDER BY seq`), so repeated keys merge their properties in the
 * same order, and every check the per-row route made (type clash, id clash, unknown link
 * end, self link, disallowed link) is one query over the batch that reports the first
 * offending line of the user's file.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { RinglensError } from '../../../shared/errors';
import { linkAllows } from '../../../shared/domain/link-types';
import type { EntityType } from '../../../shared/domain/entity-types';
import type { LinkType } from '../../../shared/domain/link-types';
import type { ScopedIds } from './issuer-scope';

/** Rows per multi-row INSERT into the staging tables. */
const ROWS_PER_INSERT = 200;

const ENTITY_COLS = ['line', 'id', 'key', 'type', 'label', 'props'] as const;
const LINK_COLS = ['line', 'type', 'src_alias', 'dst_alias', 'label', 'props'] as const;

function multiInsert(db: Database, table: string, cols: readonly string[], rows: number) {
  const tuple = `(${cols.map(() => '?').join(',')})`;
  return db.prepare(
    `INSERT INTO ${table} (${cols.join(',')}) VALUES ${Array(rows).fill(tuple).join(',')}`,
  );
}

/** Writes staged batches of one import; `create` once inside the import's transaction. */
export class StageWriter {
  private readonly many: { entities: Statement; links: Statement };
  private readonly one: { entities: Statement; links: Statement };
  private readonly sql: Record<string, Statement>;

  constructor(
    private readonly db: Database,
    private readonly bundleRow: number,
    private readonly scope: string,
    private readonly ids: ScopedIds,
  ) {
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS stage_entities (
        seq INTEGER PRIMARY KEY, line INTEGER NOT NULL, id TEXT NOT NULL, key TEXT NOT NULL,
        type TEXT NOT NULL, label TEXT NOT NULL, props TEXT NOT NULL, entity INTEGER);
      CREATE TEMP TABLE IF NOT EXISTS stage_links (
        seq INTEGER PRIMARY KEY, line INTEGER NOT NULL, type TEXT NOT NULL,
        src_alias TEXT NOT NULL, dst_alias TEXT NOT NULL, label TEXT NOT NULL,
        props TEXT NOT NULL, src INTEGER, dst INTEGER);
      DELETE FROM temp.stage_entities;
      DELETE FROM temp.stage_links;`);
    this.many = {
      entities: multiInsert(db, 'temp.stage_entities', ENTITY_COLS, ROWS_PER_INSERT),
      links: multiInsert(db, 'temp.stage_links', LINK_COLS, ROWS_PER_INSERT),
    };
    this.one = {
      entities: multiInsert(db, 'temp.stage_entities', ENTITY_COLS, 1),
      links: multiInsert(db, 'temp.stage_links', LINK_COLS, 1),
    };
    const p = (s: string) => db.prepare(s);
    this.sql = {
      mergeEntities: p(`INSERT INTO main.entities (key, type, label, props)
        SELECT key, type, label, props FROM temp.stage_entities ORDER BY seq
        ON CONFLICT (key) DO UPDATE SET props = json_patch(entities.props, excluded.props)`),
      typeClash: p(`SELECT s.line, s.id, s.type, e.type AS existing FROM temp.stage_entities s
        JOIN main.entities e ON e.key = s.key WHERE e.type <> s.type ORDER BY s.seq LIMIT 1`),
      fillEntity: p(`UPDATE temp.stage_entities SET entity = e.id FROM main.entities e
        WHERE e.key = stage_entities.key`),
      mergeAliases: p(`INSERT INTO main.entity_aliases (alias, entity)
        SELECT id, entity FROM temp.stage_entities WHERE key <> id ORDER BY seq
        ON CONFLICT (alias) DO NOTHING`),
      staged: p('SELECT line, id, entity FROM temp.stage_entities ORDER BY seq'),
      entityStatements: p(`INSERT INTO main.statements (bundle, file, line, entity, link, props)
        SELECT ?, ?, line, entity, NULL, props FROM temp.stage_entities ORDER BY seq`),
      // This issuer's claims first, then aliases, then keys: the per-row look-up's order.
      resolveEnds: p(`UPDATE temp.stage_links SET
        src = coalesce((SELECT entity FROM main.id_claims WHERE scope = @scope AND id = src_alias),
                       (SELECT entity FROM main.entity_aliases WHERE alias = src_alias),
                       (SELECT id FROM main.entities WHERE key = src_alias)),
        dst = coalesce((SELECT entity FROM main.id_claims WHERE scope = @scope AND id = dst_alias),
                       (SELECT entity FROM main.entity_aliases WHERE alias = dst_alias),
                       (SELECT id FROM main.entities WHERE key = dst_alias))`),
      firstUnresolved: p(`SELECT seq, line, src_alias, dst_alias, src, dst FROM temp.stage_links
        WHERE src IS NULL OR dst IS NULL OR src = dst ORDER BY seq LIMIT 1`),
      endTypes: p(`SELECT s.type AS lt, f.type AS ft, t.type AS tt, min(s.seq) AS seq
        FROM temp.stage_links s JOIN main.entities f ON f.id = s.src
        JOIN main.entities t ON t.id = s.dst GROUP BY 1, 2, 3`),
      lineOf: p('SELECT line FROM temp.stage_links WHERE seq = ?'),
      mergeLinks: p(`INSERT INTO main.links (type, src, dst, label, props)
        SELECT type, src, dst, label, props FROM temp.stage_links ORDER BY seq
        ON CONFLICT (src, dst, type, label) DO UPDATE SET props = json_patch(links.props, excluded.props)`),
      linkStatements: p(`INSERT INTO main.statements (bundle, file, line, entity, link, props)
        SELECT ?, ?, s.line, NULL, l.id, s.props FROM temp.stage_links s
        JOIN main.links l ON l.src = s.src AND l.dst = s.dst AND l.type = s.type AND l.label = s.label
        ORDER BY s.seq`),
      clearEntities: p('DELETE FROM temp.stage_entities'),
      clearLinks: p('DELETE FROM temp.stage_links'),
    };
  }

  private stage(kind: 'entities' | 'links', flat: unknown[], width: number): void {
    const rows = flat.length / width;
    const full = Math.floor(rows / ROWS_PER_INSERT);
    const per = ROWS_PER_INSERT * width;
    for (let i = 0; i < full; i++) this.many[kind].run(flat.slice(i * per, (i + 1) * per));
    for (let i = full * ROWS_PER_INSERT; i < rows; i++)
      this.one[kind].run(flat.slice(i * width, (i + 1) * width));
  }

  /** Merges one batch of entity rows of one file (flat, as staged-rows.ts makes them); throws at the first offending line. */
  writeEntities(flat: unknown[], file: string, fileId: number): void {
    if (flat.length === 0) return;
    // Identifiers meet across issuers by identity; anything else by id within its issuer only.
    for (let k = 0; k < flat.length; k += 6)
      if (flat[k + 2] === flat[k + 1]) flat[k + 2] = this.ids.keyFor(flat[k + 1] as string);
    this.stage('entities', flat, ENTITY_COLS.length);
    const s = this.sql;
    s.mergeEntities!.run();
    const clash = s.typeClash!.get() as
      { line: number; id: string; type: string; existing: string } | undefined;
    if (clash)
      throw new RinglensError(
        'ROW_INVALID',
        `id "${clash.id}" is a ${clash.type} here but already names a ${clash.existing}`,
        {
          file,
          line: clash.line,
          field: 'type',
          hint: 'one id must always denote the same kind of entity',
        },
      );
    s.fillEntity!.run();
    for (const r of s.staged!.all() as {
      line: number;
      id: string;
      entity: number;
    }[]) {
      if (this.ids.claim(r.id, r.entity)) continue;
      throw new RinglensError(
        'ROW_INVALID',
        `id "${r.id}" already names a different ${this.ids.claimed(r.id)?.type ?? 'entity'} from this issuer`,
        {
          file,
          line: r.line,
          field: 'id',
          hint: "an issuer's ids are its own: use a new id for a different entity",
        },
      );
    }
    // The case-wide alias serves search and paths; the first entity to use an id keeps it.
    s.mergeAliases!.run();
    s.entityStatements!.run(this.bundleRow, fileId);
    s.clearEntities!.run();
  }

  /** Merges one batch of link rows of one file; throws at the first offending line. */
  writeLinks(flat: unknown[], file: string, fileId: number): void {
    if (flat.length === 0) return;
    this.stage('links', flat, LINK_COLS.length);
    const s = this.sql;
    s.resolveEnds!.run({ scope: this.scope });
    // The first bad row of the batch, whichever check it fails, as the per-row route reported it.
    const bad: { seq: number; error: RinglensError }[] = [];
    const end = s.firstUnresolved!.get() as
      | {
          seq: number;
          line: number;
          src_alias: string;
          dst_alias: string;
          src: number | null;
          dst: number | null;
        }
      | undefined;
    if (end) {
      const missing = end.src === null ? 'from' : end.dst === null ? 'to' : undefined;
      const error = missing
        ? new RinglensError(
            'ROW_INVALID',
            `refers to "${missing === 'from' ? end.src_alias : end.dst_alias}", which is neither in this bundle nor in the case`,
            { file, line: end.line, field: missing },
          )
        : new RinglensError('ROW_INVALID', `links "${end.src_alias}" to itself`, {
            file,
            line: end.line,
            field: 'to',
          });
      bad.push({ seq: end.seq, error });
    }
    for (const t of s.endTypes!.all() as {
      lt: LinkType;
      ft: EntityType;
      tt: EntityType;
      seq: number;
    }[]) {
      if (linkAllows(t.lt, t.ft, t.tt)) continue;
      const { line } = s.lineOf!.get(t.seq) as { line: number };
      bad.push({
        seq: t.seq,
        error: new RinglensError(
          'ROW_INVALID',
          `a "${t.lt}" link cannot go from a ${t.ft} to a ${t.tt}`,
          { file, line, field: 'type' },
        ),
      });
    }
    if (bad.length > 0) throw bad.sort((a, b) => a.seq - b.seq)[0]!.error;
    s.mergeLinks!.run();
    s.linkStatements!.run(this.bundleRow, fileId);
    s.clearLinks!.run();
  }
}
