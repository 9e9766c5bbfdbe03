import type { zhCN } from './zh-CN';

/** The keys of the catalog (Chinese is the source every other language must match, key for key). */
export type MessageKey = keyof typeof zhCN;
/** A whole catalog of one language. */
export type Messages = Record<MessageKey, string>;
