/**
 * How a stored file reaches a reader: the platform, not the uploader, decides its content type and whether the
 * browser shows it (inline) or saves it (attachment). Only the kinds the pages render are inline — images, PDF,
 * video; anything else (and HTML or SVG above all, should one ever be stored) is an attachment of no particular type,
 * so no uploaded file can run in a browser as a page.
 */
import { contentDisposition } from '../../platform/content-disposition.js';

/** The kinds shown in the page, by the extension the platform gave the stored key. */
const rendered: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

export interface Delivery {
  contentType: string;
  disposition: string;
}

/**
 * The type and disposition for the file stored at `key`, offered as `fileName` (for example a lesson's title; the
 * right extension is added when it lacks one). Keys are made by the platform, so their extension is the checked type.
 */
export function deliveryOf(key: string, fileName?: string): Delivery {
  const base = key.slice(key.lastIndexOf('/') + 1);
  const extension = /\.([a-z0-9]+)$/i.exec(base)?.[1]?.toLowerCase() ?? '';
  const type = Object.hasOwn(rendered, extension) ? rendered[extension] : undefined;
  const fallback = /^[\w.-]+$/.test(base) ? base : 'file';
  const named = fileName?.trim() ? fileName.trim() : base;
  const offered = extension && !named.toLowerCase().endsWith(`.${extension}`) ? `${named}.${extension}` : named;
  if (!type) return { contentType: 'application/octet-stream', disposition: contentDisposition('attachment', offered, fallback) };
  return { contentType: type, disposition: contentDisposition('inline', offered, fallback) };
}
