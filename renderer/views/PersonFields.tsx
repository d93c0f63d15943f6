/**
 * One person of the matter (the examiner who declares the hash certification, or the
 * marketplace's custodian of records): name, job title, organisation and, where the
 * declaration prints them, qualifications. Used twice by the Export view's Matter panel.
 */
export type Person = { name: string; title: string; organisation: string; qualifications: string };
export const NOBODY: Person = { name: '', title: '', organisation: '', qualifications: '' };

export function PersonFields({
  legend,
  help,
  value,
  onChange,
  testid,
  qualifications,
}: {
  legend: string;
  help: string;
  value: Person;
  onChange: (p: Person) => void;
  testid: string;
  qualifications: boolean;
}) {
  const field = (k: keyof Person, label: string) => (
    <label>
      {label}
      <input
        data-testid={`${testid}-${k}`}
        value={value[k]}
        onChange={(e) => onChange({ ...value, [k]: e.target.value })}
      />
    </label>
  );
  return (
    <fieldset className="matter-person">
      <legend>{legend}</legend>
      <small className="muted">{help}</small>
      <div className="form-grid">
        {field('name', 'Name')}
        {field('title', 'Job title')}
        {field('organisation', 'Organisation')}
        {qualifications && (
          <label>
            Qualifications
            <textarea
              data-testid={`${testid}-qualifications`}
              value={value.qualifications}
              onChange={(e) => onChange({ ...value, qualifications: e.target.value })}
              rows={2}
            />
          </label>
        )}
      </div>
    </fieldset>
  );
}
