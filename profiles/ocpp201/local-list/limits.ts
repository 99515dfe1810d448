/**
 * The Local Authorization List's limits as the device model announces them (part 2 §2.5): ItemsPerMessage and
 * BytesPerMessage of LocalAuthListCtrlr bound one SendLocalListRequest (D01.FR.11), the maxLimit of
 * LocalAuthListCtrlr.Entries bounds the list (D01.FR.12). Read each time: they are data of the device model.
 */
import type { DeviceModel } from '../device-model/device-model.js';

export interface LocalListLimits201 {
  itemsPerMessage: number | undefined;
  bytesPerMessage: number | undefined;
  maxEntries: number;
}

const COMPONENT = 'LocalAuthListCtrlr';

export function maxListEntries(model: DeviceModel): number {
  return model.entries().find((e) => e.component.name === COMPONENT && e.def.name === 'Entries')?.def.maxLimit ?? 0;
}

export function localListLimits(model: DeviceModel): LocalListLimits201 {
  return {
    itemsPerMessage: model.number({ component: COMPONENT, variable: 'ItemsPerMessage' }),
    bytesPerMessage: model.number({ component: COMPONENT, variable: 'BytesPerMessage' }),
    maxEntries: maxListEntries(model),
  };
}

/**
 * AuthCacheCtrlr.LifeTime in seconds, for the authorization path's `cacheLifeTimeS` (agent/station/authorization.ts):
 * undefined when the variable has no numeric value (then cache entries do not age).
 */
export function authCacheLifeTimeS(model: DeviceModel): number | undefined {
  return model.number({ component: 'AuthCacheCtrlr', variable: 'LifeTime' });
}
