import { Link } from '@remix-run/react';
import { useT, type MessageKey } from '../../i18n';
import type { ApiProblem } from '../../lib/api-problem';
import { difficulties, questionKinds, type FormItem, type QuestionInfo, type QuizFormValues } from '../../lib/quiz-editor/form';
import { FieldError, ProblemNotice } from '../notice';
import { SelectField } from '../select-field';

const difficultyKey = (difficulty: string) => `quizManage.difficulty.${difficulty}` as MessageKey;
const kindKey = (kind: string) => `quizManage.kind.${kind}` as MessageKey;

/** The questions an attempt gets: each fixed question, and each rule's count. */
export function questionsPerAttempt(items: FormItem[]): number {
  return items.reduce((sum, item) => sum + (item.kind === 'fixed' ? 1 : Math.max(0, Number.parseInt(item.count, 10) || 0)), 0);
}

/** A question's type, difficulty and categories as small badges. */
function QuestionBadges({ question }: { question: QuestionInfo }) {
  const t = useT();
  return (
    <span className="badge-row">
      {question.kind ? <span className="badge badge-category">{t(kindKey(question.kind))}</span> : null}
      {question.difficulty ? <span className="badge badge-muted">{t(difficultyKey(question.difficulty))}</span> : null}
      {question.tags.map((tag) => (
        <span key={tag} className="badge badge-gold">
          {tag}
        </span>
      ))}
    </span>
  );
}

/** The hidden fields that carry a fixed question through a post (its id; the rest only describes it). */
function QuestionFields({ prefix, question }: { prefix: string; question: QuestionInfo }) {
  return (
    <>
      <input type="hidden" name={`${prefix}.kind`} value="fixed" />
      <input type="hidden" name={`${prefix}.questionId`} value={question.questionId} />
      <input type="hidden" name={`${prefix}.stem`} value={question.stem} />
      <input type="hidden" name={`${prefix}.qkind`} value={question.kind} />
      <input type="hidden" name={`${prefix}.difficulty`} value={question.difficulty} />
      <input type="hidden" name={`${prefix}.tags`} value={question.tags.join('\n')} />
    </>
  );
}

/**
 * The quiz's items (fixed questions and draw rules, in order, each movable and removable) and the bank to pick
 * from. Every button posts the whole form with its intent, so the page works the same without JavaScript.
 */
