import type { ReactNode } from 'react';
import { useLang, useT } from '../i18n';
import type { ApiProblem } from '../lib/api-problem';
import { categoryKey, courseCategories, formatCredit } from '../lib/learn';
import { FieldError } from './notice';
import { SelectField } from './select-field';

/** The credits offered (学时: 0.25 a micro-course … 4); a course's own credit is added when it is another. */
const creditChoices = [0.25, 0.5, 1, 1.5, 2, 3, 4];

/**
 * The fields of a course, the same whether a course is being created (the course list) or edited (the editor's
 * details): title, category and credit, summary, and what a form adds after them (the editor's cover).
 */
export function CourseFields({
  idPrefix,
  values,
  problem,
  creditHint = false,
  summaryRows,
  ownCredit,
  children,
}: {
  /** Prefix of the fields' ids, distinct per form on a page. */
  idPrefix: string;
  values: { title: string; category: string; credit: string; summary: string };
  problem: ApiProblem | null | undefined;
  /** Whether to explain credits under them (when creating a course). */
  creditHint?: boolean;
  summaryRows: number;
  /** The course's own credit, offered even when it is none of the usual ones. */
  ownCredit?: number;
  children?: ReactNode;
}) {
  const t = useT();
  const lang = useLang();
  const credits = ownCredit === undefined || creditChoices.includes(ownCredit) ? creditChoices : [...creditChoices, ownCredit].sort((a, b) => a - b);
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-title`}>{t('editor.field.title')}</label>
        <input id={`${idPrefix}-title`} name="title" className="input" required maxLength={80} defaultValue={values.title} aria-describedby={`${idPrefix}-title-error`} />
        <FieldError problem={problem} field="title" id={`${idPrefix}-title-error`} />
      </div>
      <div className="form-pair">
        <SelectField
          id={`${idPrefix}-category`}
          name="category"
          label={t('editor.field.category')}
          choices={courseCategories}
          textOf={(category) => t(categoryKey(category))}
          defaultValue={values.category}
        />
        <div className="field">
          <label htmlFor={`${idPrefix}-credit`}>{t('editor.field.credit')}</label>
          <select id={`${idPrefix}-credit`} name="credit" className="select" defaultValue={values.credit}>
            {credits.map((credit) => (
              <option key={credit} value={String(credit)}>
                {t('course.creditValue', { credit: formatCredit(credit, lang) })}
              </option>
            ))}
          </select>
        </div>
      </div>
      {creditHint ? <p className="hint">{t('editor.field.creditHint')}</p> : null}
      <div className="field">
        <label htmlFor={`${idPrefix}-summary`}>{t('editor.field.summary')}</label>
        <textarea id={`${idPrefix}-summary`} name="summary" className="input textarea" rows={summaryRows} maxLength={2000} defaultValue={values.summary} aria-describedby={`${idPrefix}-summary-error`} />
        <FieldError problem={problem} field="summary" id={`${idPrefix}-summary-error`} />
      </div>
      {children}
    </>
  );
}
