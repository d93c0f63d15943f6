/**
 * The API methods of the lifecycle, outcomes and funnel, bound to the open case. Split
 * from handlers.ts only to keep each file about one area.
 */
import { writeFileAtomic } from '../util/durable-file';
import { basename } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { writeCsv } from '../util/csv-cell';
import { TRANSITIONS, type SubjectRef } from '../../../shared/lifecycle/schemas';
import { RinglensError } from '../../../shared/errors';
import type { LifecycleDetail } from '../../../shared/api/contract';
import {
  assign,
  setRingStatusWithLeads,
  lifecycleItem,
  lifecycleItems,
  refutationDays,
  setNotice,
  setRefutationDays,
  setStatus,
  statusHistory,
  today,
} from '../lifecycle/lifecycle';
import { listOutcomes, recordOutcome, withdrawOutcome } from '../lifecycle/outcomes';
import { exportOutcomesCsv, importOutcomesCsv } from '../lifecycle/outcomes-csv';
import { computeFunnel, funnelInput, funnelToCsvRows, type FunnelInput } from '../lifecycle/funnel';
import { closeCase, openCase } from '../store/open';
import { closedLocations } from '../lifecycle/closures';
import { appendAudit } from '../audit/log';
import { sha256Hex } from '../util/hash';
import { bates } from '../evidence/pdf';
import type { Session } from './session';
import type { Handlers } from './handlers';

type LifecycleMethods =
  | 'lifecycle.list'
  | 'lifecycle.get'
  | 'lifecycle.setStatus'
  | 'lifecycle.assign'
  | 'lifecycle.notice'
  | 'lifecycle.setRefutationDays'
  | 'outcomes.list'
  | 'outcomes.add'
  | 'outcomes.withdraw'
  | 'outcomes.importCsv'
  | 'outcomes.exportCsv'
  | 'lifecycle.closures'
  | 'packets.list'
  | 'funnel.get'
  | 'funnel.exportCsv';

function detail(db: Database, subject: SubjectRef): LifecycleDetail {
  const item = lifecycleItem(db, subject);
  return {
    item,
    history: statusHistory(db, subject),
    outcomes: listOutcomes(db, { subject, includeWithdrawn: true }),
    next: [...TRANSITIONS[item.status]],
  };
}

export function lifecycleHandlers(session: Session): Pick<Handlers, LifecycleMethods> {
  const db = () => session.db();
  const actor = () => ({ actor: session.actor });
  const caseName = () => basename(session.status().path ?? 'case');
  /** This case's funnel input and, for the all-cases dashboard, each other case's (opened, read, closed). */
  const funnelInputs = (others: readonly { path: string; passphrase: string }[]): FunnelInput[] => {
    const inputs = [funnelInput(db(), caseName())];
    for (const o of others) {
      const store = openCase(o.path, o.passphrase);
      try {
        inputs.push(funnelInput(store.db, basename(o.path)));
      } finally {
        closeCase(store);
      }
    }
    return inputs;
  };
  return {
    'lifecycle.list': () => ({
      refutationDays: refutationDays(db()),
      today: today(),
      items: lifecycleItems(db()),
    }),
    'lifecycle.get': ({ subject }) => detail(db(), subject),
    'lifecycle.setStatus': ({ subject, status, reason, closeReason, withLeads }) => {
      if (withLeads && subject.kind !== 'ring')
        throw new RinglensError('INVALID_ARGUMENT', 'only a ring has leads to move with it', {
          field: 'withLeads',
        });
      const leads = withLeads
        ? setRingStatusWithLeads(db(), subject.id, status, reason, closeReason ?? null, actor())
        : (setStatus(db(), subject, status, reason, closeReason ?? null, actor()), null);
      return { ...detail(db(), subject), leads };
    },
    'lifecycle.assign': ({ subject, assignee }) => {
      assign(db(), subject, assignee, actor());
      return detail(db(), subject);
    },
    'lifecycle.notice': ({ subject, noticeAt, refutedAt }) => {
      setNotice(db(), subject, { noticeAt, refutedAt }, actor());
      return detail(db(), subject);
    },
    'lifecycle.setRefutationDays': ({ days }) => ({
      days: setRefutationDays(db(), days, session.actor),
    }),
    'outcomes.list': ({ subject, target, includeWithdrawn }) =>
      listOutcomes(db(), {
        ...(subject ? { subject } : {}),
        ...(target ? { target } : {}),
        includeWithdrawn,
      }),
    'outcomes.add': ({ outcome }) => recordOutcome(db(), outcome, actor()).outcome,
    'outcomes.withdraw': ({ id, reason }) => withdrawOutcome(db(), id, reason, actor()),
    'outcomes.importCsv': ({ path }) => importOutcomesCsv(db(), path, actor()),
    'outcomes.exportCsv': ({ out }) => {
      const d = db();
      const e = d.transaction(() => exportOutcomesCsv(d, listOutcomes(d), actor()))();
      writeFileAtomic(out, e.text);
      return { file: out, sha256: e.sha256, rows: e.rows };
    },
    'lifecycle.closures': () => closedLocations(db()),
    'packets.list': () =>
      (
        db()
          .prepare(
            `SELECT packet_id AS packetId, type, sha256, exported_at AS exportedAt, bates_first, bates_last, (SELECT json_extract(value, '$') FROM settings WHERE key = 'bates.prefix') AS prefix FROM packets ORDER BY exported_at DESC`,
          )
          .all() as {
          packetId: string;
          type: string;
          sha256: string;
          exportedAt: string;
          bates_first: number;
          bates_last: number;
          prefix: string | null;
        }[]
      ).map((p) => ({
        packetId: p.packetId,
        type: p.type,
        sha256: p.sha256,
        exportedAt: p.exportedAt,
        bates: `${bates(p.prefix ?? 'RL', p.bates_first)}–${bates(p.prefix ?? 'RL', p.bates_last)}`,
      })),
    'funnel.get': ({ others }) => computeFunnel(funnelInputs(others)),
    'funnel.exportCsv': ({ others, out }) => {
      const text = writeCsv(funnelToCsvRows(computeFunnel(funnelInputs(others))));
      const sha256 = sha256Hex(text);
      writeFileAtomic(out, text);
      appendAudit(db(), {
        actor: session.actor,
        action: 'funnel.export',
        object: 'case',
        details: { sha256, cases: 1 + others.length },
      });
      return { file: out, sha256 };
    },
  };
}
