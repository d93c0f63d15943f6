import { describe, expect, it } from 'vitest';
import { LIFECYCLE_STATUSES, TRANSITIONS } from '../../../../shared/lifecycle/schemas';
import {
  checkTransition,
  isOverdue,
  refutationDue,
} from '../../../../electron/core/lifecycle/status-machine';

describe('the lifecycle status machine', () => {
  const legal = new Set(
    Object.entries(TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`)),
  );

  it.each(
    LIFECYCLE_STATUSES.flatMap((from) => LIFECYCLE_STATUSES.map((to) => [from, to] as const)),
  )('%s -> %s is allowed only if the table says so', (from, to) => {
    const run = () =>
      checkTransition('ring R-0001', from, to, to === 'closed' ? 'duplicate' : null);
    if (legal.has(`${from}>${to}`)) expect(run).not.toThrow();
    else expect(run).toThrow(from === to ? /already/ : /cannot move from/);
  });

  it('refuses the shortcuts an investigator must not take, naming the moves that are allowed', () => {
    expect(() => checkTransition('ring R-0001', 'new', 'referred', null)).toThrow(
      /cannot move from "New" to "Referred to police"/,
    );
    const refusal = (() => {
      try {
        checkTransition('ring R-0001', 'investigating', 'civil_suit', null);
      } catch (e) {
        return e as { hint: string };
      }
    })();
    expect(refusal?.hint).toMatch(/test_buy_ordered.*evidence_complete.*closed/);
    expect(() => checkTransition('lead x', 'closed', 'referred', null)).toThrow(/cannot move/);
  });

  it('needs a close reason to close, and only to close', () => {
    expect(() => checkTransition('ring R-0001', 'investigating', 'closed', null)).toThrow(
      /needs a close reason/,
    );
    expect(() => checkTransition('ring R-0001', 'new', 'investigating', 'duplicate')).toThrow(
      /only goes with the status "closed"/,
    );
  });

  it('every status can still reach an end: nothing is a dead end', () => {
    for (const s of LIFECYCLE_STATUSES) expect(TRANSITIONS[s].length).toBeGreaterThan(0);
    const reach = new Set<string>(['new']);
    for (let i = 0; i < 10; i++)
      for (const s of [...reach])
        for (const t of TRANSITIONS[s as keyof typeof TRANSITIONS]) reach.add(t);
    expect([...reach].sort()).toEqual([...LIFECYCLE_STATUSES].sort());
  });
});

describe('the refutation window', () => {
  it('ends the given number of days after the notice, across month and year ends', () => {
    expect(refutationDue('2025-11-01', 3)).toBe('2025-11-04');
    expect(refutationDue('2025-12-30', 3)).toBe('2026-01-02');
    expect(refutationDue('2024-02-27', 3)).toBe('2024-03-01');
  });

  it('is overdue only after the due day, without a refutation, while the case still waits for the investigator', () => {
    const due = { status: 'investigating' as const, dueAt: '2025-11-04', refutedAt: null };
    expect(isOverdue(due, '2025-11-04')).toBe(false);
    expect(isOverdue(due, '2025-11-05')).toBe(true);
    expect(isOverdue({ ...due, refutedAt: '2025-11-03' }, '2025-11-05')).toBe(false);
    expect(isOverdue({ ...due, status: 'referred' }, '2025-11-05')).toBe(false);
    expect(isOverdue({ ...due, status: 'closed' }, '2025-11-05')).toBe(false);
    expect(isOverdue({ ...due, dueAt: null }, '2025-11-05')).toBe(false);
  });
});
