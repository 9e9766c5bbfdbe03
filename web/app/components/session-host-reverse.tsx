/**
 * Reverse check-in on the host's roster: the host types a member's six-digit personal code, or, where the browser
 * has BarcodeDetector and a camera, scans the member's personal QR code. The typed box always works (a plain form
 * post); the camera is an extra that appears only where it can work.
 */
import { Form, useNavigation, useSubmit } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';

interface Detector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

/** A scanned value: a check-in address carrying `t=`, or the token itself. */
function tokenOf(value: string): string {
  try {
    const url = new URL(value);
    return url.searchParams.get('t') ?? url.searchParams.get('token') ?? value;
  } catch {
    return value.trim();
  }
}

export function ReverseCheckIn() {
  const t = useT();
  const submit = useSubmit();
  const busy = useNavigation().state === 'submitting';
  const [canScan, setCanScan] = useState(false);
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    setCanScan('BarcodeDetector' in window && Boolean(navigator.mediaDevices?.getUserMedia));
  }, []);

  useEffect(() => {
    if (!scanning) return;
    let stopped = false;
    let stream: MediaStream | undefined;
    const Barcode = (window as unknown as { BarcodeDetector: DetectorClass }).BarcodeDetector;
    const detector = new Barcode({ formats: ['qr_code'] });
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        while (!stopped) {
          const found = await detector.detect(video.current).catch(() => []);
          if (found[0]?.rawValue) {
            stopped = true;
            setScanning(false);
            submit({ intent: 'reverse', token: tokenOf(found[0].rawValue) }, { method: 'post', preventScrollReset: true });
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
      } catch {
        setScanning(false);
      }
    })();
    return () => {
      stopped = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [scanning, submit]);

  return (
    <section className="card session-reverse" aria-labelledby="reverse-title">
      <h2 id="reverse-title">{t('sessionHost.reverse.title')}</h2>
      <p className="hint">{t('sessionHost.reverse.hint')}</p>
      <Form method="post" className="session-reverse-form" preventScrollReset>
        <input type="hidden" name="intent" value="reverse" />
        <div className="field">
          <label htmlFor="reverse-code">{t('sessionHost.reverse.code')}</label>
          <input id="reverse-code" name="code" className="input session-code-input" inputMode="numeric" autoComplete="off" pattern="[0-9 ]{6,7}" maxLength={7} required />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('sessionHost.reverse.submit')}
        </button>
      </Form>
      {canScan ? (
        <div className="session-reverse-camera">
          <button type="button" className="button button-quiet" onClick={() => setScanning((on) => !on)} aria-pressed={scanning}>
            {scanning ? t('sessionHost.reverse.stop') : t('sessionHost.reverse.camera')}
          </button>
          {scanning ? <video ref={video} className="session-reverse-video" muted playsInline /> : null}
        </div>
      ) : null}
    </section>
  );
}
