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
import { SCOPED_ID_SQL } from './issuer-scope';
import { BulkDigest } from '../audit/bulk-digest';

/** The content tables an import writes in bulk: their digests are kept set-based (bulk-digest.ts). */
const BULK_TABLES = ['entities', 'links', 'statements', 'entity_aliases', 'id_claims'] as const;

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

/** An insert the digest counts: RETURNING the added rows as values, and as SQL's encoding. */
interface Counted {
  readonly table: (typeof BULK_TABLES)[number];
  readonly values: Statement;
  readonly encoded: Statement | null;
}

/** Writes staged batches of one import; `create` once inside the import's transaction. */
export class StageWriter {
  private readonly many: { entities: Statement; links: Statement };
  private readonly one: { entities: Statement; links: Statement };
  private readonly sql: Record<string, Statement>;
  /** The inserts whose added rows the digest counts, each in both forms (see `insertCounted`). */
  private readonly counted: Record<
    'claim' | 'aliases' | 'entityStatements' | 'linkStatements',
    Counted
  >;
  /** Whether every string this import staged so far was well-formed (see `BulkDigest.encoded`). */
  private wellFormed: boolean;
  private readonly scopeWellFormed: boolean;
  private readonly digest: BulkDigest;
  /** The highest entity and link ids before this import: rows above them are its own. */
  private readonly before: { entities: number; links: number };
  /** Files whose ids are registered, by number (the register keeps numbers, not paths). */
  private readonly files: string[] = [];

