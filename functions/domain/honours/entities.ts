/**
 * How honours sit in the single table (README.md beside this file has the chart), written with the document client
 * as the newer areas do (decision 041). One honour is one item; a quarter's honours and a person's honours are
 * indexes on it.
 */
import { Honour } from './schema.js';

export const keys = {
  honour: (honourId: string) => ({ pk: `HONOUR#${honourId}`, sk: 'HONOUR' }),
  /** gsi1: a quarter's honours, by unit. */
  quarter: (quarter: string) => `HONOURS#${quarter}`,
  /** gsi2: a person's honours, by quarter. */
  person: (personId: string) => `PERSON#${personId}#HONOURS`,
};

type Item = Record<string, unknown>;

export function honourItem(honour: Honour): Item {
  return {
    ...keys.honour(honour.honourId),
    entity: 'honour',
    gsi1pk: keys.quarter(honour.quarter),
    gsi1sk: `${honour.unitId}#${honour.honourId}`,
    ...(honour.personId ? { gsi2pk: keys.person(honour.personId), gsi2sk: `${honour.quarter}#${honour.honourId}` } : {}),
    ...honour,
  };
}

export const honourFrom = (item: Item): Honour => Honour.parse(item);
