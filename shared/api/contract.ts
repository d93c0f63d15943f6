/**
 * The one API contract between the UI and the engine. Every method has an input and an
 * output schema; the Electron IPC binding, the web bridge and the renderer's client are
 * all derived from this object, and every input is validated with these schemas on the
 * engine side of each boundary.
 */
import { z } from 'zod';
import { ImportProgress, ImportResult, VerificationReport } from '../bundle/import-report';
import { OperationId, OperationProgress } from './operations';
import {
  ComplainantDossier,
  Hotspots,
  Path,
  RingAnalysis,
  RingExplanation,
  TimelineEvent,
  EntityRef,
  SourceRow,
} from '../analysis/schemas';
import { EntityTypeSchema } from '../domain/entity-types';
import { MatchDecision, MatchDecisionInput, MatchList, MatchQuery } from '../identity/schemas';
import { PacketType } from '../evidence/schemas';
import { CsvMapping, CsvMappingReport } from '../interop/csv-mapping';
import {
  ClosedLocation,
  CloseReason,
  Day,
  Funnel,
  LifecycleItem,
  LifecycleStatus,
  Outcome,
  OutcomeInput,
  Reason,
  StatusChange,
  SubjectRef,
} from '../lifecycle/schemas';
import { AppCommand, CASE_FILE_METHODS } from './case-files-contract';
import { DOSSIER_METHODS } from './dossier-contract';
import { MATTER_METHODS } from './matter-contract';
import { CaseOverview } from '../graph/case-overview';

const FilePath = z.string().min(1).max(4096);
const Passphrase = z.string().min(1).max(1024);
const RingId = z.string().regex(/^R-\d{4,}$/);

export const CaseStatus = z.object({
  open: z.boolean(),
  locked: z.boolean(),
  path: z.string().nullable(),
  autoLockMinutes: z.number(),
});
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CaseSummary = z.object({
  path: z.string(),
  entities: z.record(z.string(), z.number()),
  links: z.record(z.string(), z.number()),
  totals: z.object({
    entities: z.number(),
    links: z.number(),
    statements: z.number(),
    evidenceFiles: z.number(),
  }),
  bundles: z.array(
    z.object({
      bundleId: z.string(),
      sha256: z.string(),
      issuer: z.string(),
      signature: z.enum(['trusted', 'accepted', 'unsigned']),
      signerFingerprint: z.string().nullable(),
      /** The signature as it stands today, e.g. "signer no longer trusted (removed on …)". */
      standing: z.string(),
      importedAt: z.string(),
      importedBy: z.string(),
      entityRows: z.number(),
      linkRows: z.number(),
    }),
  ),
  audit: z.object({ entries: z.number(), head: z.string() }),
});

export const EntityRow = z.object({
  id: z.number(),
  key: z.string(),
  type: z.string(),
  label: z.string(),
  props: z.record(z.string(), z.unknown()),
});
export const EntityPage = z.object({ total: z.number(), rows: z.array(EntityRow) });

export const Statement = z.object({ props: z.record(z.string(), z.unknown()), source: SourceRow });
export const LinkedEntity = z.object({
  linkId: z.number(),
  type: z.string(),
  direction: z.enum(['out', 'in']),
  entity: EntityRef,
});
export const Note = z.object({
  id: z.number(),
  text: z.string(),
  author: z.string(),
  createdAt: z.string(),
});
/**
 * An evidence file as the UI receives it. `mediaType` is sniffed from the bytes; `displayAs`
 * is set only for an image type on the display allow-list, and is the only type a screen may
 * build a picture from (never the bundle's declared type).
 */
export const EvidenceFile = z.object({
  mediaType: z.string(),
  declaredMediaType: z.string(),
  displayAs: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']).nullable(),
  base64: z.string(),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

export const EntityDetail = z.object({
  entity: EntityRow,
  statements: z.array(Statement),
  linked: z.array(LinkedEntity),
  linkedTotal: z.number(),
  evidence: z.array(z.object({ sha256: z.string(), mediaType: z.string(), name: z.string() })),
  notes: z.array(Note),
  tags: z.array(z.string()),
  /** Fields that issuers state differently (identifiers merged across issuers), side by side. */
  disagreements: z.array(
    z.object({
      field: z.string(),
      values: z.array(z.object({ issuer: z.string(), signature: z.string(), value: z.string() })),
    }),
  ),
});
export type EntityDetail = z.infer<typeof EntityDetail>;

export const GraphNode = z.object({
  id: z.string(),
  entityId: z.number(),
  type: z.string(),
  label: z.string(),
  role: z.enum(['member', 'identifier', 'hub', 'other']),
});
export const GraphEdge = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  type: z.string(),
  number: z.number(),
  /** A dashed "probable" identity match (type probable_match): its probability. Never evidence. */
  probability: z.number().optional(),
});
export const GraphElements = z.object({ nodes: z.array(GraphNode), edges: z.array(GraphEdge) });
export type GraphElements = z.infer<typeof GraphElements>;
export const Positions = z.record(
  z.string(),
  z.object({ x: z.number().finite(), y: z.number().finite() }),
);

