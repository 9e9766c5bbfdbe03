/**
 * The question editor's form (new question, or an edit saved as a new version): the type as large choices, the
 * stem and its optional image, then what the type needs — options (2–8, each with a "correct" box and an optional
 * image), the true/false key, or the accepted answers — and the explanation, difficulty, points and categories.
 *
 * The type switches the sections by CSS alone (`:has()` on the checked type), so the form works before hydration;
 * adding and removing options needs JavaScript (without it, the boxes shown are used and empty ones are dropped).
 */
import { useRef, useState } from 'react';
import { Form } from '@remix-run/react';
import { useT } from '../i18n';
import type { ApiProblem } from '../lib/api-problem';
import { difficulties, difficultyKey, kindKey, letterOf, maxOptions, minOptions, questionKinds, type Difficulty, type QuestionKind } from '../lib/quiz-bank';
import { FieldError, ProblemNotice } from './notice';
import { UnitOptions } from './unit-options';
import { UploadField } from './upload-field';
import type { UnitInTree } from '../lib/people-labels';

export interface QuestionFormOption {
  text: string;
  imageKey?: string | null;
  imageUrl?: string | null;
}

/** What the form shows: a question as stored, or what was just submitted. */
export interface QuestionFormValues {
  kind: QuestionKind;
  ownerUnitId: string;
  stem: string;
  stemImageUrl: string | null;
  options: QuestionFormOption[];
  /** Indices of the correct options (choice questions). */
  correct: number[];
  /** '0' true, '1' false, '' not chosen. */
  truth: '' | '0' | '1';
  /** Accepted answers of a fill-in question, one per line. */
  accepted: string;
  explanation: string;
  difficulty: Difficulty;
  points: string;
  tags: string;
}

export const emptyQuestion = (ownerUnitId: string): QuestionFormValues => ({
  kind: 'single',
  ownerUnitId,
  stem: '',
  stemImageUrl: null,
  options: [{ text: '' }, { text: '' }, { text: '' }, { text: '' }],
  correct: [],
  truth: '',
  accepted: '',
  explanation: '',
  difficulty: 'medium',
  points: '1',
  tags: '',
});

/** A stored question as the form shows it. */
export function questionValues(question: {
  kind: QuestionKind;
  ownerUnitId: string;
  stem: string;
  stemImageUrl: string | null;
  options: Array<{ text: string; imageKey?: string; imageUrl: string | null }>;
  answer: Array<number | string>;
  explanation: string;
  difficulty: Difficulty;
  points: number;
  tags: string[];
}): QuestionFormValues {
  const choice = question.kind === 'single' || question.kind === 'multiple';
  return {
    kind: question.kind,
    ownerUnitId: question.ownerUnitId,
    stem: question.stem,
    stemImageUrl: question.stemImageUrl,
    options: choice ? question.options.map((o) => ({ text: o.text, imageKey: o.imageKey ?? null, imageUrl: o.imageUrl })) : [{ text: '' }, { text: '' }, { text: '' }, { text: '' }],
    correct: choice ? question.answer.map(Number) : [],
    truth: question.kind === 'truefalse' ? (String(question.answer[0]) as '0' | '1') : '',
    accepted: question.kind === 'fill' ? question.answer.map(String).join('\n') : '',
    explanation: question.explanation,
    difficulty: question.difficulty,
    points: String(question.points),
    tags: question.tags.join('、'),
  };
}

let rowCounter = 0;
const rowId = () => `row-${++rowCounter}`;

