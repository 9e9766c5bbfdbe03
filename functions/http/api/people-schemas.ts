import { z } from '@hono/zod-openapi';
import { languages } from '../../platform/i18n.js';
import { roleNames } from '../../domain/authz/schema.js';
import { unitKinds } from '../../domain/org/schema.js';
import { partyStatuses } from '../../domain/people/schema.js';
import { pathId } from './schemas.js';

/** The shapes the people, units and audit routes answer with (requests are the domain's own input schemas). */
export const RoleView = z.object({ role: z.enum(roleNames), unitId: z.string().optional(), unitName: z.string().optional() }).openapi('Role');

export const PersonView = z
  .object({
    personId: z.string(),
    name: z.string(),
    login: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    unitPath: z.string().openapi({ example: '县政务服务管理局/机关第一党支部' }),
    branchId: z.string().nullable(),
    branchName: z.string().nullable(),
    partyStatus: z.enum(partyStatuses),
    roles: z.array(RoleView),
    lang: z.enum(languages),
    active: z.boolean(),
    mustChangePassword: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Person');

export const UnitView = z
  .object({
    unitId: z.string(),
    name: z.string(),
    kind: z.enum(unitKinds),
    parentId: z.string().nullable(),
    sortOrder: z.number().int(),
    retired: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Unit');

export const UnitInTree = UnitView.extend({ depth: z.number().int(), pathName: z.string() }).openapi('UnitInTree');

export const PersonIdParam = z.object({ personId: pathId('personId') });
export const UnitIdParam = z.object({ unitId: pathId('unitId') });

export const Cursor = z.string().nullable().openapi({ description: 'Pass back as `cursor` for the next page; null at the end.' });