export const RingView = z.object({
  ring: RingAnalysis.shape.rings.element,
  explanation: RingExplanation,
  graph: GraphElements,
  positions: Positions.nullable(),
  record: RingAnalysis.shape.record,
});
export type RingView = z.infer<typeof RingView>;

/** Other case files (with their passphrases) to add to a funnel: the dashboard for all cases on the laptop. */
const OtherCases = z
  .array(z.strictObject({ path: FilePath, passphrase: Passphrase }))
  .max(100)
  .default([]);
export const LifecycleDetail = z.object({
  item: LifecycleItem,
  history: z.array(StatusChange),
  outcomes: z.array(Outcome),
  next: z.array(LifecycleStatus),
});
export type LifecycleDetail = z.infer<typeof LifecycleDetail>;

export const AuditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  object: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

// Inputs are strict: a key the contract does not name is refused, not ignored.
const method = <S extends z.ZodRawShape, O extends z.ZodType>(
  input: z.ZodObject<S>,
  output: O,
) => ({ input: input.strict(), output });

export const API = {
  ...CASE_FILE_METHODS,
  ...DOSSIER_METHODS,
  ...MATTER_METHODS,
  'case.status': method(z.object({}), CaseStatus),
  'case.create': method(z.object({ path: FilePath, passphrase: Passphrase }), CaseStatus),
  'case.open': method(z.object({ path: FilePath, passphrase: Passphrase }), CaseStatus),
  'case.openDemo': method(z.object({}), CaseStatus),
  'case.lock': method(z.object({}), CaseStatus),
  'case.unlock': method(z.object({ passphrase: Passphrase }), CaseStatus),
  'case.setAutoLock': method(
    z.object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    }),
    CaseStatus,
  ),
  'case.summary': method(z.object({}), CaseSummary),
  'passphrase.advice': method(
    z.object({ passphrase: z.string().max(1024) }),
    z.object({ bitsEstimate: z.number(), strong: z.boolean(), warnings: z.array(z.string()) }),
  ),
  'bundle.demoPath': method(z.object({}), z.object({ path: z.string() })),
  'bundle.inspect': method(z.object({ path: FilePath }), VerificationReport),
  'bundle.import': method(
    z.object({
      path: FilePath,
      allowUnsigned: z.boolean().default(false),
      acceptSigner: z.boolean().default(false),
    }),
    ImportResult,
  ),
  'entities.list': method(
    z.object({
      type: EntityTypeSchema,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200_000).default(200_000),
    }),
    EntityPage,
  ),
  'entity.get': method(z.object({ id: z.number().int().positive() }), EntityDetail),
  'evidence.get': method(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }), EvidenceFile),
  'note.add': method(
    z.object({ entityId: z.number().int().positive(), text: z.string().min(1).max(10_000) }),
    Note,
  ),
  'tag.set': method(
    z.object({
      entityId: z.number().int().positive(),
      tag: z.string().min(1).max(100),
      on: z.boolean(),
    }),
    z.array(z.string()),
  ),
  'rings.list': method(z.object({}), RingAnalysis),
  'ring.get': method(z.object({ ringId: RingId }), RingView),
  /** Open candidate identity matches touching a ring's graph, as dashed probable edges and the ends not drawn yet: asked for once the ring is drawn, since finding the case's candidates the first time takes seconds. */
  'ring.probable': method(z.object({ ringId: RingId }), GraphElements),
  /** The investigator's decision on one identifier: always a hub, never a hub by the numbers, or none (audited). */
  'rings.setHubDecision': method(
    z.object({
      key: z.string().min(1).max(2_000),
      decision: z.enum(['hub', 'not-hub']).nullable(),
      reason: z.string().max(2_000),
    }),
    z.object({ decisions: z.number() }),
  ),
  /** A ring's events in time order, asked for only when the timeline is shown (the first 5,000; `total` says how many there are). */
  'ring.timeline': method(
    z.object({ ringId: RingId }),
    z.object({ events: z.array(TimelineEvent), total: z.number() }),
  ),
  'ring.savePositions': method(
    z.object({ ringId: RingId, positions: Positions }),
    z.object({ saved: z.number() }),
  ),
  'graph.neighbours': method(
    z.object({
      entityId: z.number().int().positive(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    GraphElements,
  ),
  /** Case-wide search: every entity type, label, key, row id and property value; Chinese by pinyin too. */
  'search.entities': method(
    z.object({
      query: z.string().min(1).max(200),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    z.object({
      total: z.number(),
      hits: z.array(
        z.object({
          entity: z.object({
            id: z.number(),
            key: z.string(),
            type: z.string(),
            label: z.string(),
          }),
          field: z.string(),
          value: z.string(),
        }),
      ),
    }),
  ),
  /** Entities to add to a chart, with their links to each other and to what is already drawn. */
  'graph.entities': method(
    z.object({
      entityIds: z.array(z.number().int().positive()).min(1).max(500),
      drawn: z.array(z.number().int()).max(200_000).default([]),
    }),
    GraphElements,
  ),
  /** The bundle rows behind graph edges (`e<linkId>` links, `p<listing>_<photo>` photo edges). */
  'graph.edgeSources': method(
    z.object({ edgeIds: z.array(z.string().max(100)).min(1).max(5000) }),
    z.array(z.object({ edgeId: z.string(), sources: z.array(SourceRow) })),
  ),
  /** The case overview: every ring, the suppressed hubs its accounts touch, and the identifiers tying rings. */
  'graph.overview': method(
    z.object({ maxElements: z.number().int().min(100).max(500_000).default(200_000) }),
    CaseOverview,
  ),
  'path.find': method(
    z.object({
      from: z.string().min(1).max(300),
      to: z.string().min(1).max(300),
      k: z.number().int().min(1).max(20).default(3),
      maxHops: z.number().int().min(1).max(12).default(8),
    }),
    z.array(Path),
  ),
  'complainants.list': method(z.object({}), z.array(ComplainantDossier)),
  'hotspots.get': method(
    z.object({ topN: z.number().int().min(1).max(100).default(10) }),
    Hotspots,
  ),
  'packet.preview': method(
    z.object({
      type: PacketType,
      ringId: RingId.optional(),
      complainant: z.string().min(1).max(300).optional(),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      preparer: z.string().min(1).max(200).optional(),
    }),
    z.object({
      title: z.string(),
      redaction: z.string(),
      sections: z.array(z.string()),
      exhibits: z.array(
        z.object({
          number: z.string(),
          name: z.string(),
          sha256: z.string(),
          mediaType: z.string(),
        }),
      ),
      defendants: z.number(),
      sharedIdentifiers: z.number(),
      orders: z.number(),
      complaints: z.number(),
      masked: z.number(),
    }),
  ),
  'packet.export': method(
    z.object({
      type: PacketType,
      ringId: RingId.optional(),
      complainant: z.string().min(1).max(300).optional(),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      preparer: z.string().min(1).max(200).optional(),
      exhibits: z.array(z.string().regex(/^[0-9a-f]{64}$/)).optional(),
      out: FilePath,
    }),
    z.object({
      file: z.string(),
      packetId: z.string(),
      sha256: z.string(),
      pages: z.number(),
      bates: z.object({ first: z.string(), last: z.string() }),
      exhibits: z.number(),
      reproduced: z.boolean(),
    }),
  ),
  'csv.preview': method(
    z.object({ csvPath: FilePath, mapping: CsvMapping }),
    z.object({
      ok: z.boolean(),
      entities: z.array(
        z.object({ id: z.string(), type: z.string(), props: z.record(z.string(), z.unknown()) }),
      ),
      links: z.array(z.object({ type: z.string(), from: z.string(), to: z.string() })),
      errors: z.array(
        z.object({ line: z.number(), column: z.string().optional(), message: z.string() }),
      ),
      moreErrors: z.number(),
      total: z.number(),
      report: CsvMappingReport,
      wouldImport: z
        .object({ newEntities: z.number(), mergedEntities: z.number(), newLinks: z.number() })
        .optional(),
    }),
  ),
  'csv.head': method(
    z.object({ csvPath: FilePath }),
    z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.string())) }),
  ),
  'csv.mappings': method(z.object({}), z.array(CsvMapping)),
  'csv.saveMapping': method(
    z.object({ mapping: CsvMapping }),
    z.object({ name: z.string(), sha256: z.string() }),
  ),
  'csv.import': method(
    z.object({ csvPath: FilePath, mapping: CsvMapping, allowUnsigned: z.boolean().default(false) }),
    ImportResult.extend({ report: CsvMappingReport }),
  ),
  'interop.export': method(
    z.object({
      format: z.enum(['ftm', 'graphml', 'gexf', 'review']),
      ringId: RingId.optional(),
      entityIds: z.array(z.number().int().positive()).min(1).max(100_000).optional(),
      redact: z.boolean().default(false),
      out: FilePath,
    }),
    z.object({ file: z.string(), items: z.number(), sha256: z.string() }),
  ),
  'lifecycle.list': method(
    z.object({}),
    z.object({ refutationDays: z.number(), today: z.string(), items: z.array(LifecycleItem) }),
  ),
  'lifecycle.get': method(z.object({ subject: SubjectRef }), LifecycleDetail),
  'lifecycle.setStatus': method(
    z.object({
      subject: SubjectRef,
      status: LifecycleStatus,
      reason: Reason,
      closeReason: CloseReason.optional(),
      withLeads: z.boolean().default(false),
    }),
    LifecycleDetail.extend({
      leads: z
        .object({
          moved: z.array(z.string()),
          skipped: z.array(z.object({ lead: z.string(), because: z.string() })),
        })
        .nullable(),
    }),
  ),
  'lifecycle.assign': method(
    z.object({ subject: SubjectRef, assignee: z.string().trim().max(200).nullable() }),
    LifecycleDetail,
  ),
  'lifecycle.notice': method(
    z.object({ subject: SubjectRef, noticeAt: Day.nullable(), refutedAt: Day.nullable() }),
    LifecycleDetail,
  ),
  'lifecycle.setRefutationDays': method(
    z.object({ days: z.number().int().min(1).max(365) }),
    z.object({ days: z.number() }),
  ),
  'outcomes.list': method(
    z.object({
      subject: SubjectRef.optional(),
      target: z.string().min(1).max(300).optional(),
      includeWithdrawn: z.boolean().default(false),
    }),
    z.array(Outcome),
  ),
  'outcomes.add': method(z.object({ outcome: OutcomeInput }), Outcome),
  'outcomes.withdraw': method(
    z.object({ id: z.string().regex(/^O-[0-9a-f]{12}$/), reason: Reason }),
    Outcome,
  ),
  'outcomes.importCsv': method(
    z.object({ path: FilePath }),
    z.object({
      file: z.string(),
      sha256: z.string(),
      rows: z.number(),
      imported: z.number(),
      unchanged: z.number(),
    }),
  ),
  'outcomes.exportCsv': method(
    z.object({ out: FilePath }),
    z.object({ file: z.string(), sha256: z.string(), rows: z.number() }),
  ),
  'lifecycle.closures': method(z.object({}), z.array(ClosedLocation)),
  'packets.list': method(
    z.object({}),
    z.array(
      z.object({
        packetId: z.string(),
        type: z.string(),
        sha256: z.string(),
        exportedAt: z.string(),
        bates: z.string(),
      }),
    ),
  ),
  'funnel.get': method(z.object({ others: OtherCases }), Funnel),
  'funnel.exportCsv': method(
    z.object({ others: OtherCases, out: FilePath }),
    z.object({ file: z.string(), sha256: z.string() }),
  ),
  /** Candidate identity matches (issue 19): clustered, scored, explained; rejected pairs never listed. */
  'matches.list': method(MatchQuery, MatchList),
  /** Confirm or reject a candidate match with a reason (audited). */
  'matches.decide': method(MatchDecisionInput, MatchDecision),
  /** Stops a long action at its next checkpoint (see operations.ts); false if it had ended. */
  'operation.cancel': method(
    z.object({ operation: OperationId }),
    z.object({ cancelled: z.boolean() }),
  ),
  'audit.list': method(
    z.object({
      afterSeq: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(10_000).default(500),
    }),
    z.object({ entries: z.array(AuditEntry), verified: z.boolean(), head: z.string() }),
  ),
} as const;

export type Api = typeof API;
export type Method = keyof Api;
export type Input<M extends Method> = z.input<Api[M]['input']>;
export type Output<M extends Method> = z.infer<Api[M]['output']>;
export const METHODS = Object.keys(API) as Method[];

/** Events pushed from the engine to the UI. */
export const EVENTS = {
  'import.progress': ImportProgress,
  'operation.progress': OperationProgress,
  'case.locked': z.object({ reason: z.enum(['user', 'idle']) }),
  'app.command': AppCommand,
} as const;
export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.infer<(typeof EVENTS)[E]>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
