import type { ReactNode } from 'react';
import { Form } from '@remix-run/react';

/**
 * The GET form that picks what a page shows: a branch (when there is a choice) and a year. Its fields are named as
 * the page reads its address (`branchField`, `year`); `children` adds hidden fields the address must keep.
 */
export function PeriodPicker({
  id,
  className = 'filter-bar',
  branches,
  branchField = 'branch',
  branch,
  years,
  year,
  labels,
  children,
}: {
  /** Prefix of the fields' ids (`${id}-branch`, `${id}-year`). */
  id: string;
  className?: string;
  branches?: ReadonlyArray<{ value: string; name: string }>;
  branchField?: string;
  branch?: string | undefined;
  years: readonly number[];
  year: number;
  labels: { branch?: string; year: string; show: string };
  children?: ReactNode;
}) {
  return (
    <Form method="get" className={className}>
      {children}
      {branches ? (
        <div className="field">
          <label htmlFor={`${id}-branch`}>{labels.branch}</label>
          <select id={`${id}-branch`} name={branchField} className="select" defaultValue={branch}>
            {branches.map((b) => (
              <option key={b.value} value={b.value}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-year`}>{labels.year}</label>
        <select id={`${id}-year`} name="year" className="select" defaultValue={String(year)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-quiet">
        {labels.show}
      </button>
    </Form>
  );
}
