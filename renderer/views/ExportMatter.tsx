/**
 * The matter of the case's packets in the Export view: everything `ringlens matter` sets
 * (cover title, Bates prefix, paper size, filing, referral jurisdiction, the examiner who
 * declares the hash certification and the marketplace's custodian of records), shown in
 * one line and editable in place. Saving replaces the whole matter (a cleared field is
 * unset) and is recorded in the audit log as `matter.edit`, as from the CLI.
 */
import { useState } from 'react';
import type { MatterView } from '../../shared/api/matter-contract';
import type { MatterSettings } from '../../shared/evidence/matter';
import { call } from '../api/client';
import { useApi } from '../api/use-api';
import { ErrorMessage } from '../app/ErrorMessage';
import { visibleControls } from '../../shared/visible-controls';
import { NOBODY, PersonFields, type Person } from './PersonFields';

interface Form {
  title: string;
  batesPrefix: string;
  pageSize: '' | 'A4' | 'LETTER';
  filing: '' | 'sealed' | 'public';
  jurisdiction: string;
  examiner: Person;
  custodian: Person;
}

function formOf(s: MatterSettings): Form {
  return {
    title: s.title ?? '',
    batesPrefix: s.batesPrefix ?? '',
    pageSize: s.pageSize ?? '',
    filing: s.filing ?? '',
    jurisdiction: s.jurisdiction ?? '',
    examiner: { ...NOBODY, ...s.examiner },
    custodian: { ...NOBODY, ...s.custodian },
  };
}

/** Empty fields are left out: the engine then uses its default (and says which). */
function settingsOf(f: Form): MatterSettings {
  const person = (p: Person) =>
    p.name.trim()
      ? {
          name: p.name.trim(),
          title: p.title.trim(),
          organisation: p.organisation.trim(),
          qualifications: p.qualifications.trim(),
        }
      : undefined;
  const examiner = person(f.examiner);
  const custodian = person(f.custodian);
  return {
    ...(f.title.trim() && { title: f.title.trim() }),
    ...(f.batesPrefix.trim() && { batesPrefix: f.batesPrefix.trim().toUpperCase() }),
    ...(f.pageSize && { pageSize: f.pageSize }),
    ...(f.filing && { filing: f.filing }),
    ...(f.jurisdiction && { jurisdiction: f.jurisdiction }),
    ...(examiner && { examiner }),
    ...(custodian && { custodian }),
  };
}

const who = (p: MatterSettings['examiner']) =>
  p ? visibleControls([p.name, p.title, p.organisation].filter(Boolean).join(', ')) : '';

/** The matter in one line, as the packets will print it. */
function summaryOf(v: MatterView): string {
  const s = v.settings;
  const j = v.jurisdictions.find((x) => x.code === s.jurisdiction);
  return [
    s.title ? `“${visibleControls(s.title)}”` : 'title: the case file’s name',
    `Bates ${s.batesPrefix ?? 'RL (case default)'}`,
    s.pageSize === 'LETTER' ? 'Letter' : 'A4',
    s.filing === 'sealed'
      ? 'filed under seal'
      : s.filing === 'public'
        ? 'public filing'
        : 'no filing legend',
    `referral: ${j ? j.name : 'from the ring’s places'}`,
    `examiner: ${who(s.examiner) || 'not set'}`,
    `custodian: ${who(s.custodian) || 'not set'}`,
  ].join(' · ');
}