export function ItemsSection({
  values,
  tags,
  found,
  notice,
  problem,
}: {
  values: QuizFormValues;
  tags: string[];
  found: QuestionInfo[];
  /** A refusal about the items as a whole (a rule the bank cannot meet), said here rather than at the top. */
  notice: ApiProblem | undefined;
  /** The form's problem, for the messages beside the items' fields. */
  problem: ApiProblem | undefined;
}) {
  const t = useT();
  const { items } = values;
  const total = questionsPerAttempt(items);
  return (
    <fieldset className="card form-card quiz-items" aria-describedby="items-lead">
      <legend className="section-legend">
        <h2>{t('quizManage.section.items')}</h2>
      </legend>
      <p className="hint" id="items-lead">
        {t('quizManage.items.lead')}
      </p>
      <ProblemNotice problem={notice} />
      <FieldError problem={problem} field="items" id="items-error" />
      <input type="hidden" name="itemCount" value={items.length} />
      {items.length === 0 ? (
        <p className="empty-state" data-testid="items-empty">
          {t('quizManage.items.empty')}
        </p>
      ) : (
        <>
          <p className="items-total" data-testid="items-total">
            {t('quizManage.items.count', { count: total })}
          </p>
          <ol className="quiz-item-list" data-testid="quiz-items">
            {items.map((item, i) => {
              const prefix = `item.${i}`;
              const n = i + 1;
              return (
                <li key={`${i}-${item.kind === 'fixed' ? item.question.questionId : 'draw'}`} className="quiz-item" data-testid="quiz-item" data-kind={item.kind}>
                  {item.kind === 'fixed' ? (
                    <div className="quiz-item-body">
                      <QuestionFields prefix={prefix} question={item.question} />
                      <p className="quiz-item-kind">{t('quizManage.items.fixed')}</p>
                      <p className="quiz-item-stem">{item.question.stem || t('quizManage.items.unknownQuestion', { id: item.question.questionId })}</p>
                      <QuestionBadges question={item.question} />
                    </div>
                  ) : (
                    <div className="quiz-item-body">
                      <input type="hidden" name={`${prefix}.kind`} value="draw" />
                      <p className="quiz-item-kind">{t('quizManage.items.rule')}</p>
                      <div className="rule-fields">
                        <SelectField
                          id={`${prefix}-tag`}
                          name={`${prefix}.tag`}
                          label={t('quizManage.rule.tag')}
                          anyText={t('quizManage.rule.anyTag')}
                          choices={item.tag && !tags.includes(item.tag) ? [item.tag, ...tags] : tags}
                          textOf={(tag) => tag}
                          defaultValue={item.tag}
                        />
                        <SelectField
                          id={`${prefix}-difficulty`}
                          name={`${prefix}.difficulty`}
                          label={t('quizManage.rule.difficulty')}
                          anyText={t('quizManage.rule.anyDifficulty')}
                          choices={difficulties}
                          textOf={(difficulty) => t(difficultyKey(difficulty))}
                          defaultValue={item.difficulty}
                        />
                        <div className="field field-count">
                          <label htmlFor={`${prefix}-count`}>{t('quizManage.rule.count')}</label>
                          <input id={`${prefix}-count`} name={`${prefix}.count`} className="input" inputMode="numeric" defaultValue={item.count} aria-describedby={`${prefix}-count-error`} />
                          <FieldError problem={problem} field={`items.${i}.count`} id={`${prefix}-count-error`} />
                        </div>
                      </div>
                    </div>
                  )}
                  <p className="quiz-item-actions">
                    <button type="submit" formNoValidate name="intent" value={`up:${i}`} className="button button-quiet button-small" disabled={i === 0} aria-label={t('quizManage.items.upLabel', { n })}>
                      {t('quizManage.items.up')}
                    </button>
                    <button type="submit" formNoValidate name="intent" value={`down:${i}`} className="button button-quiet button-small" disabled={i === items.length - 1} aria-label={t('quizManage.items.downLabel', { n })}>
                      {t('quizManage.items.down')}
                    </button>
                    <button type="submit" formNoValidate name="intent" value={`remove:${i}`} className="button button-quiet button-small" aria-label={t('quizManage.items.removeLabel', { n })}>
                      {t('quizManage.items.remove')}
                    </button>
                  </p>
                </li>
              );
            })}
          </ol>
        </>
      )}
      <p className="form-foot">
        <button type="submit" formNoValidate name="intent" value="addRule" className="button button-quiet" data-testid="add-rule">
          {t('quizManage.rule.add')}
        </button>
      </p>

      <div className="bank-picker" role="group" aria-labelledby="bank-heading">
        <h3 id="bank-heading">{t('quizManage.bank.heading')}</h3>
        <div className="bank-search">
          <div className="field">
            <label htmlFor="search-text">{t('quizManage.bank.text')}</label>
            <input id="search-text" name="search.text" type="search" className="input" defaultValue={values.search.text} />
          </div>
          <SelectField id="search-tag" name="search.tag" label={t('quizManage.rule.tag')} anyText={t('quizManage.rule.anyTag')} choices={tags} textOf={(tag) => tag} defaultValue={values.search.tag} />
          <SelectField
            id="search-difficulty"
            name="search.difficulty"
            label={t('quizManage.rule.difficulty')}
            anyText={t('quizManage.rule.anyDifficulty')}
            choices={difficulties}
            textOf={(difficulty) => t(difficultyKey(difficulty))}
            defaultValue={values.search.difficulty}
          />
          <SelectField id="search-kind" name="search.kind" label={t('quizManage.bank.kind')} anyText={t('quizManage.bank.anyKind')} choices={questionKinds} textOf={(kind) => t(kindKey(kind))} defaultValue={values.search.kind} />
          <p className="form-foot bank-search-button">
            <button type="submit" formNoValidate name="intent" value="search" className="button button-quiet" data-testid="bank-search">
              {t('quizManage.bank.search')}
            </button>
          </p>
        </div>
        {found.length === 0 ? (
          <p className="hint" data-testid="bank-none">
            {t('quizManage.bank.none')} <Link to="/quizzes/bank">{t('quizManage.bank.toBank')}</Link>
          </p>
        ) : (
          <>
            <p className="hint">{t('quizManage.bank.shown', { count: found.length })}</p>
            <ul className="bank-results" data-testid="bank-results">
              {found.map((question) => (
                <li key={question.questionId} className="bank-result" data-testid="bank-result">
                  <div className="quiz-item-body">
                    <p className="quiz-item-stem">{question.stem}</p>
                    <QuestionBadges question={question} />
                  </div>
                  <button type="submit" formNoValidate name="intent" value={`add:${question.questionId}`} className="button button-quiet button-small" aria-label={t('quizManage.bank.addLabel', { stem: question.stem.slice(0, 60) })}>
                    {t('quizManage.bank.add')}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </fieldset>
  );
}
