import type { EntityRef } from '../../shared/analysis/schemas';
import { ENTITY_INFO, type EntityType } from '../../shared/domain/entity-types';
import { visibleControls } from '../../shared/visible-controls';

/** An entity named in a table or list: a real button that opens its panel. */
export function EntityButton({
  entity,
  onOpen,
}: {
  entity: EntityRef;
  onOpen: (id: number) => void;
}) {
  const type = ENTITY_INFO[entity.type as EntityType]?.label ?? entity.type;
  return (
    <button
      type="button"
      className="entity-link"
      title={`${type} ${visibleControls(entity.key)}: open its details`}
      onClick={() => onOpen(entity.id)}
    >
      {visibleControls(entity.label || entity.key)}
    </button>
  );
}