function MatterForm({ view, onSaved }: { view: MatterView; onSaved: (v: MatterView) => void }) {
  const [form, setForm] = useState<Form>(() => formOf(view.settings));
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  // A change makes the last refusal stale: it answered other values.
  const set = <K extends keyof Form>(k: K, v: Form[K]) => (
    setError(undefined),
    setForm((f) => ({ ...f, [k]: v }))
  );
  const changed =
    JSON.stringify(settingsOf(form)) !== JSON.stringify(settingsOf(formOf(view.settings)));
  return (
    <div className="matter-form">
      <div className="form-grid">
        <label>
          Title on the cover
          <input
            data-testid="matter-title"
            value={form.title}
            onChange={(e) => set('title', e.target.value)}
            placeholder="e.g. NorthPeak v. Does 1-25"
          />
        </label>
        <label>
          Bates prefix
          <input
            data-testid="matter-bates-prefix"
            value={form.batesPrefix}
            onChange={(e) => set('batesPrefix', e.target.value)}
            placeholder="RL (capitals, digits, - and _; up to 12)"
          />
        </label>
        <label>
          Paper size
          <select
            data-testid="matter-page-size"
            value={form.pageSize}
            onChange={(e) => set('pageSize', e.target.value as Form['pageSize'])}
          >
            <option value="">A4 (default)</option>
            <option value="A4">A4</option>
            <option value="LETTER">Letter (US courts)</option>
          </select>
        </label>
        <label>
          Filing of civil packets
          <select
            data-testid="matter-filing"
            value={form.filing}
            onChange={(e) => set('filing', e.target.value as Form['filing'])}
          >
            <option value="">no legend</option>
            <option value="sealed">under seal: every page marked FILED UNDER SEAL</option>
            <option value="public">public: unredacted packet marked not for the docket</option>
          </select>
        </label>
        <label>
          Referral jurisdiction (thresholds, language, certification)
          <select
            data-testid="matter-jurisdiction"
            value={form.jurisdiction}
            onChange={(e) => set('jurisdiction', e.target.value)}
          >
            <option value="">from the ring’s places</option>
            {view.jurisdictions.map((j) => (
              <option key={j.code} value={j.code}>
                {j.code}: {j.name}
                {j.monetaryThreshold ? '' : ' (no monetary threshold in law)'}
              </option>
            ))}
          </select>
        </label>
      </div>
      <PersonFields
        legend="Examiner: prepares the packets and declares the hash certification"
        help="Printed as the declarant of the certification (FRE 902(13)/(14), 电子数据提取笔录, or the statement of data integrity for other referrals); never the computer's user name."
        value={form.examiner}
        onChange={(p) => set('examiner', p)}
        testid="matter-examiner"
        qualifications
      />
      <PersonFields
        legend="Custodian of records: the marketplace's FRE 902(11) declarant"
        help="Left blank in the declaration for the custodian to fill in until named."
        value={form.custodian}
        onChange={(p) => set('custodian', p)}
        testid="matter-custodian"
        qualifications={false}
      />
      <div className="row">
        <button
          data-testid="matter-save"
          disabled={saving || !changed}
          onClick={() => {
            setError(undefined);
            setSaving(true);
            call('matter.set', { settings: settingsOf(form) }).then(
              (v) => (setSaving(false), onSaved(v)),
              (e: unknown) => (setSaving(false), setError(e)),
            );
          }}
        >
          {saving ? 'Saving…' : 'Save the matter'}
        </button>
        {!changed && <span className="muted small">No changes to save.</span>}
      </div>
      <ErrorMessage error={error} testid="matter-error" />
    </div>
  );
}

export function ExportMatter({ onChange }: { onChange: () => void }) {
  const matter = useApi('matter.get', {});
  const [saved, setSaved] = useState<MatterView>();
  const [open, setOpen] = useState<boolean>();
  const view = saved ?? matter.data;
  if (matter.error) return <ErrorMessage error={matter.error} testid="matter-error" />;
  if (!view) return null;
  return (
    <>
      <details
        className="report matter"
        data-testid="matter"
        // Open while no examiner is named: no packet can be exported without a declarant.
        open={open ?? !view.settings.examiner}
        onToggle={(e) => setOpen(e.currentTarget.open)}
      >
        <summary>
          <strong>Matter</strong> <span data-testid="matter-summary">{summaryOf(view)}</span>
        </summary>
        <MatterForm
          key={view.lastEdit?.seq ?? 0}
          view={view}
          onSaved={(v) => (setSaved(v), onChange())}
        />
      </details>
      {view.lastEdit && (
        <p className="muted small" data-testid="matter-last-edit">
          Matter last changed by {visibleControls(view.lastEdit.actor)} at {view.lastEdit.at} (audit
          entry #{view.lastEdit.seq}, matter.edit).
        </p>
      )}
    </>
  );
}
