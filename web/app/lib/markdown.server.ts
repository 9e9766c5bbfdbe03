/**
 * Markdown of text lessons, rendered to sanitised HTML on the server (in the lesson page's loader), so the renderer
 * never ships to the browser. Raw HTML in the source is escaped, never passed through (`html: false`); links keep
 * markdown-it's own check, which drops `javascript:`, `vbscript:`, `file:` and most `data:` addresses, and open in a
 * new tab without handing the lesson page to the other site. Images are off: an outside picture would be blocked by
 * the content security policy anyway (and would tell another site who is reading), so a picture becomes a link to it.
 */
import MarkdownIt, { type RendererRule } from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const renderToken: RendererRule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);
const linkOpen = md.renderer.rules.link_open ?? renderToken;

md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  token.attrSet('target', '_blank');
  token.attrSet('rel', 'noopener noreferrer');
  return linkOpen(tokens, idx, options, env, self);
};

md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx]!;
  const src = String(token.attrGet('src') ?? '');
  const alt = md.utils.escapeHtml(token.content || src);
  return /^https?:\/\//i.test(src) ? `<a href="${md.utils.escapeHtml(src)}" target="_blank" rel="noopener noreferrer">${alt}</a>` : alt;
};

/** Sanitised HTML for a lesson's Markdown. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