export function QuestionForm({
  values,
  mode,
  version,
  units,
  problem,
}: {
  values: QuestionFormValues;
  mode: 'create' | 'update';
  version?: number;
  units?: UnitInTree[];
  problem?: ApiProblem | null;
}) {
  const t = useT();
  const [rows, setRows] = useState(() => values.options.map((option) => ({ ...option, id: rowId() })));
  const formRef = useRef<HTMLFormElement>(null);

  /** A single choice question has one correct option: ticking one unticks the others. */
  const onCorrect = (index: number, checked: boolean) => {
    const form = formRef.current;
    if (!checked || !form) return;
    const kind = (form.elements.namedItem('kind') as RadioNodeList | null)?.value;
    if (kind !== 'single') return;
    for (const box of form.querySelectorAll<HTMLInputElement>('input[name="correct"]')) if (box.value !== String(index)) box.checked = false;
  };

  return (
    <Form method="post" className="form question-form" ref={formRef} data-testid="question-form">
      <input type="hidden" name="intent" value={mode} />
      {version ? <input type="hidden" name="version" value={version} /> : null}
      <ProblemNotice problem={problem} />

      <fieldset className="fieldset">
        <legend>{t('bank.field.kind')}</legend>
        <div className="qf-kinds">
          {questionKinds.map((kind) => (
            <label key={kind} className="qf-kind">
              <input type="radio" name="kind" value={kind} defaultChecked={values.kind === kind} data-testid={`kind-${kind}`} />
              <span>{t(kindKey(kind))}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {mode === 'create' && units ? (
        <div className="field">
          <label htmlFor="qf-owner">{t('bank.field.owner')}</label>
          <select id="qf-owner" name="ownerUnitId" className="select" defaultValue={values.ownerUnitId}>
            <UnitOptions units={units} />
          </select>
          <FieldError problem={problem} field="ownerUnitId" />
        </div>
      ) : null}

      <div className="field">
        <label htmlFor="qf-stem">{t('bank.field.stem')}</label>
        <textarea id="qf-stem" name="stem" className="input textarea" rows={3} maxLength={2000} defaultValue={values.stem} required aria-invalid={Boolean(problem?.fields.some((f) => f.path === 'stem'))} />
        <FieldError problem={problem} field="stem" />
      </div>

      {values.stemImageUrl ? (
        <div className="field qf-current-image">
          <span className="qf-label">{t('bank.field.currentImage')}</span>
          <img src={values.stemImageUrl} alt="" className="qf-image" />
          <label className="check-row">
            <input type="checkbox" name="removeStemImage" value="true" />
            <span>{t('bank.field.removeImage')}</span>
          </label>
        </div>
      ) : null}
      <UploadField id="qf-stem-image" purpose="cover" name="stemImageUploadId" label={t('bank.field.stemImage')} hint={t('bank.field.imageHint')} />

      <fieldset className="fieldset qf-section qf-choice" data-testid="qf-options">
        <legend>{t('bank.field.options')}</legend>
        <p className="hint">{t('bank.field.optionsHint')}</p>
        <ol className="qf-options">
          {rows.map((row, index) => {
            const letter = letterOf(index);
            return (
              <li key={row.id} className="qf-option" data-testid={`option-${letter}`}>
                <span className="qf-letter" aria-hidden="true">
                  {letter}
                </span>
                <div className="qf-option-main">
                  <label className="visually-hidden" htmlFor={`qf-option-${row.id}`}>
                    {t('bank.field.option', { letter })}
                  </label>
                  <input id={`qf-option-${row.id}`} name="optionText" className="input" maxLength={500} defaultValue={row.text} placeholder={t('bank.field.option', { letter })} />
                  <input type="hidden" name="optionImageKey" value={row.imageKey ?? ''} />
                  {row.imageUrl ? (
                    <span className="qf-option-image">
                      <img src={row.imageUrl} alt="" className="qf-image qf-image-small" />
                      <label className="check-row">
                        <input type="checkbox" name="optionImageRemove" value={index} />
                        <span>{t('bank.field.removeImage')}</span>
                      </label>
                    </span>
                  ) : null}
                  <details className="qf-option-upload">
                    <summary>{t('bank.field.optionImage', { letter })}</summary>
                    <UploadField id={`qf-option-image-${row.id}`} purpose="cover" name="optionImageUploadId" label={t('bank.field.optionImage', { letter })} hint={t('bank.field.imageHint')} />
                  </details>
                </div>
                <label className="check-row qf-correct">
                  <input type="checkbox" name="correct" value={index} defaultChecked={values.correct.includes(index)} onChange={(event) => onCorrect(index, event.currentTarget.checked)} data-testid={`correct-${letter}`} />
                  <span>{t('bank.field.correct')}</span>
                </label>
                {rows.length > minOptions ? (
                  <button
                    type="button"
                    className="button button-quiet button-small qf-remove"
                    aria-label={t('bank.option.remove', { letter })}
                    title={t('bank.option.remove', { letter })}
                    onClick={() => setRows((current) => current.filter((other) => other.id !== row.id))}
                  >
                    ×
                  </button>
                ) : null}
              </li>
            );
          })}
        </ol>
        {rows.length < maxOptions ? (
          <p className="qf-add">
            <button type="button" className="button button-quiet" onClick={() => setRows((current) => [...current, { text: '', id: rowId() }])} data-testid="option-add">
              + {t('bank.option.add')}
            </button>
          </p>
        ) : null}
        <noscript>
          <p className="hint">{t('bank.needsScript')}</p>
        </noscript>
        <FieldError problem={problem} field="options" />
      </fieldset>

      <fieldset className="fieldset qf-section qf-truefalse">
        <legend>{t('bank.field.tfAnswer')}</legend>
        <div className="qf-kinds">
          <label className="qf-kind">
            <input type="radio" name="truth" value="0" defaultChecked={values.truth === '0'} data-testid="truth-true" />
            <span>{t('bank.tf.true')}</span>
          </label>
          <label className="qf-kind">
            <input type="radio" name="truth" value="1" defaultChecked={values.truth === '1'} data-testid="truth-false" />
            <span>{t('bank.tf.false')}</span>
          </label>
        </div>
      </fieldset>

      <div className="field qf-section qf-fill">
        <label htmlFor="qf-accepted">{t('bank.field.accepted')}</label>
        <textarea id="qf-accepted" name="accepted" className="input textarea" rows={3} defaultValue={values.accepted} aria-describedby="qf-accepted-hint" />
        <p id="qf-accepted-hint" className="hint">
          {t('bank.field.acceptedHint')}
        </p>
      </div>
      <FieldError problem={problem} field="answer" />

      <div className="field">
        <label htmlFor="qf-explanation">{t('bank.field.explanation')}</label>
        <textarea id="qf-explanation" name="explanation" className="input textarea" rows={3} maxLength={5000} defaultValue={values.explanation} aria-describedby="qf-explanation-hint" />
        <p id="qf-explanation-hint" className="hint">
          {t('bank.field.explanationHint')}
        </p>
        <FieldError problem={problem} field="explanation" />
      </div>

      <div className="qf-row">
        <div className="field">
          <label htmlFor="qf-difficulty">{t('bank.field.difficulty')}</label>
          <select id="qf-difficulty" name="difficulty" className="select" defaultValue={values.difficulty}>
            {difficulties.map((difficulty) => (
              <option key={difficulty} value={difficulty}>
                {t(difficultyKey(difficulty))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="qf-points">{t('bank.field.points')}</label>
          <input id="qf-points" name="points" className="input" inputMode="decimal" defaultValue={values.points} aria-describedby="qf-points-hint" />
          <p id="qf-points-hint" className="hint">
            {t('bank.field.pointsHint')}
          </p>
          <FieldError problem={problem} field="points" />
        </div>
      </div>

      <div className="field">
        <label htmlFor="qf-tags">{t('bank.field.tags')}</label>
        <input id="qf-tags" name="tags" className="input" maxLength={400} defaultValue={values.tags} aria-describedby="qf-tags-hint" />
        <p id="qf-tags-hint" className="hint">
          {t('bank.field.tagsHint')}
        </p>
        <FieldError problem={problem} field="tags" />
      </div>

      <p className="form-foot">
        <button type="submit" className="button button-primary" data-testid="question-save">
          {mode === 'create' ? t('bank.save.create') : t('bank.save.update')}
        </button>
      </p>
    </Form>
  );
}
