import { NATIONAL_DEADLINE_POLICY } from '../deadline/national-deadline-policy.data';
import { resolveWachtlijstPolicy } from '../wachtlijst/wachtlijst-policy.resolver';
import type { ToewijzingAanbod, ToewijzingPlacement } from './toewijzing-placement';

/**
 * What the API would look up for a toewijzing to an onderwijszorgarrangement of the fixtures' region (swv-2801)
 * that fits the fixtures' case (route gecombineerd, sector PO, a 9-year-old): `capacity` places, `placesTaken` taken.
 */
export function toewijzingPlacement(aanbodId: string, capacity: number, placesTaken: number, overrides: Partial<ToewijzingAanbod> = {}): ToewijzingPlacement {
  return {
    aanbod: {
      id: aanbodId,
      aanbiederCode: 'zorg-42',
      name: 'OZA De Brug',
      route: 'gecombineerd',
      region: 'swv-2801',
      wijken: [],
      sectors: ['PO', 'SBO'],
      ages: { from: 4, to: 13 },
      retired: null,
      capacity,
      placesTaken,
      ...overrides,
    },
    ageInYears: 9,
    wachtlijstPolicy: resolveWachtlijstPolicy(NATIONAL_DEADLINE_POLICY, 'swv-2801'),
  };
}