  constructor(
    private readonly db: Database,
    private readonly bundleRow: number,
    private readonly scope: string,
  ) {
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS stage_entities (
        seq INTEGER PRIMARY KEY, line INTEGER NOT NULL, id TEXT NOT NULL, key TEXT NOT NULL,
        type TEXT NOT NULL, label TEXT NOT NULL, props TEXT NOT NULL, entity INTEGER);
      CREATE TEMP TABLE IF NOT EXISTS stage_links (
        seq INTEGER PRIMARY KEY, line INTEGER NOT NULL, type TEXT NOT NULL,
        src_alias TEXT NOT NULL, dst_alias TEXT NOT NULL, label TEXT NOT NULL,
        props TEXT NOT NULL, src INTEGER, dst INTEGER);
      CREATE TEMP TABLE IF NOT EXISTS stage_bundle_ids (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, file INTEGER NOT NULL, line INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TEMP TABLE IF NOT EXISTS stage_touched (
        tbl INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (tbl, id)) WITHOUT ROWID;
      DELETE FROM temp.stage_entities;
      DELETE FROM temp.stage_links;
      DELETE FROM temp.stage_bundle_ids;
      DELETE FROM temp.stage_touched;`);
    this.digest = new BulkDigest(db, BULK_TABLES);
    const maxId = (t: string) =>
      (db.prepare(`SELECT coalesce(max(id), 0) FROM main.${t}`).pluck().get() as number) ?? 0;
    this.before = { entities: maxId('entities'), links: maxId('links') };
    this.many = {
      entities: multiInsert(db, 'temp.stage_entities', ENTITY_COLS, ROWS_PER_INSERT),
      links: multiInsert(db, 'temp.stage_links', LINK_COLS, ROWS_PER_INSERT),
    };
    this.one = {
      entities: multiInsert(db, 'temp.stage_entities', ENTITY_COLS, 1),
      links: multiInsert(db, 'temp.stage_links', LINK_COLS, 1),
    };
    const p = (s: string) => db.prepare(s);
    this.scopeWellFormed = scope.isWellFormed();
    this.wellFormed = this.scopeWellFormed;
    // Rows an insert adds come back for the digest only where this connection keeps one:
    // as SQL's encoding of them where it can, else as values.
    const counted = (
      t: (typeof BULK_TABLES)[number],
      sql: (returning: string) => string,
    ): Counted => {
      if (!this.digest.keeps(t)) return { table: t, values: p(sql('')), encoded: null };
      const encoded = this.digest.encoded(t);
      return {
        table: t,
        values: p(sql(` RETURNING ${this.digest.columns(t)}`)),
        encoded: encoded === null ? null : p(sql(` RETURNING ${encoded}`)),
      };
    };
    const cols = (t: (typeof BULK_TABLES)[number], alias: string) =>
      this.digest.keeps(t)
        ? this.digest
            .columns(t)
            .split(', ')
            .map((c) => `${alias}.${c}`)
            .join(', ')
        : `${alias}.id`;
    this.sql = {
      registerIds: p(`INSERT INTO temp.stage_bundle_ids (id, type, file, line)
        SELECT id, type, ?, line FROM temp.stage_entities WHERE true ORDER BY seq
        ON CONFLICT (id) DO NOTHING`),
      firstRedefined: p(`SELECT s.line AS line, s.id AS id, s.type AS type, b.file AS file,
          b.line AS firstLine, b.type AS firstType
        FROM temp.stage_entities s JOIN temp.stage_bundle_ids b ON b.id = s.id
        WHERE NOT (b.file = ? AND b.line = s.line) ORDER BY s.seq LIMIT 1`),
      scopeKeys: p(SCOPED_ID_SQL.scopeKeys('temp.stage_entities')),
      // Rows from before this import that the batch will change: their old values leave the digest.
      entitiesTouched: p(`SELECT ${cols('entities', 'e')} FROM main.entities e
        WHERE e.id <= @before AND e.key IN (SELECT key FROM temp.stage_entities)
          AND NOT EXISTS (SELECT 1 FROM temp.stage_touched t WHERE t.tbl = 0 AND t.id = e.id)`),
      markEntitiesTouched: p(`INSERT OR IGNORE INTO temp.stage_touched (tbl, id)
        SELECT 0, e.id FROM main.entities e
        WHERE e.id <= @before AND e.key IN (SELECT key FROM temp.stage_entities)`),
      mergeEntities: p(`INSERT INTO main.entities (key, type, label, props)
        SELECT key, type, label, props FROM temp.stage_entities ORDER BY seq
        ON CONFLICT (key) DO UPDATE SET props = json_patch(entities.props, excluded.props)`),
      typeClash: p(`SELECT s.line, s.id, s.type, e.type AS existing FROM temp.stage_entities s
        JOIN main.entities e ON e.key = s.key WHERE e.type <> s.type ORDER BY s.seq LIMIT 1`),
      fillEntity: p(`UPDATE temp.stage_entities SET entity = e.id FROM main.entities e
        WHERE e.key = stage_entities.key`),
      firstClash: p(SCOPED_ID_SQL.firstClash('temp.stage_entities')),
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
      linksTouched: p(`SELECT ${cols('links', 'l')} FROM main.links l
        WHERE l.id IN (SELECT l2.id FROM temp.stage_links s JOIN main.links l2
            ON l2.src = s.src AND l2.dst = s.dst AND l2.type = s.type AND l2.label = s.label
          WHERE l2.id <= @before)
          AND NOT EXISTS (SELECT 1 FROM temp.stage_touched t WHERE t.tbl = 1 AND t.id = l.id)`),
      markLinksTouched: p(`INSERT OR IGNORE INTO temp.stage_touched (tbl, id)
        SELECT 1, l.id FROM temp.stage_links s JOIN main.links l
          ON l.src = s.src AND l.dst = s.dst AND l.type = s.type AND l.label = s.label
        WHERE l.id <= @before`),
      mergeLinks: p(`INSERT INTO main.links (type, src, dst, label, props)
        SELECT type, src, dst, label, props FROM temp.stage_links ORDER BY seq
        ON CONFLICT (src, dst, type, label) DO UPDATE SET props = json_patch(links.props, excluded.props)`),
      clearEntities: p('DELETE FROM temp.stage_entities'),
      clearLinks: p('DELETE FROM temp.stage_links'),
    };
    this.counted = {
      claim: counted('id_claims', (r) => SCOPED_ID_SQL.claim('temp.stage_entities', r)),
      aliases: counted(
        'entity_aliases',
        (r) => `INSERT INTO main.entity_aliases (alias, entity)
        SELECT id, entity FROM temp.stage_entities WHERE key <> id ORDER BY seq
        ON CONFLICT (alias) DO NOTHING${r}`,
      ),
      entityStatements: counted(
        'statements',
        (r) => `INSERT INTO main.statements (bundle, file, line, entity, link, props)
        SELECT ?, ?, line, entity, NULL, props FROM temp.stage_entities ORDER BY seq${r}`,
      ),
      linkStatements: counted(
        'statements',
        (r) => `INSERT INTO main.statements (bundle, file, line, entity, link, props)
        SELECT ?, ?, s.line, NULL, l.id, s.props FROM temp.stage_links s
        JOIN main.links l ON l.src = s.src AND l.dst = s.dst AND l.type = s.type AND l.label = s.label
        ORDER BY s.seq${r}`,
      ),
    };
  }

  /**
   * Runs an insert whose added rows the digest counts (RETURNING them where it keeps one).
   * The rows it adds are made of this batch's staged strings, so SQL's encoding of them
   * is exact when the batch was well-formed.
   */
  private insertCounted(
    c: Counted,
    params: Record<string, unknown> | unknown[],
    batchWellFormed: boolean,
  ): void {
    const args = Array.isArray(params) ? params : [params];
    if (!this.digest.keeps(c.table)) c.values.run(...args);
    else if (c.encoded && batchWellFormed)
      this.digest.addedEncoded(c.table, c.encoded.pluck().all(...args) as string[]);
    else this.digest.added(c.table, c.values.raw().all(...args) as unknown[][]);
  }

  /** Rows of `t` from before this import that are about to change: counted out once. */
  private countOutTouched(t: 'entities' | 'links'): void {
    if (this.before[t] === 0 || !this.digest.keeps(t)) return;
    const s = this.sql;
    const [rows, mark] =
      t === 'entities'
        ? [s.entitiesTouched!, s.markEntitiesTouched!]
        : [s.linksTouched!, s.markLinksTouched!];
    this.digest.removed(t, rows.raw().iterate({ before: this.before[t] }) as Iterable<unknown[]>);
    mark.run({ before: this.before[t] });
  }

  /**
   * Once every row is in, before the audit entry: counts this import's rows of entities and
   * links as they now are, and applies the digests.
   */
  finishDigests(): void {
    for (const t of ['entities', 'links'] as const) {
      if (!this.digest.keeps(t)) continue;
      const cols = this.digest.columns(t);
      // Rows this import added hold only its own staged strings (and json_patch's merges of
      // them); rows from before may hold anything, so they are read as values.
      const encoded = this.wellFormed ? this.digest.encoded(t) : null;
      const added = this.db.prepare(
        `SELECT ${encoded ?? cols} FROM main.${t} WHERE id > ? ORDER BY id`,
      );
      if (encoded)
        this.digest.addedEncoded(t, added.pluck().iterate(this.before[t]) as Iterable<string>);
      else this.digest.added(t, added.raw().iterate(this.before[t]) as Iterable<unknown[]>);
      this.digest.added(
        t,
        this.db
          .prepare(
            `SELECT ${cols} FROM main.${t} WHERE id IN (SELECT id FROM temp.stage_touched WHERE tbl = ?)`,
          )
          .raw()
          .iterate(t === 'entities' ? 0 : 1) as Iterable<unknown[]>,
      );
    }
    this.digest.finish();
  }

  /** Stages a batch; returns whether every string in it is well-formed UTF-16. */
  private stage(kind: 'entities' | 'links', flat: unknown[], width: number): boolean {
    const rows = flat.length / width;
    const full = Math.floor(rows / ROWS_PER_INSERT);
    const per = ROWS_PER_INSERT * width;
    for (let i = 0; i < full; i++) this.many[kind].run(flat.slice(i * per, (i + 1) * per));
    for (let i = full * ROWS_PER_INSERT; i < rows; i++)
      this.one[kind].run(flat.slice(i * width, (i + 1) * width));
    const wellFormed = flat.every((v) => typeof v !== 'string' || v.isWellFormed());
    if (!wellFormed) this.wellFormed = false;
    return wellFormed;
  }

  /** Merges one batch of entity rows of one file (flat, as staged-rows.ts makes them); throws at the first offending line. */
  writeEntities(flat: unknown[], file: string, fileId: number): void {
    if (flat.length === 0) return;
    const wellFormed = this.stage('entities', flat, ENTITY_COLS.length) && this.scopeWellFormed;
    const s = this.sql;
    this.refuseRedefined(file, flat.length / ENTITY_COLS.length);
    // Identifiers meet across issuers by identity; anything else by id within its issuer only.
    s.scopeKeys!.run({ scope: this.scope });
    this.countOutTouched('entities');
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
    const claimed = s.firstClash!.get({ scope: this.scope }) as
      { line: number; id: string; type: string } | undefined;
    if (claimed)
      throw new RinglensError(
        'ROW_INVALID',
        `id "${claimed.id}" already names a different ${claimed.type} from this issuer`,
        {
          file,
          line: claimed.line,
          field: 'id',
          hint: "an issuer's ids are its own: use a new id for a different entity",
        },
      );
    this.insertCounted(this.counted.claim, { scope: this.scope }, wellFormed);
    // The case-wide alias serves search and paths; the first entity to use an id keeps it.
    this.insertCounted(this.counted.aliases, [], wellFormed);
    this.insertCounted(this.counted.entityStatements, [this.bundleRow, fileId], wellFormed);
    s.clearEntities!.run();
  }

  /**
   * An id defined twice in one bundle is refused at its second line, naming the first
   * (SPEC.md §3.3). The register is a TEMP table: a million ids held in a JavaScript Map
   * cost well over a hundred megabytes.
   */
  private refuseRedefined(file: string, rows: number): void {
    let fileNo = this.files.indexOf(file);
    if (fileNo < 0) fileNo = this.files.push(file) - 1;
    if (this.sql.registerIds!.run(fileNo).changes === rows) return;
    const r = this.sql.firstRedefined!.get(fileNo) as {
      line: number;
      id: string;
      type: string;
      file: number;
      firstLine: number;
      firstType: string;
    };
    const where = `${this.files[r.file]} line ${r.firstLine}`;
    const same = r.firstType === r.type;
    throw new RinglensError(
      'ROW_INVALID',
      same
        ? `id "${r.id}" is already defined at ${where}`
        : `id "${r.id}" is a ${r.type} here but already names a ${r.firstType} at ${where}`,
      {
        file,
        line: r.line,
        field: same ? 'id' : 'type',
        hint: same
          ? 'each entity appears once in a bundle: merge the two rows into one'
          : 'one id must always denote the same kind of entity',
      },
    );
  }

  /** Merges one batch of link rows of one file; throws at the first offending line. */
  writeLinks(flat: unknown[], file: string, fileId: number): void {
    if (flat.length === 0) return;
    const wellFormed = this.stage('links', flat, LINK_COLS.length);
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
    this.countOutTouched('links');
    s.mergeLinks!.run();
    this.insertCounted(this.counted.linkStatements, [this.bundleRow, fileId], wellFormed);
    s.clearLinks!.run();
  }
}
