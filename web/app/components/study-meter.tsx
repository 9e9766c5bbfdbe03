/** "Studied X of Y" for the lesson being read, updated from the study clock's answers. */
import { useT, type MessageKey } from '../i18n';
import { formatDuration } from '../lib/learn';
import type { StudyClock } from '../lib/use-study-heartbeat';
import { CheckIcon, ClockIcon } from './course-icons';
import { CourseProgressBar } from './course-progress-bar';

const stateText = {
  preview: 'lesson.clock.preview',
  ready: 'lesson.clock.ready',
  done: 'lesson.clock.done',
  running: 'lesson.clock.running',
  paused: 'lesson.clock.paused',
} as const satisfies Record<string, MessageKey>;

export function StudyMeter({ clock, minSeconds, enabled, video = false }: { clock: StudyClock; minSeconds: number; enabled: boolean; video?: boolean }) {
  const t = useT();
  const done = Boolean(clock.completedAt);
  const studied = clock.studiedSeconds;
  const state: keyof typeof stateText = !enabled ? 'preview' : done ? 'done' : clock.running ? 'running' : clock.started ? 'paused' : 'ready';
  return (
    <div className={`study-meter study-${state}`} data-testid="study-meter" data-state={state}>
      <p className="study-line">
        {done ? <CheckIcon className="icon icon-small" /> : <ClockIcon className="icon icon-small" />}
        <span data-testid="study-figures">
          {t('lesson.studiedOf', { studied: formatDuration(t, studied), needed: formatDuration(t, minSeconds, 'up') })}
        </span>
        <span className="study-state" role="status">
          {t(stateText[state])}
        </span>
      </p>
      <CourseProgressBar value={done ? minSeconds : Math.min(studied, minSeconds)} max={Math.max(1, minSeconds)} label={t('lesson.clock.bar')} tone={done ? 'green' : 'red'} />
      {video && enabled && !done && clock.studiedSeconds >= minSeconds ? <p className="study-hint">{t('lesson.clock.watchToEnd')}</p> : null}
      {clock.problem ? (
        <p className="study-problem" role="alert">
          {clock.problem}
        </p>
      ) : null}
    </div>
  );
}
