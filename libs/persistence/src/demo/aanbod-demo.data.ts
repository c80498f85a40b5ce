import type { AanbodKind, AanbodRequest, AanbodSector } from '@schakel/domain';

/**
 * A fictitious but realistic provider catalogue for two regions (issue 11 §1), loaded by `npm run seed:demo` and
 * by `npm start` on an empty catalogue. Every organisation, name and mailbox is made up (mailboxes end in
 * `.example`, RFC 2606; aanbieder codes start with `demo-`); the wijken are real ones, their kinds, routes,
 * funders and intake routes follow DOMAIN-PROVIDERS.md §1.2-1.5. Region codes follow the SWV numbering, whose
 * first two digits are the province (20 Groningen, 28 Zuid-Holland):
 * - swv-2001, Groningen-like: WIJ-teams per wijk, a VO-WIJ team and School als Wijk (§1.2);
 * - swv-2801, Rotterdam-like, the region of the README walkthrough and the development users: wijkteams,
 *   schoolmaatschappelijk werk, onderwijszorgarrangementen and Kinderopvang Plus (§1.3).
 * Some aanbod is full (places taken = capacity), as waiting lists for jeugdhulp and speciaal onderwijs are the
 * rule in both regions (§2.1, §2.2) — demo occupancy with no case behind it.
 *
 * The ids are fixed, so loading the set twice gives the same rows. Never change an entry's id; add entries with
 * new ones.
 */
export interface AanbodDemoEntry {
  id: string;
  fields: AanbodRequest;
  placesTaken: number;
}

export const DEMO_REGIONS = { groningen: 'swv-2001', rotterdam: 'swv-2801' } as const;

const ALL_SECTORS: AanbodSector[] = ['voorschool', 'PO', 'SBO', 'SO', 'VO', 'PRO', 'VSO', 'MBO'];
const FICTIEF = 'Fictief demo-aanbod.';

type Entry = Omit<AanbodRequest, 'region' | 'route' | 'funders'> & Partial<Pick<AanbodRequest, 'route' | 'funders'>>;

/** The route and funder a kind has in both regions (DOMAIN-PROVIDERS.md §1.5); an entry may say otherwise. */
const USUAL: Record<AanbodKind, Pick<AanbodRequest, 'route' | 'funders'>> = {
  wijkteam: { route: 'jeugdhulp', funders: ['gemeente'] },
  vo_wij_team: { route: 'gecombineerd', funders: ['gemeente'] },
  school_als_wijk: { route: 'gecombineerd', funders: ['gemeente'] },
  schoolmaatschappelijk_werk: { route: 'jeugdhulp', funders: ['gemeente'] },
  jeugdhulpaanbieder: { route: 'jeugdhulp', funders: ['gemeente'] },
  onderwijszorgarrangement: { route: 'gecombineerd', funders: ['swv', 'gemeente'] },
  sbo: { route: 'onderwijs', funders: ['swv'] },
  so: { route: 'onderwijs', funders: ['swv'] },
  vso: { route: 'onderwijs', funders: ['swv'] },
  pro: { route: 'onderwijs', funders: ['swv'] },
  // SWV funding of rebound is an inference (DOMAIN-PROVIDERS.md §1.4).
  rebound: { route: 'onderwijs', funders: ['swv'] },
  voorschool_plus: { route: 'jeugdhulp', funders: ['gemeente'] },
};

function inRegion(region: string, idPrefix: string, entries: ReadonlyArray<Entry & { placesTaken?: number }>): AanbodDemoEntry[] {
  return entries.map(({ placesTaken, ...entry }, index) => ({
    id: `${idPrefix}${String(index + 1).padStart(12, '0')}`,
    fields: { ...USUAL[entry.kind], ...entry, region },
    placesTaken: placesTaken ?? 0,
  }));
}

