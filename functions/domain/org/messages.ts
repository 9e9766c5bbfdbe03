import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What the org area says: a unit not found, retired or not empty, and the rules of moving units in the tree. */
export const orgMessages = defineMessages('org', {
  'zh-CN': {
    unitNotFound: '找不到这个单位。',
    unitRetired: '单位“{name}”已撤销，不能再添加人员或下级单位。',
    unitNotEmpty: '单位“{name}”下还有 {people} 名在职人员和 {units} 个下级单位，请先调出或撤销后再撤销此单位。',
    unitCycle: '不能把单位移到它自己或它的下级单位之下。',
    rootUnit: '最上级单位（局）不能移动或撤销。',
    notABranch: '所选单位不是党支部。',
  },
  en: {
    unitNotFound: 'There is no such unit.',
    unitRetired: 'The unit "{name}" is retired: it takes no new people or units.',
    unitNotEmpty: 'The unit "{name}" still has {people} active people and {units} units under it. Move or retire them first.',
    unitCycle: 'A unit cannot be moved under itself or one of its own units.',
    rootUnit: 'The top unit (the bureau) cannot be moved or retired.',
    notABranch: 'The chosen unit is not a Party branch.',
  },
});

/** What a unit's fields are called in validation messages ("请填写单位名称"). */
export const orgLabels = defineFieldLabels('org', {
  'zh-CN': {
    unitName: '单位名称',
    unitId: '单位',
    parentId: '上级单位',
    sortOrder: '排序号',
    retired: '是否撤销',
  },
  en: {
    unitName: 'unit name',
    unitId: 'unit',
    parentId: 'parent unit',
    sortOrder: 'sort order',
    retired: '"retired" choice',
  },
});
