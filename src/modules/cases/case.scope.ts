/**
 * 通办 scope (GS-3): which stations may accept an item for a resident. The item's scope is drawn
 * around the resident's home village: the village itself, its town (the default), its district or
 * its city. Pure.
 */
import { LEVEL_PREFIX_LENGTH } from '../../shared/region-code.ts';

export type ItemScope = 'village' | 'town' | 'district' | 'city';

const SCOPE_PREFIX: Record<ItemScope, number> = {
  village: LEVEL_PREFIX_LENGTH.village,
  town: LEVEL_PREFIX_LENGTH.town,
  district: LEVEL_PREFIX_LENGTH.district,
  city: LEVEL_PREFIX_LENGTH.city,
};

/** The region-code prefix every accepting station must share with the resident's home. */
export function scopePrefixFor(scope: ItemScope, homeRegionCode: string): string {
  return homeRegionCode.slice(0, SCOPE_PREFIX[scope]);
}

/** The 12-digit code of the region a scope names (e.g. the home town for 'town'). */
export function scopeRegionCode(scope: ItemScope, homeRegionCode: string): string {
  return scopePrefixFor(scope, homeRegionCode).padEnd(12, '0');
}

export interface ScopeDecision {
  allowed: boolean;
  /** Accepted away from the resident's home village (通办). */
  tongban: boolean;
  /** Where it can be filed: the region whose stations may accept it. */
  fileWithin: string;
}

export function decideScope(input: {
  scope: ItemScope;
  homeRegionCode: string;
  stationRegionCode: string;
}): ScopeDecision {
  const prefix = scopePrefixFor(input.scope, input.homeRegionCode);
  const allowed = input.stationRegionCode.startsWith(prefix);
  const homeVillage = input.homeRegionCode.slice(0, LEVEL_PREFIX_LENGTH.village);
  return {
    allowed,
    tongban: allowed && !input.stationRegionCode.startsWith(homeVillage),
    fileWithin: scopeRegionCode(input.scope, input.homeRegionCode),
  };
}
