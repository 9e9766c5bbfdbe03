/**
 * How display links sit in the single table (README.md beside this file), written with the document client as the
 * newer areas do (decision 041): one item per link, and an index listing them by creation.
 */
import { DisplayLink } from './schema.js';

export const keys = {
  link: (linkId: string) => ({ pk: `DISPLAY#${linkId}`, sk: 'LINK' }),
  /** gsi1: every link, newest last. */
  all: 'DISPLAY#LINKS',
};

type Item = Record<string, unknown>;

export const linkItem = (link: DisplayLink): Item => ({ ...keys.link(link.linkId), entity: 'displayLink', gsi1pk: keys.all, gsi1sk: `${link.createdAt}#${link.linkId}`, ...link });
export const linkFrom = (item: Item): DisplayLink => DisplayLink.parse(item);
