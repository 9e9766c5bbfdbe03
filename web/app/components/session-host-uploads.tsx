/**
 * One or more uploads of the same kind for a session form (materials, the minutes' photos and files): one field to
 * begin with and "add another" for more, each carrying its upload's id in a hidden field of the same name.
 */
import { useState } from 'react';
import { useT } from '../i18n';
import { UploadField } from './upload-field';

export function SessionHostUploads({
  id,
  purpose,
  name,
  label,
  hint,
  max,
  onBusyChange,
}: {
  id: string;
  purpose: 'pdf' | 'cover';
  name: string;
  label: string;
  hint?: string;
  max: number;
  onBusyChange?: (busy: boolean) => void;
}) {
  const t = useT();
  const [count, setCount] = useState(1);
  return (
    <div className="session-host-uploads">
      {Array.from({ length: count }, (_, i) => (
        <UploadField key={i} id={`${id}-${i}`} purpose={purpose} name={name} label={label} hint={hint} onBusyChange={onBusyChange} />
      ))}
      {count < max ? (
        <button type="button" className="button button-quiet" onClick={() => setCount((n) => n + 1)}>
          {t('sessionHost.upload.another')}
        </button>
      ) : null}
    </div>
  );
}
