import type { PeopleMessages } from './people.zh-CN';

export const peopleEn: PeopleMessages = {
};
