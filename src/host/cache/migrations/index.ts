import { migration001 } from './001-core';
import { migration002 } from './002-search';
import { migration003 } from './003-outbox';
import { migration004 } from './004-queues';
import { migration005 } from './005-drafts';
import { migration006 } from './006-feed-cursor';
import { migration007 } from './007-deferred-search';
import { migration008 } from './008-kb-articles';
import { migration009 } from './009-inbox-rank';
import type { CacheMigration } from './migration';

export type { CacheMigration } from './migration';

export const cacheMigrations: readonly CacheMigration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009];
