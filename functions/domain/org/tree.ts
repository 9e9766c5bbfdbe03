import type { Unit } from './schema.js';

/**
 * The organisation tree, built from every unit (one query: the tree is a few dozen items). Paths and subtrees are
 * derived from parent links here rather than stored, so moving a unit is one single-item write and nothing can drift.
 */
export class OrgTree {
  private readonly byId = new Map<string, Unit>();
  private readonly childrenOf = new Map<string | null, Unit[]>();

  constructor(units: readonly Unit[]) {
    for (const unit of units) this.byId.set(unit.unitId, unit);
    for (const unit of units) {
      const siblings = this.childrenOf.get(unit.parentId) ?? [];
      siblings.push(unit);
      this.childrenOf.set(unit.parentId, siblings);
    }
    for (const siblings of this.childrenOf.values()) {
      siblings.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN') || a.unitId.localeCompare(b.unitId));
    }
  }

  get(unitId: string): Unit | undefined {
    return this.byId.get(unitId);
  }

  get size(): number {
    return this.byId.size;
  }

  roots(): Unit[] {
    return this.childrenOf.get(null) ?? [];
  }

  children(unitId: string): Unit[] {
    return this.childrenOf.get(unitId) ?? [];
  }

  /** Ancestor ids from the root down to the unit itself; empty for an unknown unit. Stops at a cycle. */
  path(unitId: string): string[] {
    const path: string[] = [];
    const seen = new Set<string>();
    let current = this.byId.get(unitId);
    while (current && !seen.has(current.unitId)) {
      seen.add(current.unitId);
      path.unshift(current.unitId);
      current = current.parentId === null ? undefined : this.byId.get(current.parentId);
    }
    return path;
  }

  /** Names from the root down, e.g. 县政务服务管理局/第一党支部. */
  pathName(unitId: string, separator = '/'): string {
    return this.path(unitId)
      .map((id) => this.byId.get(id)?.name ?? '')
      .join(separator);
  }

  /** True when `unitId` is `ancestorId` itself or lies anywhere below it. */
  isWithin(unitId: string, ancestorId: string): boolean {
    return this.path(unitId).includes(ancestorId);
  }

  /** The unit and everything below it, depth first. */
  subtree(unitId: string): Unit[] {
    const root = this.byId.get(unitId);
    if (!root) return [];
    const out: Unit[] = [];
    const visit = (unit: Unit) => {
      out.push(unit);
      for (const child of this.children(unit.unitId)) visit(child);
    };
    visit(root);
    return out;
  }

  /** Every unit depth first, siblings in display order. */
  ordered(): Unit[] {
    return this.roots().flatMap((root) => this.subtree(root.unitId));
  }

  /** The unit a path of names leads to (`县政务服务管理局/第一党支部`), ignoring surrounding space; retired units too. */
  findByPathName(pathName: string, separator = '/'): Unit | undefined {
    const names = pathName
      .split(separator)
      .map((name) => name.trim())
      .filter(Boolean);
    let candidates = this.roots();
    let found: Unit | undefined;
    for (const name of names) {
      found = candidates.find((unit) => unit.name === name);
      if (!found) return undefined;
      candidates = this.children(found.unitId);
    }
    return found;
  }

  /** The nearest Party branch at or above the unit (a group's branch), if any. */
  branchOf(unitId: string): Unit | undefined {
    return this.path(unitId)
      .map((id) => this.byId.get(id))
      .reverse()
      .find((unit) => unit?.kind === 'branch');
  }
}

/** Units depth first, siblings by sortOrder then name; units whose parent is missing come last. */
export function sortAsTree(units: readonly Unit[]): Unit[] {
  const ordered = new OrgTree(units).ordered();
  const placed = new Set(ordered.map((unit) => unit.unitId));
  return [...ordered, ...units.filter((unit) => !placed.has(unit.unitId))];
}
