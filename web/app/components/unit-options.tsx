import type { UnitInTree, UnitKind } from '../lib/people-labels';
import { indentedName } from '../lib/people-labels';
import { useT } from '../i18n';

/**
 * The organisation tree as `<option>`s, indented by depth. Retired units are left out unless asked for (they take
 * no new people or children), but a retired unit that is the current value stays, marked, so the form shows the truth.
 */
export function UnitOptions({
  units,
  kinds,
  exclude,
  keep,
  includeRetired = false,
}: {
  units: UnitInTree[];
  kinds?: UnitKind[];
  exclude?: ReadonlySet<string>;
  keep?: string;
  includeRetired?: boolean;
}) {
  const t = useT();
  return (
    <>
      {units
        .filter((unit) => unit.unitId === keep || ((!kinds || kinds.includes(unit.kind)) && (includeRetired || !unit.retired) && !exclude?.has(unit.unitId)))
        .map((unit) => (
          <option key={unit.unitId} value={unit.unitId}>
            {kinds?.length === 1 ? unit.name : indentedName(unit)}
            {unit.retired ? ` (${t('units.retired')})` : ''}
          </option>
        ))}
    </>
  );
}

/** A unit and everything under it (to keep a unit from being moved into its own subtree). */
export function subtreeIds(units: UnitInTree[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  // The list is depth first, so one pass in order finds every descendant after its parent.
  for (const unit of units) if (unit.parentId && ids.has(unit.parentId)) ids.add(unit.unitId);
  return ids;
}
