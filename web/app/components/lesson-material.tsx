/** What a lesson is made of: a video (no skipping ahead), a PDF in the page, or an outside page. */
import { useEffect, useRef, type RefObject } from 'react';
import { useT } from '../i18n';
import { DownloadIcon, ExternalIcon } from './course-icons';

/**
 * A video that resumes where it was left and will not jump past the furthest point reached. The server enforces the
 * same rule (study.ts); this only spares people a seek that would not count.
 */
export function LessonVideo({
  src,
  title,
  videoRef,
  startAt,
  furthest,
  onEnded,
}: {
  src: string;
  title: string;
  videoRef: RefObject<HTMLVideoElement>;
  startAt: number;
  /** The furthest point the server has credited (seconds). */
  furthest: number;
  onEnded?: () => void;
}) {
  const furthestRef = useRef(furthest);
  furthestRef.current = Math.max(furthestRef.current, furthest);
  const endedRef = useRef(onEnded);
  endedRef.current = onEnded;

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return undefined;
    // The furthest point watched here by ordinary playback (the server learns it at the next report).
    let watched = furthestRef.current;
    let last = video.currentTime;
    const reach = () => Math.max(furthestRef.current, watched);
    const resume = () => {
      const at = Math.min(startAt, reach());
      if (at > 1 && Number.isFinite(video.duration) && at < video.duration - 1) video.currentTime = at;
    };
    const onTime = () => {
      const now = video.currentTime;
      if (!video.seeking && now >= last && now - last < 1.5) watched = Math.max(watched, now);
      last = now;
    };
    const onSeeking = () => {
      if (video.currentTime > reach() + 2) video.currentTime = reach();
      last = video.currentTime;
    };
    const onEnd = () => endedRef.current?.();
    if (video.readyState >= 1) resume();
    else video.addEventListener('loadedmetadata', resume, { once: true });
    video.addEventListener('timeupdate', onTime);
    video.addEventListener('seeking', onSeeking);
    video.addEventListener('ended', onEnd);
    return () => {
      video.removeEventListener('loadedmetadata', resume);
      video.removeEventListener('timeupdate', onTime);
      video.removeEventListener('seeking', onSeeking);
      video.removeEventListener('ended', onEnd);
    };
  }, [videoRef, startAt]);

  const t = useT();
  return (
    <figure className="lesson-video">
      <video ref={videoRef} controls preload="metadata" playsInline src={src} aria-label={title} data-testid="lesson-video">
        <a href={src}>{t('lesson.video.fallback')}</a>
      </video>
      <figcaption className="hint">{t('lesson.video.noSkip')}</figcaption>
    </figure>
  );
}

/**
 * A PDF read in the page through the browser's own viewer. The frame shows only a file the platform checked (it
 * starts with %PDF-), from the storage origin (another origin than the site's: it reaches none of the site's cookies
 * or pages), with the type and disposition the platform chose (application/pdf, inline), so the browser can only hand
 * it to its PDF viewer. It carries no `sandbox` attribute: Chromium shows no PDF at all in a sandboxed frame, whatever
 * the tokens (docs/decisions/014-checked-uploads-and-downloads.md).
 */
export function LessonPdf({ src, title }: { src: string; title: string }) {
  const t = useT();
  return (
    <figure className="lesson-pdf">
      <iframe src={src} title={title} className="lesson-pdf-frame" referrerPolicy="no-referrer" data-testid="lesson-pdf" />
      <figcaption className="lesson-pdf-foot">
        <span className="hint">{t('lesson.pdf.hint')}</span>
        <a href={src} className="button button-quiet" target="_blank" rel="noopener noreferrer" download>
          <DownloadIcon className="icon icon-small" />
          {t('lesson.pdf.download')}
        </a>
      </figcaption>
    </figure>
  );
}

export function LessonLink({ url }: { url: string }) {
  const t = useT();
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // shown as given
  }
  return (
    <div className="card lesson-link-card">
      <p>{t('lesson.link.lead', { host })}</p>
      <p>
        <a href={url} className="button button-primary" target="_blank" rel="noopener noreferrer" data-testid="lesson-open-link">
          <ExternalIcon className="icon icon-small" />
          {t('lesson.link.open')}
        </a>
      </p>
      <p className="hint">{t('lesson.link.hint')}</p>
    </div>
  );
}
