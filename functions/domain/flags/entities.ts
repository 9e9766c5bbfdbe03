/**
 * How flags sit in the single table (README.md beside this file has the chart), written with the document client as
 * the newer areas do (decision 041). One flag is one item keyed by its fact; the open (or dismissed) flags of the
 * whole county are one partition of gsi1, newest first.
 */
import { Flag, type FlagState } from './schema.js';

export const keys = {
  flag: (flagId: string) => ({ pk: `FLAG#${flagId}`, sk: 'FLAG' }),
  /** gsi1: the flags in one state, by when the fact happened. */
  state: (state: FlagState) => `FLAGS#${state}`,
};

type Item = Record<string, unknown>;

export function flagItem(flag: Flag): Item {
  return { ...keys.flag(flag.flagId), entity: 'flag', gsi1pk: keys.state(flag.state), gsi1sk: `${flag.at}#${flag.flagId}`, ...flag };
}

export const flagFrom = (item: Item): Flag => Flag.parse(item);
