import { Form } from '@remix-run/react';
import { useT } from '../../i18n';
import type { ActionResult, EditorCourse, EditorLesson } from '../../lib/course-editor/types';
import { LessonSummary } from '../lesson-summary';
import { FieldError, Notice, ProblemNotice } from '../notice';

/** The lessons in order: each can be edited in place and moved up or down. */
export function LessonsSection({ course, moved, saved }: { course: EditorCourse; moved: ActionResult | undefined; saved: ActionResult | undefined }) {
  const t = useT();
  const last = course.lessons.length - 1;
  return (
    <section aria-labelledby="lessons-heading" className="editor-lessons">
      <h2 id="lessons-heading">{t('editor.lessons.title', { count: course.lessons.length })}</h2>
      <ProblemNotice problem={moved?.problem} />
      {saved?.done ? <Notice kind="ok">{t(saved.done)}</Notice> : null}
      {course.lessons.length === 0 ? (
        <p className="card empty-state" data-testid="editor-no-lessons">
          {t('editor.lessons.empty')}
        </p>
      ) : (
        <ol className="editor-lesson-list" data-testid="editor-lessons">
          {course.lessons.map((lesson, index) => (
            <li key={lesson.lessonId} className="card editor-lesson" data-testid="editor-lesson">
              <LessonSummary
                number={index + 1}
                lesson={lesson}
                extra={
                  lesson.kind === 'video' || lesson.kind === 'pdf' ? (
                    <span className={lesson.hasMaterial ? 'badge badge-ok' : 'badge badge-down'}>{t(lesson.hasMaterial ? 'editor.lessons.hasFile' : 'editor.lessons.noFile')}</span>
                  ) : null
                }
              />
              <EditLesson lesson={lesson} version={course.version} result={saved} />
              <span className="editor-lesson-moves">
                {index > 0 ? <MoveButton lesson={lesson} version={course.version} to={index - 1} direction="up" /> : null}
                {index < last ? <MoveButton lesson={lesson} version={course.version} to={index + 1} direction="down" /> : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function MoveButton({ lesson, version, to, direction }: { lesson: EditorLesson; version: number; to: number; direction: 'up' | 'down' }) {
  const t = useT();
  return (
    <Form method="post">
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="lessonId" value={lesson.lessonId} />
      <input type="hidden" name="position" value={to} />
      <button
        type="submit"
        name="intent"
        value="move"
        className="button button-quiet button-small"
        aria-label={t(direction === 'up' ? 'editor.lessons.upLabel' : 'editor.lessons.downLabel', { title: lesson.title })}
      >
        {t(direction === 'up' ? 'editor.lessons.up' : 'editor.lessons.down')}
      </button>
    </Form>
  );
}

/** Edits a lesson's title, minimum time and its text or address, in place (closed until opened). */
function EditLesson({ lesson, version, result }: { lesson: EditorLesson; version: number; result: ActionResult | undefined }) {
  const t = useT();
  const mine = result?.values && (result.values as Record<string, string>).lessonId === lesson.lessonId ? (result.values as Record<string, string>) : undefined;
  const problem = mine ? result?.problem : undefined;
  return (
    <details className="editor-lesson-edit" open={Boolean(problem)}>
      <summary className="button button-quiet button-small">{t('editor.lesson.edit')}</summary>
      <Form method="post" className="form">
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="lessonId" value={lesson.lessonId} />
        <input type="hidden" name="kind" value={lesson.kind} />
        {problem ? <ProblemNotice problem={problem} /> : null}
        <label className="field">
          <span>{t('editor.lesson.field.title')}</span>
          <input name="title" className="input" required maxLength={80} defaultValue={mine?.title ?? lesson.title} />
          <FieldError problem={problem} field="title" />
        </label>
        {lesson.kind === 'text' ? (
          <label className="field">
            <span>{t('editor.lesson.field.body')}</span>
            <textarea name="body" className="input textarea" rows={8} maxLength={50000} defaultValue={mine?.body ?? lesson.body ?? ''} />
            <FieldError problem={problem} field="body" />
          </label>
        ) : null}
        {lesson.kind === 'link' ? (
          <label className="field">
            <span>{t('editor.lesson.field.url')}</span>
            <input name="url" type="url" className="input" required defaultValue={mine?.url ?? lesson.url ?? ''} />
            <FieldError problem={problem} field="url" />
          </label>
        ) : null}
        <label className="field">
          <span>{t('editor.lesson.field.minutes')}</span>
          <input name="minutes" type="number" className="input" min={1} max={240} step="0.5" required defaultValue={mine?.minutes ?? String(lesson.minSeconds / 60)} />
        </label>
        <button type="submit" name="intent" value="editLesson" className="button button-primary">
          {t('editor.lesson.save')}
        </button>
      </Form>
    </details>
  );
}
