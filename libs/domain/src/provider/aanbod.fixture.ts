import type { AanbodRequest } from './aanbod.schema';

/** A valid aanbod of the fixtures' region (swv-2801): an SO school with a TLV intake. */
export function aanbodBody(overrides: Partial<AanbodRequest> = {}): AanbodRequest {
  return {
    aanbieder: { code: 'so-vuurtoren', name: 'Stichting SO De Vuurtoren' },
    name: 'SO De Vuurtoren (cluster 3)',
    kind: 'so',
    route: 'onderwijs',
    funders: ['swv'],
    region: 'swv-2801',
    wijken: [],
    sectors: ['PO', 'SBO', 'SO'],
    ages: { from: 4, to: 13 },
    capacity: 12,
    intakeRoutes: ['tlv'],
    contact: { role: 'aanmelding', mailbox: 'aanmelding@vuurtoren.example' },
    description: 'Speciaal onderwijs voor leerlingen met een verstandelijke beperking',
    ...overrides,
  };
}

/** A wijkteam: jeugdhulp route, one team per wijk. */
export function wijkteamBody(overrides: Partial<AanbodRequest> = {}): AanbodRequest {
  return aanbodBody({
    aanbieder: { code: 'wijkteams-010', name: 'Wijkteams Rotterdam' },
    name: 'Wijkteam Delfshaven',
    kind: 'wijkteam',
    route: 'jeugdhulp',
    funders: ['gemeente'],
    wijken: ['Delfshaven', 'Spangen'],
    sectors: ['voorschool', 'PO', 'SBO', 'VO'],
    ages: { from: 0, to: 23 },
    capacity: 40,
    intakeRoutes: ['direct'],
    contact: { role: 'intake', mailbox: 'intake.delfshaven@wijkteam.example', phone: '010 000 0000' },
    description: null,
    ...overrides,
  });
}
