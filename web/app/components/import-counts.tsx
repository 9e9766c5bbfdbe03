import type { MessageKey, Translate } from '../i18n';

/** One figure of an import's preview: its label, its value, and its key (for classes and test ids). */
export type ImportCount = [label: MessageKey, value: number, key: string];

/**
 * The figures above an import's preview (rows, ready, problems…), as the roster and the question bank show them.
 * `classPrefix` names the page's styles (`roster` → `roster-counts`, `roster-count-rows`); `testIdPrefix` its test ids.
 */
export function ImportCounts({ items, t, classPrefix, testIdPrefix }: { items: ImportCount[]; t: Translate; classPrefix: string; testIdPrefix: string }) {
  return (
    <dl className={`${classPrefix}-counts`} data-testid={`${testIdPrefix}-counts`}>
      {items.map(([label, value, key]) => (
        <div
          key={key}
          className={`${classPrefix}-count ${classPrefix}-count-${key}${key === 'problems' && value > 0 ? ' is-bad' : ''}`}
          data-testid={`${testIdPrefix}-count-${key}`}
        >
          <dt>{t(label)}</dt>
          <dd className="num">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
