/** The cards of the learning home and the record: a task, a course in the catalogue, the year's 学时. */
import { Link } from '@remix-run/react';
import { useLang, useT, type MessageKey } from '../i18n';
import { formatDate } from '../lib/format';
import { categoryKey, formatCredit, percent, quizStandingKey, taskStateClass, taskStateKey, type CourseCategory, type QuizStanding, type Task } from '../lib/learn';
import { ArrowRightIcon, AwardIcon, CalendarIcon, CheckIcon, ClockIcon } from './course-icons';
import { CourseProgressBar } from './course-progress-bar';

/** One assigned course or quiz; `lead` marks the most urgent one, whose button alone is red. */
export function TaskCard({ task, lead = false }: { task: Task; lead?: boolean }) {
  const t = useT();
  const lang = useLang();
  const quiz = task.kind === 'quiz';
  const href = quiz ? `/quizzes/${task.quizId}` : `/learn/courses/${task.courseId}`;
  const title = quiz ? task.quizTitle : task.courseTitle;
  const action: MessageKey = quiz
    ? quizActionKey[task.standing]
    : task.state === 'done'
      ? 'learn.task.review'
      : task.started
        ? 'learn.task.continue'
        : 'learn.task.start';
  const finishedAt = quiz ? task.passedAt : task.completedAt;
  return (
    <li className={`card task-card task-${task.state}`} data-testid="task-item" data-state={task.state} data-kind={task.kind}>
      <div className="task-main">
        <p className="badge-row">
          <span className={taskStateClass[task.state]}>{t(taskStateKey(task.state))}</span>
          <span className={task.required ? 'badge badge-required' : 'badge badge-muted'}>{t(task.required ? 'learn.task.required' : 'learn.task.elective')}</span>
          {quiz ? <span className="badge badge-category">{t('learn.task.quiz')}</span> : null}
          {quiz && task.standing !== 'notStarted' && task.standing !== 'passed' ? (
            <span className="badge badge-muted" data-testid="task-standing">
              {t(quizStandingKey(task.standing))}
            </span>
          ) : null}
        </p>
        <h3 className="task-title">
          <Link to={href} prefetch="intent">
            {title}
          </Link>
        </h3>
        <p className="task-due">
          {task.state === 'done' && finishedAt ? (
            <>
              <CheckIcon className="icon icon-small" />
              <span>{t(quiz ? 'learn.task.passedOn' : 'learn.task.completedOn', { date: formatDate(finishedAt, lang) })}</span>
            </>
          ) : (
            <>
              <CalendarIcon className="icon icon-small" />
              <span>{t('learn.task.dueOn', { date: formatDate(task.dueAt, lang) })}</span>
            </>
          )}
        </p>
      </div>
      <Link to={href} className={lead ? 'button button-primary' : 'button button-quiet'} aria-label={`${t(action)}: ${title}`}>
        <span>{t(action)}</span>
        <ArrowRightIcon className="icon icon-small" />
      </Link>
    </li>
  );
}

/** What a quiz task's button says, by where the person stands in it. */
const quizActionKey: Record<QuizStanding, MessageKey> = {
  notStarted: 'learn.task.quiz.start',
  inProgress: 'learn.task.quiz.resume',
  notPassed: 'learn.task.quiz.retry',
  awaitingResult: 'learn.task.review',
  passed: 'learn.task.review',
};

export interface CatalogueCourse {
  courseId: string;
  title: string;
  summary: string;
  category: CourseCategory;
  credit: number;
  lessons: number;
  minutes: number;
  /** The reader's own state in it. */
  mine: 'done' | 'inProgress' | null;
  /** A short-lived address of its cover image. */
  coverUrl: string | null;
}

export function CatalogueCard({ course }: { course: CatalogueCourse }) {
  const t = useT();
  const lang = useLang();
  return (
    <li className="card catalogue-card" data-testid="catalogue-item">
      {/* Without a cover of its own, a course shows its title on the platform's red, so the cards line up. */}
      {course.coverUrl ? (
        <img className="catalogue-cover" src={course.coverUrl} alt="" width="640" height="360" loading="lazy" decoding="async" />
      ) : (
        <span className="catalogue-cover catalogue-cover-plain" aria-hidden="true">
          <span>{course.title}</span>
        </span>
      )}
      <p className="badge-row">
        <span className="badge badge-category">{t(categoryKey(course.category))}</span>
        {course.mine === 'done' ? <span className="badge badge-ok">{t('learn.mine.done')}</span> : null}
        {course.mine === 'inProgress' ? <span className="badge badge-gold">{t('learn.mine.inProgress')}</span> : null}
      </p>
      <h3 className="catalogue-title">
        <Link to={`/learn/courses/${course.courseId}`} prefetch="intent">
          {course.title}
        </Link>
      </h3>
      {course.summary ? <p className="catalogue-summary">{course.summary}</p> : null}
      <p className="catalogue-facts">
        <span>
          <AwardIcon className="icon icon-small" />
          {t('course.creditValue', { credit: formatCredit(course.credit, lang) })}
        </span>
        <span>{t(course.lessons === 1 ? 'course.lessonCountOne' : 'course.lessonCount', { count: course.lessons })}</span>
        <span>
          <ClockIcon className="icon icon-small" />
          {t('learn.minutes', { n: course.minutes })}
        </span>
      </p>
    </li>
  );
}

/** 学时 this year against the target, with a bar. */
export function CreditSummary({ credit, target, year, link }: { credit: number; target: number; year: number; link?: string }) {
  const t = useT();
  const lang = useLang();
  const share = percent(credit, target);
  const left = Math.max(0, target - credit);
  return (
    <section className="card credit-summary" aria-labelledby="credit-heading" data-testid="credit-summary">
      <div className="credit-head">
        <h2 id="credit-heading">{t('learn.credit.title', { year })}</h2>
        <p className="credit-figure">
          <strong className="num" data-testid="credit-value">
            {formatCredit(credit, lang)}
          </strong>
          <span className="credit-target">{t('learn.credit.ofTarget', { target: formatCredit(target, lang) })}</span>
        </p>
      </div>
      <CourseProgressBar value={credit} max={target} label={t('learn.credit.bar', { share })} tone={share >= 100 ? 'green' : 'red'} />
      <p className="credit-foot">
        <span>{left > 0 ? t('learn.credit.left', { left: formatCredit(left, lang), share }) : t('learn.credit.reached')}</span>
        {link ? (
          <Link to={link} className="credit-link">
            {t('learn.credit.toRecord')}
            <ArrowRightIcon className="icon icon-small" />
          </Link>
        ) : null}
      </p>
    </section>
  );
}
