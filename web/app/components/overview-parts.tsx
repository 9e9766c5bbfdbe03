/**
 * The overview's parts: a table of units with each requirement's share and colour, a person's ✓/✗ per requirement,
 * and the monthly trend as an SVG line chart drawn on the server (no chart script in the browser). Colours always
 * come with a word, never alone.
 */
import { Link } from '@remix-run/react';
import { useT } from '../i18n';
import type { components } from '../lib/api-types';
import { percent } from '../lib/format';

type Unit = components['schemas']['Overview']['units'][number];
type Figure = Unit['figures'][number];
type Label = components['schemas']['Overview']['requirements'][number];
type TrendPoint = components['schemas']['Overview']['trends'][number]['points'][number];


export function ShareCell({ figure, label }: { figure: Figure | undefined; label: string }) {
  const t = useT();
  if (!figure || figure.of === 0)
    return (
      <td className="share share-none" data-label={label}>
        {t('stats.notApplicable')}
      </td>
    );
  return (
    <td className={`share share-${figure.colour}`} data-colour={figure.colour} data-label={label}>
      <strong>{percent(figure.share)}</strong>
      <span className="share-count">
        {figure.met}/{figure.of}
      </span>
      <span className="share-word">{t(`stats.colour.${figure.colour ?? 'red'}`)}</span>
    </td>
  );
}

/** Units (indented by depth), their people and each requirement's share; a unit's name opens its drill-down. */
export function FiguresTable({ units, labels, caption, year }: { units: Unit[]; labels: Label[]; caption: string; year: number }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="overview-table stack-on-phone">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stats.unit')}</th>
            <th scope="col">{t('stats.people')}</th>
            {labels.map((l) => (
              <th scope="col" key={l.requirement}>
                {l.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {units.map((unit) => (
            <tr key={unit.unitId} data-unit={unit.unitId}>
              <th scope="row" className={`depth-${Math.min(unit.depth, 6)}`}>
                <Link to={`/stats/units/${unit.unitId}?year=${year}`}>{unit.name}</Link>
              </th>
              <td data-label={t('stats.people')}>{unit.people}</td>
              {labels.map((l) => (
                <ShareCell key={l.requirement} label={l.label} figure={unit.figures.find((f) => f.requirement === l.requirement)} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The colour rules, in words (they are data on the server; this shows what they say). */
export function RulesNote({ labels }: { labels: Label[] }) {
  const t = useT();
  return (
    <details className="rules-note">
      <summary>{t('stats.rules')}</summary>
      <ul>
        {labels.map((l) => (
          <li key={l.requirement}>{t('stats.rule', { label: l.label, green: percent(l.green), amber: percent(l.amber) })}</li>
        ))}
      </ul>
    </details>
  );
}

const lineColours = ['#b91c1c', '#1d4ed8', '#047857', '#a16207'];
const dashes = ['', '6 3', '2 3', '8 3 2 3'];

/** Each requirement's share month by month, 0–100 %, one line each (with a dash pattern, so colour is not the only cue). */
export function TrendChart({ points, labels, title }: { points: TrendPoint[]; labels: Label[]; title: string }) {
  const t = useT();
  if (points.length === 0) return <p className="hint">{t('stats.trendEmpty')}</p>;
  const width = 640;
  const height = 220;
  const left = 40;
  const right = 12;
  const top = 12;
  const bottom = 28;
  const x = (i: number) => left + (points.length === 1 ? (width - left - right) / 2 : (i * (width - left - right)) / (points.length - 1));
  const y = (share: number) => top + (1 - share) * (height - top - bottom);
  return (
    <figure className="trend-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line x1={left} x2={width - right} y1={y(v)} y2={y(v)} className="trend-grid" />
            <text x={left - 6} y={y(v) + 4} textAnchor="end" className="trend-axis">
              {percent(v)}
            </text>
          </g>
        ))}
        {points.map((p, i) => (
          <text key={p.month} x={x(i)} y={height - 8} textAnchor="middle" className="trend-axis">
            {p.month.slice(5)}
          </text>
        ))}
        {labels.map((l, n) => {
          const line = points
            .map((p, i) => ({ i, share: p.figures.find((f) => f.requirement === l.requirement)?.share ?? null }))
            .filter((d): d is { i: number; share: number } => d.share !== null);
          if (line.length === 0) return null;
          return (
            <g key={l.requirement}>
              <polyline fill="none" stroke={lineColours[n % 4]} strokeWidth={2.5} strokeDasharray={dashes[n % 4]} points={line.map((d) => `${x(d.i)},${y(d.share)}`).join(' ')} />
              {line.map((d) => (
                <circle key={d.i} cx={x(d.i)} cy={y(d.share)} r={3.5} fill={lineColours[n % 4]} />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="trend-legend">
          {labels.map((l, n) => (
            <li key={l.requirement}>
              <svg width="28" height="10" aria-hidden="true">
                <line x1="0" x2="28" y1="5" y2="5" stroke={lineColours[n % 4]} strokeWidth={2.5} strokeDasharray={dashes[n % 4]} />
              </svg>
              {l.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
