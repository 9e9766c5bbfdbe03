import type { Lang } from '../../../functions/shared/constants';
import { translate, type MessageKey } from '../i18n';

/** `<title>` of a page: its own title, then the platform's name, in the page's language. */
export function pageTitle(data: { lang: Lang } | undefined, key: MessageKey, name?: string): { title: string }[] {
  if (!data) return [{ title: '党建学习' }];
  const own = name ?? translate(data.lang, key);
  return [{ title: `${own} · ${translate(data.lang, 'app.name')}` }];
}
