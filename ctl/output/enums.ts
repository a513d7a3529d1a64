import { loadContract } from '../../shared/proto/contract';
import { shortEnumName } from '../../shared/proto/render-json';

/** An enum value as tables and JSON show it: shortEnum('PvState', 'PV_STATE_ACTIVE') -> 'active'. */
export function shortEnum(enumType: string, value: string | number): string {
  return String(shortEnumName(loadContract().root.lookupEnum(`altdisk.v1.${enumType}`), value) ?? value);
}