const WIJ = { code: 'demo-wij-stad', name: 'WIJ Stad (demo)' };
const NOORDERLICHT = { code: 'demo-noorderlicht', name: 'Noorderlicht Jeugd en Gezin (demo)' };
const wijTeam = (wijk: string, wijken: string[], capacity: number, mailbox: string, placesTaken = 0): Entry & { placesTaken: number } => ({
  aanbieder: WIJ,
  name: `WIJ-team ${wijk}`,
  kind: 'wijkteam',
  wijken,
  sectors: ALL_SECTORS,
  ages: { from: 0, to: 23 },
  capacity,
  placesTaken,
  intakeRoutes: ['direct'],
  contact: { role: 'intake', mailbox },
  description: `Basis jeugdhulp zonder beschikking (sinds 2023); generalisten met een specialisme, huisbezoek in duo's. ${FICTIEF}`,
});

const GRONINGEN_LIKE = inRegion(DEMO_REGIONS.groningen, 'de300000-2001-4000-8000-', [
  wijTeam('Oosterparkwijk', ['Oosterparkwijk', 'De Hoogte', 'Indische Buurt'], 60, 'wij-oosterpark@wij-stad.example'),
  wijTeam('Selwerd', ['Selwerd', 'Paddepoel', 'Tuinwijk'], 50, 'wij-selwerd@wij-stad.example'),
  // A backlog at WIJ access (DOMAIN-PROVIDERS.md §2.1, Oct 2025).
  wijTeam('Vinkhuizen', ['Vinkhuizen', 'Hoogkerk'], 45, 'wij-vinkhuizen@wij-stad.example', 45),
  {
    aanbieder: WIJ,
    name: 'VO-WIJ team Stad',
    kind: 'vo_wij_team',
    sectors: ['VO', 'VSO', 'PRO'],
    ages: { from: 11, to: 20 },
    capacity: 120,
    intakeRoutes: ['school_mdo'],
    contact: { role: 'intake', mailbox: 'wij-vo@wij-stad.example' },
    description: `Bovenschools WIJ-team op vaste dagdelen in vo, vso en pro: gesprekken met leerlingen, koppeling met het WIJ-team van de woongemeente, jeugdhulpinterventies. ${FICTIEF}`,
  },
  {
    aanbieder: WIJ,
    name: 'School als Wijk (mbo)',
    kind: 'school_als_wijk',
    sectors: ['MBO'],
    ages: { from: 16, to: 23 },
    capacity: 80,
    intakeRoutes: ['school_mdo'],
    contact: { role: 'intake', mailbox: 'intake-schoolalswijk@wij-stad.example' },
    description: `Hulpverleners enkele dagdelen per week op de mbo-locaties, vooral voor studenten op niveau 1-2. ${FICTIEF}`,
  },
  {
    aanbieder: NOORDERLICHT,
    name: 'Ambulante gezinsbegeleiding',
    kind: 'jeugdhulpaanbieder',
    sectors: ['voorschool', 'PO', 'SBO', 'SO', 'VO', 'VSO', 'PRO'],
    ages: { from: 0, to: 18 },
    capacity: 30,
    intakeRoutes: ['beschikking', 'medische_verwijzing'],
    contact: { role: 'aanmelding', mailbox: 'aanmelding@noorderlicht.example' },
    description: `Specialistische jeugdhulp, ambulant bij het gezin thuis; toegang via een zorgtoewijzing van het WIJ-team of een medisch verwijzer. ${FICTIEF}`,
  },
  {
    aanbieder: NOORDERLICHT,
    name: 'Dagbehandeling jonge kind',
    kind: 'jeugdhulpaanbieder',
    sectors: ['voorschool', 'PO', 'SBO', 'SO'],
    ages: { from: 2, to: 12 },
    capacity: 12,
    placesTaken: 12,
    intakeRoutes: ['beschikking', 'medische_verwijzing'],
    contact: { role: 'aanmelding', mailbox: 'aanmelding@noorderlicht.example' },
    description: `Daghulp in groepen van acht, vier dagdelen per week. ${FICTIEF}`,
  },
  {
    aanbieder: { code: 'demo-sbo-wierdenland', name: 'Stichting SBO Het Wierdenland (demo)' },
    name: 'SBO Het Wierdenland',
    kind: 'sbo',
    sectors: ['PO', 'SBO'],
    ages: { from: 4, to: 13 },
    capacity: 150,
    intakeRoutes: ['tlv'],
    contact: { role: 'aanmelding', mailbox: 'aanmelding@wierdenland.example' },
    description: FICTIEF,
  },
  {
    aanbieder: { code: 'demo-so-deborg', name: 'Stichting Speciaal Onderwijs De Borg (demo)' },
    name: 'SO De Borg (cluster 4)',
    kind: 'so',
    sectors: ['PO', 'SBO', 'SO'],
    ages: { from: 4, to: 13 },
    capacity: 90,
    placesTaken: 90,
    intakeRoutes: ['tlv'],
    contact: { role: 'aanmelding', mailbox: 'aanmelding@deborg.example' },
    description: `Speciaal onderwijs voor leerlingen met gedrags- of psychiatrische problematiek. ${FICTIEF}`,
  },
  {
    aanbieder: { code: 'demo-so-deborg', name: 'Stichting Speciaal Onderwijs De Borg (demo)' },
    name: 'VSO De Borg (cluster 4)',
    kind: 'vso',
    sectors: ['PO', 'SBO', 'SO', 'VO', 'VSO'],
    ages: { from: 12, to: 20 },
    capacity: 140,
    intakeRoutes: ['tlv'],
    contact: { role: 'aanmelding', mailbox: 'aanmelding.vso@deborg.example' },
    description: `Uitstroomprofielen vervolgonderwijs, arbeidsmarkt en dagbesteding. ${FICTIEF}`,
  },
  {
    aanbieder: { code: 'demo-pro-noorderhaven', name: 'Praktijkschool Noorderhaven (demo)' },
    name: 'Praktijkschool Noorderhaven',
    kind: 'pro',
    sectors: ['PO', 'SBO', 'VO', 'PRO'],
    ages: { from: 12, to: 18 },
    capacity: 200,
    intakeRoutes: ['tlv'],
    contact: { role: 'aanmelding', mailbox: 'aanmelding@noorderhaven.example' },
    description: FICTIEF,
  },
  {
    aanbieder: { code: 'demo-swv-stad', name: 'Samenwerkingsverband Stad en Ommeland (demo)' },
    name: 'Onderwijszorgarrangement De Dijk',
    kind: 'onderwijszorgarrangement',
    sectors: ['PO', 'SBO', 'SO'],
    ages: { from: 6, to: 13 },
    capacity: 16,
    intakeRoutes: ['school_mdo'],
    contact: { role: 'zorgcoordinatie', mailbox: 'oza-dedijk@swv-stad.example' },
    description: `Onderwijs en jeugdhulp in één arrangement op een zorglocatie; de leerling blijft ingeschreven op een school. ${FICTIEF}`,
  },
  {
    aanbieder: { code: 'demo-swv-stad', name: 'Samenwerkingsverband Stad en Ommeland (demo)' },
    name: 'Reboundvoorziening Stad',
    kind: 'rebound',
    sectors: ['VO', 'PRO'],
    ages: { from: 12, to: 18 },
    capacity: 10,
    intakeRoutes: ['swv_commissie'],
    contact: { role: 'plaatsing', mailbox: 'rebound@swv-stad.example' },
    description: `Tijdelijke plaatsing van weken tot maanden; de leerling blijft ingeschreven op de eigen school, terugkeer is het doel. ${FICTIEF}`,
  },
]);

