/** The cards of the learning home and the record: a task, a course in the catalogue, the year's 学时. */
import { Link } from '@remix-run/react';
import { useLang, useT } from '../i18n';
import { formatDate } from '../lib/format';
import { categoryKey, formatCredit, percent, taskStateClass, taskStateKey, type CourseCategory, type Task } from '../lib/learn';
import { ArrowRightIcon, AwardIcon, CalendarIcon, CheckIcon, ClockIcon } from './course-icons';
import { CourseProgressBar } from './course-progress-bar';

/** One assigned course; `lead` marks the most urgent one, whose button alone is red. */
export function TaskCard({ task, lead = false }: { task: Task; lead?: boolean }) {
  const t = useT();
  const lang = useLang();
  const action = task.state === 'done' ? 'learn.task.review' : task.started ? 'learn.task.continue' : 'learn.task.start';
  return (
    <li className={`card task-card task-${task.state}`} data-testid="task-item" data-state={task.state}>
      <div className="task-main">
        <p className="badge-row">
          <span className={taskStateClass[task.state]}>{t(taskStateKey(task.state))}</span>
          <span className={task.required ? 'badge badge-required' : 'badge badge-muted'}>{t(task.required ? 'learn.task.required' : 'learn.task.elective')}</span>
        </p>
        <h3 className="task-title">
          <Link to={`/learn/courses/${task.courseId}`} prefetch="intent">
            {task.courseTitle}
          </Link>
        </h3>
        <p className="task-due">
          {task.state === 'done' && task.completedAt ? (
            <>
              <CheckIcon className="icon icon-small" />
              <span>{t('learn.task.completedOn', { date: formatDate(task.completedAt, lang) })}</span>
            </>
          ) : (
            <>
              <CalendarIcon className="icon icon-small" />
              <span>{t('learn.task.dueOn', { date: formatDate(task.dueAt, lang) })}</span>
            </>
          )}
        </p>
      </div>
      <Link to={`/learn/courses/${task.courseId}`} className={lead ? 'button button-primary' : 'button button-quiet'} aria-label={`${t(action)}: ${task.courseTitle}`}>
        <span>{t(action)}</span>
        <ArrowRightIcon className="icon icon-small" />
      </Link>
    </li>
  );
}

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
