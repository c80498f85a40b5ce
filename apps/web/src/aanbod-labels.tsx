/**
 * Dutch words for the provider catalogue and the waiting lists (issue 11). Kept apart from labels.tsx, which
 * other work extends with stages and consent rules; the codes are the API's (libs/domain provider/ and wachtlijst/).
 */

export const AANBOD_KIND_LABELS: Record<string, string> = {
  wijkteam: 'WIJ-team / wijkteam',
  vo_wij_team: 'VO-WIJ team',
  school_als_wijk: 'School als Wijk',
  schoolmaatschappelijk_werk: 'Schoolmaatschappelijk werk',
  jeugdhulpaanbieder: 'Jeugdhulpaanbieder',
  onderwijszorgarrangement: 'Onderwijszorgarrangement',
  sbo: 'Speciaal basisonderwijs (SBO)',
  so: 'Speciaal onderwijs (SO)',
  vso: 'Voortgezet speciaal onderwijs (VSO)',
  pro: 'Praktijkonderwijs (PrO)',
  rebound: 'Rebound / time-out',
  voorschool_plus: 'Kinderopvang Plus (voorschool)',
  onbekend: 'Onbekend',
};

/** The route each kind may serve (AANBOD_KIND_RULES in libs/domain): the form offers only these. */
export const ROUTES_OF_KIND: Record<string, string[]> = {
  wijkteam: ['jeugdhulp'],
  vo_wij_team: ['gecombineerd'],
  school_als_wijk: ['gecombineerd'],
  schoolmaatschappelijk_werk: ['jeugdhulp'],
  jeugdhulpaanbieder: ['jeugdhulp'],
  onderwijszorgarrangement: ['gecombineerd'],
  sbo: ['onderwijs'],
  so: ['onderwijs'],
  vso: ['onderwijs'],
  pro: ['onderwijs'],
  rebound: ['onderwijs'],
  voorschool_plus: ['jeugdhulp', 'gecombineerd'],
};

export const ROUTE_SHORT_LABELS: Record<string, string> = { onderwijs: 'Onderwijs', jeugdhulp: 'Jeugdhulp', gecombineerd: 'Gecombineerd' };

export const FUNDER_LABELS: Array<[string, string]> = [
  ['swv', 'Samenwerkingsverband'],
  ['gemeente', 'Gemeente'],
];

export const AANBOD_SECTORS = ['voorschool', 'PO', 'SBO', 'SO', 'VO', 'PRO', 'VSO', 'MBO'];

export const SECTOR_LABELS: Record<string, string> = { voorschool: 'Voorschool', PRO: 'PrO' };

export const INTAKE_ROUTE_LABELS: Record<string, string> = {
  direct: 'Direct toegankelijk',
  school_mdo: 'Via het MDO / zorgteam van school',
  beschikking: 'Beschikking van de gemeente',
  medische_verwijzing: 'Medische verwijzing',
  tlv: 'Toelaatbaarheidsverklaring (TLV)',
  swv_commissie: 'Commissie van het samenwerkingsverband',
  cjg_indicatie: 'Indicatie CJG / JGZ',
};

export const CONTACT_ROLE_LABELS: Record<string, string> = {
  intake: 'Intake',
  aanmelding: 'Aanmelding',
  loket: 'Loket',
  zorgcoordinatie: 'Zorgcoördinatie',
  plaatsing: 'Plaatsing',
  secretariaat: 'Secretariaat',
  frontoffice: 'Frontoffice',
};

export const OVERBRUGGING_LABELS: Record<string, string> = {
  ambulanteHulp: 'Ambulante hulp',
  zorgbemiddeling: 'Zorgbemiddeling',
  tijdelijkePlaatsing: 'Tijdelijke plaatsing',
  spoedvoorziening: 'Spoedvoorziening',
  reboundOpdc: 'Rebound / OPDC',
  anders: 'Anders',
};

export const PLACE_STATUS_LABELS: Record<string, string> = { wachtend: 'Wacht op een plaats', toegelaten: 'Heeft een plaats' };

export function labelOf(labels: Record<string, string>, code: string): string {
  return labels[code] ?? code;
}

/** The kinds of aanbod as <option>s, in the catalogue's order: the filter and the form offer the same list. */
export function AanbodKindOptions() {
  return (
    <>
      {Object.keys(ROUTES_OF_KIND).map((kind) => (
        <option key={kind} value={kind}>
          {labelOf(AANBOD_KIND_LABELS, kind)}
        </option>
      ))}
    </>
  );
}
