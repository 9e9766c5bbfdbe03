import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { defaultLang, isLang } from '../../functions/shared/constants';
import { loadMessages } from './i18n';

// Only the page's own language is downloaded, before hydration (the server rendered the page in it). Should that
// fail, the page stays as the server rendered it: links and forms work without JavaScript.
const lang = isLang(document.documentElement.lang) ? document.documentElement.lang : defaultLang;

void loadMessages(lang).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}, () => undefined);
