import { useState } from 'react';
import { Form, useNavigation } from '@remix-run/react';
import { useT, type MessageKey } from '../../i18n';
import type { ApiProblem } from '../../lib/api-problem';
import type { EditorResult, QuestionInfo, QuizFormValues } from '../../lib/quiz-editor/form';
import { FieldError, Notice, ProblemNotice } from '../notice';
import { ItemsSection } from './items-section';

export interface UnitChoice {
  unitId: string;
  name: string;
  depth: number;
}

/** A text or number field with its label, hint and the API's word on it. */
function Field({
  name,
  label,
  hint,
  problem,
  type = 'text',
  value,
  inputMode,
  required,
  maxLength,
}: {
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  problem: ApiProblem | undefined;
  type?: 'text' | 'datetime-local';
  value: string;
  inputMode?: 'numeric' | 'decimal';
  required?: boolean;
  maxLength?: number;
}) {
  const t = useT();
  const id = `quiz-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      <input
        id={id}
        name={name}
        type={type}
        className="input"
        defaultValue={value}
        inputMode={inputMode}
        required={required}
        maxLength={maxLength}
        aria-describedby={[hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ')}
      />
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {t(hint)}
        </p>
      ) : null}
      <FieldError problem={problem} field={name} id={`${id}-error`} />
    </div>
  );
}

function Radios<T extends string>({ name, legend, choices, value, textOf, onChange }: { name: string; legend: MessageKey; choices: readonly T[]; value: T; textOf: (choice: T) => MessageKey; onChange?: (choice: T) => void }) {
  const t = useT();
  return (
    <fieldset className="fieldset">
      <legend>{t(legend)}</legend>
      <div className="choice-row">
        {choices.map((choice) => (
          <label key={choice} className="check-row">
            <input type="radio" name={name} value={choice} defaultChecked={value === choice} onChange={() => onChange?.(choice)} />
            <span>{t(textOf(choice))}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The quiz editor: one form for every setting and the items, for a new quiz and a saved one. Its buttons post the
 * whole form (save, publish, and the items' own buttons), so nothing typed is lost whichever is pressed.
 */
export function QuizForm(props: QuizFormProps) {
  // A new answer from the server (another post, a saved version) starts the form again from its values.
  return <QuizFormFields key={JSON.stringify([props.values, props.version])} {...props} />;
}

interface QuizFormProps {
  values: QuizFormValues;
  version: number | null;
  result: EditorResult | undefined;
  tags: string[];
  found: QuestionInfo[];
  /** Units a new quiz may belong to (a saved quiz's unit is fixed: `ownerName`). */
  owners: UnitChoice[];
  ownerName?: string;
  /** Courses a new quiz may be the final test of (a saved quiz's course is fixed: `courseTitle`). */
  courses: { courseId: string; title: string }[];
  courseTitle?: string;
  isNew: boolean;
  canPublish: boolean;
  reloadTo?: string;
}

function QuizFormFields({
  values,
  version,
  result,
  tags,
  found,
  owners,
  ownerName,
  courses,
  courseTitle,
  isNew,
  canPublish,
  reloadTo,
}: QuizFormProps) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const [review, setReview] = useState({ when: values.reviewWhen, show: values.reviewShow });
  const problem = result?.problem;
  const top = result?.problemAt === 'items' ? undefined : problem;
  return (
    <Form method="post" className="form quiz-form" data-testid="quiz-form">
      {/* Enter in a field presses the form's first button: a search, which changes nothing and keeps everything typed. The
          buttons that only change the items skip the browser's checks (a title not yet typed must not stop them). */}
      <button type="submit" formNoValidate name="intent" value="search" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
      {version !== null ? <input type="hidden" name="version" value={version} /> : null}
      {top ? (
        <div className="form-problem">
          <ProblemNotice problem={top} />
          {result?.conflict && reloadTo ? (
            <p>
              <a href={reloadTo} data-testid="reload-latest">
                {t('quizManage.reload')}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}

      <fieldset className="card form-card">
        <legend className="section-legend">
          <h2>{t('quizManage.section.basics')}</h2>
        </legend>
        <Field name="title" label="quizManage.field.title" problem={problem} value={values.title} required maxLength={80} />
        {isNew ? (
          <div className="form-pair">
            <div className="field">
              <label htmlFor="quiz-owner">{t('quizManage.field.owner')}</label>
              <select id="quiz-owner" name="ownerUnitId" className="select" defaultValue={values.ownerUnitId} aria-describedby="quiz-owner-hint quiz-owner-error">
                {owners.map((unit) => (
                  <option key={unit.unitId} value={unit.unitId}>
                    {`${'\u3000'.repeat(Math.min(unit.depth, 4))}${unit.name}`}
                  </option>
                ))}
              </select>
              <p className="hint" id="quiz-owner-hint">
                {t('quizManage.field.ownerHint')}
              </p>
              <FieldError problem={problem} field="ownerUnitId" id="quiz-owner-error" />
            </div>
            <div className="field">
              <label htmlFor="quiz-course">{t('quizManage.field.course')}</label>
              <select id="quiz-course" name="courseId" className="select" defaultValue={values.courseId} aria-describedby="quiz-course-hint quiz-course-error">
                <option value="">{t('quizManage.field.courseNone')}</option>
                {courses.map((course) => (
                  <option key={course.courseId} value={course.courseId}>
                    {course.title}
                  </option>
                ))}
              </select>
              <p className="hint" id="quiz-course-hint">
                {t('quizManage.field.courseHint')}
              </p>
              <FieldError problem={problem} field="courseId" id="quiz-course-error" />
            </div>
          </div>
        ) : (
          <dl className="facts quiz-facts">
            <div>
              <dt>{t('quizManage.field.owner')}</dt>
              <dd data-testid="quiz-owner">{ownerName ?? values.ownerUnitId}</dd>
            </div>
            <div>
              <dt>{t('quizManage.field.course')}</dt>
              <dd data-testid="quiz-course">{values.courseId ? (courseTitle ?? values.courseId) : t('quizManage.field.courseNone')}</dd>
            </div>
          </dl>
        )}
      </fieldset>

      <ItemsSection values={values} tags={tags} found={found} notice={result?.problemAt === 'items' ? problem : undefined} problem={problem} />

      <fieldset className="card form-card">
        <legend className="section-legend">
          <h2>{t('quizManage.section.rules')}</h2>
        </legend>
        <div className="choice-row">
          <label className="check-row">
            <input type="checkbox" name="shuffleQuestions" defaultChecked={values.shuffleQuestions} />
            <span>{t('quizManage.field.shuffleQuestions')}</span>
          </label>
          <label className="check-row">
            <input type="checkbox" name="shuffleOptions" defaultChecked={values.shuffleOptions} />
            <span>{t('quizManage.field.shuffleOptions')}</span>
          </label>
        </div>
        <div className="form-pair">
          <Field name="timeLimitMinutes" label="quizManage.field.timeLimit" hint="quizManage.field.timeLimitHint" problem={problem} value={values.timeLimitMinutes} inputMode="numeric" />
          <Field name="attemptsAllowed" label="quizManage.field.attempts" hint="quizManage.field.attemptsHint" problem={problem} value={values.attemptsAllowed} inputMode="numeric" />
        </div>
        <div className="form-pair">
          <Field name="opensAt" type="datetime-local" label="quizManage.field.opensAt" hint="quizManage.field.windowHint" problem={problem} value={values.opensAt} />
          <Field name="closesAt" type="datetime-local" label="quizManage.field.closesAt" hint="quizManage.field.windowHint" problem={problem} value={values.closesAt} />
        </div>
        <div className="form-pair">
          <Field name="passPercent" label="quizManage.field.passPercent" problem={problem} value={values.passPercent} inputMode="decimal" required />
          <Radios name="counts" legend="quizManage.field.counts" choices={['best', 'last'] as const} value={values.counts} textOf={(c) => `quizManage.counts.${c}`} />
        </div>
      </fieldset>

      <fieldset className="card form-card">
        <legend className="section-legend">
          <h2>{t('quizManage.section.review')}</h2>
        </legend>
        <Radios name="reviewWhen" legend="quizManage.field.reviewWhen" choices={['afterSubmit', 'afterClose'] as const} value={values.reviewWhen} textOf={(c) => `quizManage.review.${c}`} onChange={(when) => setReview((r) => ({ ...r, when }))} />
        <Radios name="reviewShow" legend="quizManage.field.reviewShow" choices={['scoreOnly', 'full'] as const} value={values.reviewShow} textOf={(c) => `quizManage.review.${c}`} onChange={(show) => setReview((r) => ({ ...r, show }))} />
        <Notice kind="notice" testId="review-explained">
          <p>{t(`quizManage.review.explain.${review.when}.${review.show}`)}</p>
          {review.when === 'afterClose' && !values.closesAt ? <p>{t('quizManage.review.noClose')}</p> : null}
        </Notice>
      </fieldset>

      <div className="card quiz-form-foot">
        {canPublish ? <p className="hint">{t('quizManage.publishHint')}</p> : null}
        <p className="button-row">
          <button type="submit" name="intent" value="save" className="button button-primary" disabled={busy} data-testid="quiz-save">
            {t(isNew ? 'quizManage.create' : 'quizManage.save')}
          </button>
          {canPublish ? (
            <button type="submit" name="intent" value="publish" className="button button-quiet" disabled={busy} data-testid="quiz-publish">
              {t('quizManage.publish')}
            </button>
          ) : null}
        </p>
      </div>
    </Form>
  );
}
