/**
 * The hall's display as one light HTML document: no React and no Remix client (a TV browser runs it for days), a
 * small hand-written script and a stylesheet of its own. The slides are drawn by `renderSlides`, which the server
 * calls for the first paint and the page runs again, from its own source, on every fresh answer: one function, two
 * places. `renderSlides` and `runDisplay` therefore refer to nothing outside themselves (they are sent as text).
 *
 * Memory over an hour or a week: one timer (setInterval) does both the rotation and the polling; each answer
 * replaces the slides (an array of strings) and the slot's content (innerHTML), never appends; the last good answer
 * is kept in localStorage under one key, so a reload without network still shows it.
 */
import type { Lang } from '../../../functions/shared/constants';
import type { components } from './api-types';

export type DisplayData = components['schemas']['Display'];

/** The words the display uses, in the page's language, with `{name}` placeholders. */
export interface DisplayTexts {
  title: string;
  onDuty: string;
  pledges: string;
  branchPledges: string;
  honours: string;
  progress: string;
  done: string;
  asOf: string;
  offline: string;
  nobody: string;
  invalid: string;
  page: string;
  quarter: string;
  window: string;
  party: Record<'full' | 'probationary' | 'none', string>;
}

/** The slides of an answer, as HTML strings (every value escaped). Self-contained: it is also sent to the page. */
export function renderSlides(data: DisplayData, texts: DisplayTexts): string[] {
  const esc = (value: unknown) =>
    String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
  const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
  const pledgeList = (pledges: DisplayData['people'][number]['pledges']) =>
    '<ol class="pledges">' +
    pledges
      .slice(0, 5)
      .map(
        (p) =>
          '<li><span class="cat">' + esc(p.categoryName) + '</span><span class="what">' + esc(p.content) + '</span>' +
          (p.state === 'done' ? '<span class="progress">✓ ' + esc(texts.done) + '</span>' : p.progressCount > 0 ? '<span class="progress">' + esc(fill(texts.progress, { count: p.progressCount })) + '</span>' : '') +
          '</li>',
      )
      .join('') +
    '</ol>';
  const slides: string[] = [];
  for (const person of data.people) {
    const party = person.partyStatus ? texts.party[person.partyStatus] : '';
    slides.push(
      '<article class="slide person"><p class="kicker">' + esc(texts.onDuty) + '</p><div class="who">' +
        (person.photoUrl ? '<img class="photo" alt="" src="' + esc(person.photoUrl) + '">' : '') +
        '<div><h2 class="name">' + esc(person.name) + '</h2><p class="badges">' +
        (party ? '<span class="party">' + esc(party) + '</span>' : '') +
        (person.post ? '<span class="post">' + esc(person.post) + '</span>' : '') +
        '</p></div></div><h3>' + esc(texts.pledges) + '</h3>' + pledgeList(person.pledges) + '</article>',
    );
  }
  for (const branch of data.branches) {
    slides.push('<article class="slide branch"><p class="kicker">' + esc(texts.branchPledges) + '</p><h2 class="name">' + esc(branch.name) + '</h2>' + pledgeList(branch.pledges) + '</article>');
  }
  for (let i = 0; i < data.honours.length; i += 4) {
    const cards = data.honours.slice(i, i + 4);
    const quarter = cards[0]!.quarter;
    slides.push(
      '<article class="slide honours"><h2 class="kicker">' + esc(fill(texts.honours, { quarter: fill(texts.quarter, { year: quarter.slice(0, 4), q: quarter.slice(6) }) })) + '</h2><ul class="honour-cards">' +
        cards
          .map(
            (h) =>
              '<li><p class="type">' + esc(h.typeName) + '</p><p class="hname">' + esc(h.name) + '</p><p class="unit">' +
              (h.nomineeKind === 'window' ? esc(texts.window) + ' · ' : '') + esc(h.unitName) + '</p><p class="reason">' + esc(h.reason) + '</p></li>',
          )
          .join('') +
        '</ul></article>',
    );
  }
  if (slides.length === 0) slides.push('<article class="slide empty"><p class="kicker">' + esc(texts.title) + '</p><p class="lead">' + esc(texts.nobody) + '</p></article>');
  return slides;
}

