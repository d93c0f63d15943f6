import type { Migration } from '../migrate';
import { migration001 } from './001-initial';
import { migration002 } from './002-ring-registry';
import { migration003 } from './003-ring-views';
import { migration004 } from './004-packets';
import { migration005 } from './005-lifecycle';
import { migration006 } from './006-csv-mappings';
import { migration007 } from './007-identity-decisions';
import { migration008 } from './008-content-digest';
import { migration009 } from './009-graph-snapshot';
import { migration010 } from './010-analysis-cache';

/** Every schema change, in order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
];
