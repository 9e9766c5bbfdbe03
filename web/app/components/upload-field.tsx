/**
 * A file chosen in the browser goes straight to storage: ask the API for a presigned address (POST /api/uploads with
 * the file's type and size), PUT the file there with the headers it names while showing progress, then ask the API
 * to check what arrived (POST /api/uploads/{id}/check) while saying so. Only a file the platform accepted puts its
 * upload's id in the hidden field the surrounding form submits; a refused one shows the reason. The file itself never
 * passes through the web server or the API. Needs JavaScript; the form says so when it is off.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { CheckIcon, UploadIcon } from './course-icons';
import { CourseProgressBar } from './course-progress-bar';

type Purpose = 'video' | 'pdf' | 'cover';

interface Slot {
  uploadId: string;
  url: string;
  headers: Record<string, string>;
}

type State =
  | { step: 'idle' }
  | { step: 'uploading'; fileName: string; loaded: number; total: number }
  | { step: 'checking'; fileName: string }
  | { step: 'done'; fileName: string; uploadId: string }
  | { step: 'failed'; fileName?: string; message: string };

type ApiAnswer = { error?: { message?: string } } | null;

async function readJson<T>(response: Response): Promise<(T & ApiAnswer) | null> {
  return (await response.json().catch(() => null)) as (T & ApiAnswer) | null;
}

const accepts: Record<Purpose, string> = {
  video: 'video/mp4,video/webm',
  pdf: 'application/pdf',
  cover: 'image/jpeg,image/png,image/webp',
};

/** The length of a video file, read in the browser (0 when it cannot be told). */
function videoLength(file: File): Promise<number> {
  return new Promise((resolve) => {
    const probe = document.createElement('video');
    const url = URL.createObjectURL(file);
    const done = (seconds: number) => {
      URL.revokeObjectURL(url);
      resolve(Number.isFinite(seconds) ? Math.round(seconds) : 0);
    };
    probe.preload = 'metadata';
    probe.onloadedmetadata = () => done(probe.duration);
    probe.onerror = () => done(0);
    probe.src = url;
  });
}

function put(slot: Slot, file: File, onProgress: (loaded: number, total: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', slot.url);
    for (const [name, value] of Object.entries(slot.headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onload = () => (request.status >= 200 && request.status < 300 ? resolve() : reject(new Error(String(request.status))));
    request.onerror = () => reject(new Error('network'));
    request.send(file);
  });
}

export function UploadField({
  id,
  purpose,
  name,
  label,
  hint,
  onBusyChange,
  onDuration,
}: {
  id: string;
  purpose: Purpose;
  /** The hidden field that carries the upload's id. */
  name: string;
  label: string;
  hint?: string;
  onBusyChange?: (busy: boolean) => void;
  onDuration?: (seconds: number) => void;
}) {
  const t = useT();
  const [state, setState] = useState<State>({ step: 'idle' });
  const busy = state.step === 'uploading' || state.step === 'checking';
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => onBusyChange?.(busy), [busy, onBusyChange]);

  async function upload(file: File) {
    setState({ step: 'uploading', fileName: file.name, loaded: 0, total: file.size });
    try {
      if (purpose === 'video' && onDuration) onDuration(await videoLength(file));
      const response = await fetch('/api/uploads', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ purpose, contentType: file.type || 'application/octet-stream', size: file.size, fileName: file.name.slice(0, 200) || 'file' }),
      });
      const answer = await readJson<Slot>(response);
      if (!response.ok || !answer?.url) {
        setState({ step: 'failed', fileName: file.name, message: answer?.error?.message ?? t('editor.upload.failed') });
        return;
      }
      await put(answer, file, (loaded, total) => {
        if (mounted.current) setState({ step: 'uploading', fileName: file.name, loaded, total });
      });
      if (!mounted.current) return;
      // Stored, not yet accepted: the platform looks at what arrived before the form may use it.
      setState({ step: 'checking', fileName: file.name });
      const checked = await fetch(`/api/uploads/${encodeURIComponent(answer.uploadId)}/check`, {
        method: 'POST',
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      const verdict = await readJson<{ status: string }>(checked);
      if (!mounted.current) return;
      if (checked.ok && verdict?.status === 'verified') setState({ step: 'done', fileName: file.name, uploadId: answer.uploadId });
      else setState({ step: 'failed', fileName: file.name, message: verdict?.error?.message ?? t('editor.upload.checkFailed') });
    } catch {
      if (mounted.current) setState({ step: 'failed', fileName: file.name, message: t('editor.upload.failed') });
    }
  }

  return (
    <div className="field upload-field" data-testid={`upload-${purpose}`} data-state={state.step}>
      <label htmlFor={id}>
        <UploadIcon className="icon icon-small" />
        {label}
      </label>
      <div className="upload-picker">
        <input
          id={id}
          type="file"
          accept={accepts[purpose]}
          className="upload-input"
          disabled={busy}
          aria-describedby={`${id}-status`}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void upload(file);
          }}
        />
        <label htmlFor={id} className="button button-quiet upload-button" aria-hidden="true">
          {t('editor.upload.choose')}
        </label>
        <span className="upload-chosen">{state.step !== 'idle' && state.fileName ? state.fileName : t('editor.upload.none')}</span>
      </div>
      <input type="hidden" name={name} value={state.step === 'done' ? state.uploadId : ''} />
      <div id={`${id}-status`} className="upload-status" role="status" aria-live="polite" aria-atomic="true">
        {state.step === 'uploading' ? (
          <>
            <span>{t('editor.upload.progress', { name: state.fileName, share: state.total > 0 ? Math.round((state.loaded / state.total) * 100) : 0 })}</span>
            <CourseProgressBar value={state.loaded} max={Math.max(1, state.total)} label={t('editor.upload.bar')} />
          </>
        ) : null}
        {state.step === 'checking' ? <span className="upload-checking">{t('editor.upload.checking', { name: state.fileName })}</span> : null}
        {state.step === 'done' ? (
          <span className="upload-done">
            <CheckIcon className="icon icon-small" />
            {t('editor.upload.done', { name: state.fileName })}
          </span>
        ) : null}
        {state.step === 'failed' ? (
          <span className="upload-failed">{state.fileName ? t('editor.upload.refused', { name: state.fileName, reason: state.message }) : state.message}</span>
        ) : null}
        {state.step === 'idle' && hint ? <span className="hint">{hint}</span> : null}
      </div>
      <noscript>
        <p className="hint">{t('editor.upload.needsScript')}</p>
      </noscript>
    </div>
  );
}
