import { en } from './en';
import { provideMessages } from './index';
import { zhCN } from './zh-CN';

// The server renders every language: all of them are here from the start.
provideMessages('zh-CN', zhCN);
provideMessages('en', en);