export interface DisplayBoot {
  /** The answer the server read (null: it could not, the page shows what it kept). */
  data: DisplayData | null;
  /** The refusal's message when the link is not valid (404). */
  invalid: string | null;
  texts: DisplayTexts;
  lang: Lang;
  api: string;
  storageKey: string;
  rotateMs: number;
  refreshMs: number;
}

/** The page's script: rotate, poll, keep the last good answer. Self-contained: it is sent to the page as text. */
export function runDisplay(render: typeof renderSlides, boot: DisplayBoot): void {
  const slot = document.getElementById('slide')!;
  const status = document.getElementById('status')!;
  const pager = document.getElementById('pager')!;
  const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
  const time = (iso: string) => new Date(iso).toLocaleTimeString(boot.lang, { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
  let data = boot.data;
  if (!data && !boot.invalid) {
    try {
      const kept = localStorage.getItem(boot.storageKey);
      if (kept) data = JSON.parse(kept) as DisplayData;
    } catch {
      data = null;
    }
  }
  let slides: string[] = data ? render(data, boot.texts) : [];
  let index = 0;
  let offline = !boot.data && !boot.invalid;
  let invalid = boot.invalid;
  let nextFetch = Date.now() + (offline ? Math.min(boot.refreshMs, 15_000) : boot.refreshMs);
  let inFlight = false;

  const paintStatus = () => {
    if (invalid) status.textContent = '';
    else if (data) status.textContent = fill(offline ? boot.texts.offline : boot.texts.asOf, { time: time(data.generatedAt) });
    status.className = offline ? 'status offline' : 'status';
  };
  const show = () => {
    if (invalid) {
      slot.innerHTML = '';
      const box = document.createElement('article');
      box.className = 'slide empty';
      const head = document.createElement('p');
      head.className = 'kicker';
      head.textContent = boot.texts.invalid;
      const text = document.createElement('p');
      text.className = 'lead';
      text.textContent = invalid;
      box.append(head, text);
      slot.replaceChildren(box);
      pager.textContent = '';
      return;
    }
    if (slides.length === 0) return;
    index %= slides.length;
    slot.innerHTML = slides[index]!;
    pager.textContent = slides.length > 1 ? fill(boot.texts.page, { n: index + 1, total: slides.length }) : '';
  };
  const refresh = () => {
    inFlight = true;
    fetch(boot.api, { cache: 'no-store', credentials: 'omit', headers: { accept: 'application/json', 'accept-language': boot.lang } })
      .then((res) =>
        res.json().then((body: unknown) => {
          if (res.status === 404) {
            invalid = (body as { error?: { message?: string } }).error?.message ?? boot.texts.invalid;
            offline = false;
            return;
          }
          if (!res.ok) throw new Error(String(res.status));
          data = body as DisplayData;
          invalid = null;
          offline = false;
          slides = render(data, boot.texts);
          try {
            localStorage.setItem(boot.storageKey, JSON.stringify(data));
          } catch {
            // A full or forbidden storage only loses the copy for a reload.
          }
        }),
      )
      .catch(() => {
        offline = true;
        nextFetch = Date.now() + Math.min(boot.refreshMs, 15_000);
      })
      .finally(() => {
        inFlight = false;
        paintStatus();
        if (invalid) show();
      });
  };

  paintStatus();
  if (invalid) show();
  else if (data && !boot.data) show();
  else pager.textContent = slides.length > 1 ? fill(boot.texts.page, { n: 1, total: slides.length }) : '';
  if (boot.data) {
    try {
      localStorage.setItem(boot.storageKey, JSON.stringify(boot.data));
    } catch {
      // as above
    }
  }
  setInterval(() => {
    if (!invalid && slides.length > 1) {
      index = (index + 1) % slides.length;
      show();
    }
    if (!inFlight && Date.now() >= nextFetch) {
      nextFetch = Date.now() + boot.refreshMs;
      refresh();
    }
  }, boot.rotateMs);
}

/** The whole document: the first slide drawn here, the rest by the script. */
export function displayDocument(boot: DisplayBoot, nonce: string): string {
  const esc = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
  const first = boot.invalid
    ? `<article class="slide empty"><p class="kicker">${esc(boot.texts.invalid)}</p><p class="lead">${esc(boot.invalid)}</p></article>`
    : boot.data
      ? renderSlides(boot.data, boot.texts)[0]!
      : '';
  const title = boot.data?.title ?? boot.texts.title;
  // JSON inside a script element: `<` escaped so no value can close the element.
  const json = JSON.stringify(boot).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${boot.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/display.css"></head>
<body><main class="screen"><header class="bar"><h1>${esc(title)}</h1><p class="motto">${esc(boot.texts.title)}</p></header><section id="slide" class="stage">${first}</section><footer class="bar foot"><span id="status" class="status"></span><span id="pager" class="pager"></span></footer></main>
<script nonce="${esc(nonce)}">(${runDisplay.toString()})(${renderSlides.toString()}, ${json});</script></body></html>`;
}

/** The display's stylesheet: big type for several metres, high contrast, Chinese first; sized by the screen. */
export const displayCss = `*{box-sizing:border-box}html,body{margin:0;height:100%;background:#fff;color:#1a1a1a;font-family:-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
.screen{display:flex;flex-direction:column;height:100vh;overflow:hidden}
.bar{display:flex;justify-content:space-between;align-items:center;gap:2vw;background:#a3121a;color:#fff;padding:1.2vh 3vw}
.bar h1{margin:0;font-size:max(3.2vw,24px)}.motto{margin:0;font-size:max(2vw,16px);color:#ffe9a8}
.foot{background:#2b2b2b;font-size:max(1.8vw,14px)}.status.offline{color:#ffd166}
.stage{flex:1;padding:2.5vh 4vw;overflow:hidden}
.slide{height:100%;display:flex;flex-direction:column;gap:2vh}
.kicker{margin:0;color:#a3121a;font-weight:700;font-size:max(2.6vw,20px)}
.who{display:flex;gap:3vw;align-items:center}.photo{width:16vh;height:16vh;object-fit:cover;border-radius:8px;border:4px solid #a3121a}
.name{margin:0;font-size:max(6vw,36px);line-height:1.1}
.badges{margin:1vh 0 0;display:flex;flex-wrap:wrap;gap:1.2vw;font-size:max(2.6vw,18px)}
.party{background:#a3121a;color:#fff;padding:.3vh 1.2vw;border-radius:6px}.post{border:3px solid #1a1a1a;padding:.1vh 1.2vw;border-radius:6px}
h3{margin:1vh 0 0;font-size:max(2.4vw,18px);color:#555}
.pledges{margin:0;padding-left:3.5vw;display:flex;flex-direction:column;gap:1.6vh;font-size:max(2.9vw,20px);line-height:1.3}
.pledges li::marker{color:#a3121a;font-weight:700}
.cat{display:inline-block;background:#f4e3c1;color:#5a3b00;padding:0 .8vw;margin-right:1vw;border-radius:4px;font-size:.8em}
.progress{display:block;color:#1d5c2e;font-size:.72em}
.honour-cards{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(2,1fr);gap:2vh 3vw;flex:1}
.honour-cards li{border-top:8px solid #a3121a;background:#fbf6ee;padding:1.5vh 1.5vw;border-radius:6px;overflow:hidden}
.type{margin:0;color:#a3121a;font-weight:700;font-size:max(2.2vw,16px)}.hname{margin:.5vh 0;font-size:max(3.6vw,26px);font-weight:700}
.unit{margin:0;color:#333;font-size:max(1.8vw,14px)}.reason{margin:.8vh 0 0;font-size:max(1.9vw,14px);line-height:1.35}
.lead{font-size:max(3vw,22px);line-height:1.4}
`;
