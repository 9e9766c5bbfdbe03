import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { formatDuration, kindKey } from '../lib/learn';
import { LessonKindIcon } from './course-icons';

type LessonKind = 'text' | 'video' | 'pdf' | 'link';

/**
 * A lesson in a list: its number (or a tick), its title, and a line with its kind and the study time it needs;
 * `extra` adds to that line (the editor's "file uploaded" badge).
 */
export function LessonSummary({ number, lesson, extra }: { number: ReactNode; lesson: { title: string; kind: LessonKind; minSeconds: number }; extra?: ReactNode }) {
  const t = useT();
  return (
    <>
      <span className="lesson-number" aria-hidden="true">
        {number}
      </span>
      <span className="lesson-text">
        <span className="lesson-title">{lesson.title}</span>
        <span className="lesson-meta">
          <LessonKindIcon kind={lesson.kind} className="icon icon-small" />
          <span>{t(kindKey(lesson.kind))}</span>
          <span aria-hidden="true">·</span>
          <span>{t('lesson.needs', { time: formatDuration(t, lesson.minSeconds, 'up') })}</span>
          {extra}
        </span>
      </span>
    </>
  );
}
