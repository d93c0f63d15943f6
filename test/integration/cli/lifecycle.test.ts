/** `ringlens status`, `outcomes` and `funnel`: the lifecycle from a script. */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliDemoCase, cliSandbox } from '../../support/cli';

describe('ringlens status / outcomes / funnel', () => {
  it('walks a ring to referred with an outcome, refuses illegal moves, and reports the funnel', () => {
    const { dir, run } = cliSandbox();
    const c = join(dir, 'c.ringlens');
    cliDemoCase(run, c);

    const list = JSON.parse(run('status', c, '--json').out) as {
      items: { subject: { id: string }; status: string }[];
    };
    expect(list.items.map((i) => `${i.subject.id}:${i.status}`)).toContain('R-0001:new');

    const illegal = run('status', c, 'R-0001', 'referred', '--reason', 'skip ahead');
    expect(illegal.code).toBe(2);
    expect(illegal.err).toMatch(
      /cannot move from "New" to "Referred to police".*from "New" it can move to: investigating \(Under investigation\), closed \(Closed\)/s,
    );
    expect(run('status', c, 'R-0001', 'investigating').err).toMatch(/needs --reason/);
    expect(run('status', c, 'R-0001', 'arrested', '--reason', 'x').err).toMatch(
      /new status "arrested" is not one of: new, investigating/,
    );

    for (const s of ['investigating', 'evidence_complete', 'referred'])
      expect(run('status', c, 'R-0001', s, '--reason', `moving to ${s}`).code).toBe(0);
    const shown = run('status', c, 'R-0001', '--assign', 'Li Wei', '--notice', '2025-11-01');
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/ring R-0001: Referred to police/);
    expect(shown.out).toMatch(/assignee: Li Wei; notified: 2025-11-01; refute by: 2025-11-04/);
    expect(shown.out).toMatch(/new -> investigating {2}by \S+: moving to investigating/);

    const csv = join(dir, 'outcomes.csv');
    writeFileSync(
      csv,
      'subject,kind,date,agency,reference,suspects\nR-0001,referral,2025-11-03,Putian PSB,PT-1,\nR-0001,arrest,2025-11-10,,,4\n',
    );
    const imp = run('outcomes', c, '--import', csv);
    expect(imp.code).toBe(0);
    expect(imp.out).toMatch(/imported 2 of 2 outcomes/);
    const out2 = join(dir, 'out.csv');
    expect(run('outcomes', c, '--export', out2).code).toBe(0);
    expect(readFileSync(out2, 'utf8')).toMatch(/^id,subject,kind,date,/);
    expect(readFileSync(out2, 'utf8').trim().split('\n')).toHaveLength(3);

    const f = JSON.parse(run('funnel', c, '--json').out) as {
      stages: { stage: string; count: number }[];
      totals: { arrests: number; referrals: number };
    };
    expect(f.stages.map((s) => s.count)).toEqual([3, 1, 1, 1, 0, 0]);
    expect(f.totals).toMatchObject({ arrests: 4, referrals: 1 });
    const text = run('funnel', c);
    expect(text.out).toMatch(/Referred to police +1 +33\.3%/);
    expect(text.out).toMatch(/arrests 4/);

    // The programme view: two cases added up.
    const c2 = join(dir, 'c2.ringlens');
    cliDemoCase(run, c2);
    expect(run('status', c2, 'R-0002', 'investigating', '--reason', 'complaint review').code).toBe(
      0,
    );
    const both = JSON.parse(
      run('funnel', c, c2, '--json', '--csv', join(dir, 'funnel.csv')).out,
    ) as {
      cases: string[];
      stages: { count: number }[];
      byOrigin: { origin: string; leads: number }[];
    };
    expect(both.cases).toEqual(['c.ringlens', 'c2.ringlens']);
    expect(both.stages.map((s) => s.count)).toEqual([6, 2, 1, 1, 0, 0]);
    expect(both.byOrigin).toEqual([
      { origin: 'proactive', leads: 4, referred: 1, prosecuted: 0 },
      { origin: 'complaint', leads: 2, referred: 0, prosecuted: 0 },
    ]);
    expect(readFileSync(join(dir, 'funnel.csv'), 'utf8')).toMatch(
      /^section,stage,count,share of leads\nstage,Leads,6,1\n/,
    );

    const audit = run('verify', c);
    expect(audit.out).toMatch(/audit chain intact/);
  });
});