const WIJKTEAMS = { code: 'demo-wijkteams-maasstad', name: 'Wijkteams Maasstad (demo)' };
const RIJNMOND = { code: 'demo-jeugdhulp-rijnmond', name: 'Jeugdhulp Rijnmond-Zuid (demo)' };
const SWV_MAAS = { code: 'demo-swv-maasstad', name: 'Samenwerkingsverband Maasstad (demo)' };
const wijkteam = (wijk: string, wijken: string[], capacity: number, mailbox: string, placesTaken = 0): Entry & { placesTaken: number } => ({
  aanbieder: WIJKTEAMS,
  name: `Wijkteam ${wijk}`,
  kind: 'wijkteam',
  wijken,
  sectors: ALL_SECTORS,
  ages: { from: 0, to: 23 },
  capacity,
  placesTaken,
  intakeRoutes: ['direct'],
  contact: { role: 'intake', mailbox },
  description: `Vrij toegankelijke hulp in de wijk; verwijst naar specialistische jeugdhulp. ${FICTIEF}`,
});

const ROTTERDAM_LIKE = inRegion(DEMO_REGIONS.rotterdam, 'de300000-2801-4000-8000-', [
  wijkteam('Delfshaven', ['Delfshaven', 'Bospolder', 'Tussendijken', 'Spangen'], 70, 'wijkteam-delfshaven@maasstad.example'),
  wijkteam('Feijenoord', ['Feijenoord', 'Afrikaanderwijk', 'Bloemhof', 'Hillesluis'], 80, 'wijkteam-feijenoord@maasstad.example'),
  wijkteam('Charlois', ['Tarwewijk', 'Carnisse', 'Zuidwijk', 'Pendrecht'], 60, 'wijkteam-charlois@maasstad.example', 60),
  {
    aanbieder: { code: 'demo-smw-maasstad', name: 'Schoolmaatschappelijk Werk Maasstad (demo)' },
    name: 'Schoolmaatschappelijk werk PO Zuid',
    kind: 'schoolmaatschappelijk_werk',
    sectors: ['voorschool', 'PO', 'SBO'],
    ages: { from: 2, to: 13 },
    capacity: 250,
    intakeRoutes: ['school_mdo'],
    contact: { role: 'intake', mailbox: 'smw-zuid@smw-maasstad.example' },
    description: `Kortdurende hulp aan ouders en kinderen en ondersteuning van leerkrachten, via het schoolzorgteam; ook voorschool-SMW. ${FICTIEF}`,
  },
  {
    aanbieder: SWV_MAAS,
    name: 'OZA De Maasbrug (po)',
    kind: 'onderwijszorgarrangement',
    sectors: ['PO', 'SBO', 'SO'],
    ages: { from: 4, to: 13 },
    capacity: 24,
    intakeRoutes: ['school_mdo'],
    contact: { role: 'zorgcoordinatie', mailbox: 'oza@swv-maasstad.example' },
    description: `Eén kind, één plan: onderwijs en zorg op school, in de vrije tijd en thuis; toeleiding via het MDO van de school. ${FICTIEF}`,
  },
  {
    aanbieder: SWV_MAAS,
    name: 'OZA Havenbolder (vo)',
    kind: 'onderwijszorgarrangement',
    sectors: ['VO', 'VSO', 'PRO'],
    ages: { from: 12, to: 18 },
    capacity: 18,
    placesTaken: 18,
    intakeRoutes: ['school_mdo'],
    contact: { role: 'zorgcoordinatie', mailbox: 'oza@swv-maasstad.example' },
    description: FICTIEF,
  },
  {
    aanbieder: RIJNMOND,
    name: 'Ambulante jeugdhulp (opdracht E)',
    kind: 'jeugdhulpaanbieder',
    sectors: ['voorschool', 'PO', 'SBO', 'SO', 'VO', 'VSO', 'PRO', 'MBO'],
    ages: { from: 0, to: 18 },
    capacity: 40,
    placesTaken: 40,
    intakeRoutes: ['beschikking', 'medische_verwijzing'],
    contact: { role: 'aanmelding', mailbox: 'aanmelding@jeugdhulp-rijnmond.example' },
    description: `Regionaal ingekochte ambulante jeugdhulp; wachttijd wordt per opdracht gevolgd. ${FICTIEF}`,
  },
  {
    aanbieder: RIJNMOND,
    name: 'Daghulp 6-12 jaar',
    kind: 'jeugdhulpaanbieder',
    sectors: ['PO', 'SBO', 'SO'],
    ages: { from: 6, to: 12 },
    capacity: 16,
    intakeRoutes: ['beschikking'],
    contact: { role: 'aanmelding', mailbox: 'aanmelding@jeugdhulp-rijnmond.example' },
    description: FICTIEF,
  },
  {
    aanbieder: { code: 'demo-sbo-lichtboei', name: 'SBO De Lichtboei (demo)' },
    name: 'SBO De Lichtboei',
    kind: 'sbo',
    sectors: ['PO', 'SBO'],
    ages: { from: 4, to: 13 },
    capacity: 180,
    intakeRoutes: ['tlv'],
    contact: { role: 'aanmelding', mailbox: 'aanmelding@lichtboei.example' },
    description: FICTIEF,
  },
  {
    aanbieder: { code: 'demo-so-havenlicht', name: 'Stichting SO Het Havenlicht (demo)' },
    name: 'SO Het Havenlicht (cluster 3)',
    kind: 'so',
    sectors: ['PO', 'SBO', 'SO'],
    ages: { from: 4, to: 13 },
    capacity: 110,
    placesTaken: 110,
    intakeRoutes: ['tlv'],
    contact: { role: 'aanmelding', mailbox: 'aanmelding@havenlicht.example' },
    description: `Speciaal onderwijs voor leerlingen met een verstandelijke of lichamelijke beperking. ${FICTIEF}`,
  },
  {
    aanbieder: { code: 'demo-vso-dekade', name: 'VSO De Kade (demo)' },
    name: 'VSO De Kade (cluster 4)',
    kind: 'vso',
    sectors: ['PO', 'SBO', 'SO', 'VO', 'VSO'],
    ages: { from: 12, to: 20 },
    capacity: 160,
    intakeRoutes: ['tlv'],
    contact: { role: 'aanmelding', mailbox: 'aanmelding@dekade.example' },
    description: FICTIEF,
  },
  {
    aanbieder: { code: 'demo-pro-maashaven', name: 'Praktijkschool Maashaven (demo)' },
    name: 'Praktijkschool Maashaven',
    kind: 'pro',
    sectors: ['PO', 'SBO', 'VO', 'PRO'],
    ages: { from: 12, to: 18 },
    capacity: 240,
    intakeRoutes: ['tlv'],
    contact: { role: 'aanmelding', mailbox: 'aanmelding@maashaven.example' },
    description: FICTIEF,
  },
  {
    aanbieder: SWV_MAAS,
    name: 'Rebound/OPDC Noord',
    kind: 'rebound',
    sectors: ['VO', 'PRO'],
    ages: { from: 12, to: 18 },
    capacity: 12,
    intakeRoutes: ['swv_commissie'],
    contact: { role: 'plaatsing', mailbox: 'rebound@swv-maasstad.example' },
    description: `Tijdelijke plaatsing met een eigen werkplan; terugkeer naar de eigen school is het doel, met nazorg. ${FICTIEF}`,
  },
  {
    aanbieder: { code: 'demo-kinderopvang-dekleinehaven', name: 'Kinderopvang De Kleine Haven (demo)' },
    name: 'Kinderopvang Plus De Kleine Haven',
    kind: 'voorschool_plus',
    wijken: ['Tarwewijk', 'Carnisse'],
    sectors: ['voorschool'],
    ages: { from: 2, to: 4 },
    capacity: 16,
    intakeRoutes: ['cjg_indicatie'],
    contact: { role: 'intake', mailbox: 'kinderopvangplus@dekleinehaven.example' },
    description: `Kleine groepen voor peuters die niet in een reguliere voorschool passen, in samenwerking met jeugdhulp. ${FICTIEF}`,
  },
]);

export const AANBOD_DEMO_SET: readonly AanbodDemoEntry[] = [...GRONINGEN_LIKE, ...ROTTERDAM_LIKE];
