import type { RosterMessages } from './roster.zh-CN';

export const rosterEn: RosterMessages = {
};
