import { RemixBrowser } from '@remix-run/react';
import { StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { defaultLang, isLang } from '../../functions/shared/constants';
import { loadMessages } from './i18n';

// Only the page's own language is downloaded, before hydration (the server rendered the page in it). Should that
// fail, the page stays as the server rendered it: links and forms work without JavaScript.
const lang = isLang(document.documentElement.lang) ? document.documentElement.lang : defaultLang;

// Hydrated at the default priority, in one task, not inside a transition (decision 032): a tap that lands while a
// transition is still hydrating the document makes React hydrate the rest synchronously, and a failure in that pass
// ends in React 18's "Root did not complete" instead of a recovered render.
void loadMessages(lang).then(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
}, () => undefined);
