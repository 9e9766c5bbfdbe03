import { displayCss } from '../lib/display-page';

/** The hall display's stylesheet (its own: the page loads nothing of the app's). */
export function loader() {
  return new Response(displayCss, { headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
}
