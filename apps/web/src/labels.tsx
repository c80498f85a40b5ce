/** Dutch words for the API's codes: the interface speaks the caseworker's language, the API stays stable. */

export const STAGES = ['gesignaleerd', 'toewijzing', 'arrangement', 'uitvoering', 'evaluatie', 'afgesloten'] as const;

export const STAGE_LABELS: Record<string, string> = {
  gesignaleerd: 'Gesignaleerd',
  toewijzing: 'Toewijzing',
  wacht_op_plaats: 'Wacht op plaats',
  wacht_op_toestemming: 'Wacht op toestemming',
  arrangement: 'Arrangement',
  uitvoering: 'Uitvoering',
  evaluatie: 'Evaluatie',
  afgesloten: 'Afgesloten',
  ingetrokken: 'Ingetrokken',
};

export const ROLE_LABELS: Record<string, string> = {
  school: 'School',
  loket: 'Loket',
  regisseur: 'Regisseur',
  provider: 'Aanbieder',
  leerplicht: 'Leerplicht',
  gemeente: 'Gemeente',
  admin: 'Beheer',
  fg: 'Functionaris gegevensbescherming',
  ouder: 'Ouder',
  jongere: 'Jongere',
  system: 'Schakel',
};

export const EVENT_LABELS: Record<string, string> = {
  'referral.submitted': 'Aangemeld',
  'toewijzing.requested': 'Toewijzing gevraagd',
  'toewijzing.made': 'Toegewezen',
  'arrangement.submitted': 'Arrangement ingediend',
  'arrangement.approved': 'Arrangement goedgekeurd',
  'arrangement.rejected': 'Arrangement afgewezen',
  'evaluation.due': 'Evaluatie aan de beurt',
  'evaluation.recorded': 'Evaluatie vastgelegd',
  'referral.closed': 'Zaak afgesloten',
  'referral.withdrawn': 'Aanmelding ingetrokken',
  'deadline.reminder': 'Herinnering termijn',
  'deadline.escalated': 'Termijn geëscaleerd',
  'deadline.paused': 'Termijn opgeschort',
  'deadline.resumed': 'Termijn hervat',
  'deadline.extended': 'Termijn verlengd',
  'thuiszitter.reported': 'Thuiszitter gemeld',
  'regisseur.handover': 'Regisseur overgedragen',
  'wachtlijst.joined': 'Op de wachtlijst geplaatst',
  'wachtlijst.admitted': 'Plaats gekregen',
  'wachtlijst.left': 'Van de wachtlijst af / plaats vrijgegeven',
  'toestemming.gevraagd': 'Toestemming gevraagd',
  'toestemming.ontvangen': 'Toestemming ontvangen (nog niet compleet)',
  'toestemming.verleend': 'Toestemming verleend',
  'toestemming.geweigerd': 'Toestemming geweigerd',
  'zienswijze.gegeven': 'Zienswijze gegeven',
};

export const DEADLINE_LABELS: Record<string, string> = {
  toewijzing: 'Toewijzing',
  arrangementApproval: 'Goedkeuring arrangement',
  evaluation: 'Evaluatie',
  zorgplicht: 'Zorgplicht',
  opp: 'Ontwikkelingsperspectiefplan',
  oppEvaluation: 'Evaluatie OPP',
  thuiszitter: 'Thuiszitter',
  overstapBevestiging: 'Bevestiging overstap',
  tlvBesluit: 'Besluit TLV',
  tlvHerbeoordeling: 'Herbeoordeling TLV',
  mboAanmelding: 'Aanmelding mbo',
  voorschoolOverdracht: 'Overdracht voorschool',
  toestemming: 'Toestemming ouders of jongere',
  wachttijd: 'Wachttijd',
  wachttijdZonderOverbrugging: 'Wachttijd zonder overbrugging',
  wachtlijstVerlopen: 'Beschikking of TLV verloopt',
};

export const ARRANGEMENT_STATUS_LABELS: Record<string, string> = {
  concept: 'Concept',
  ter_goedkeuring: 'Ter goedkeuring',
  goedgekeurd: 'Goedgekeurd',
  afgewezen: 'Afgewezen',
  vervangen: 'Vervangen',
};

export const CONCERN_AREAS: Array<[string, string]> = [
  ['leren', 'Leren'],
  ['gedrag', 'Gedrag'],
  ['sociaal-emotioneel', 'Sociaal-emotioneel'],
  ['communicatie', 'Communicatie'],
  ['fysiek-medisch', 'Fysiek of medisch'],
  ['werkhouding', 'Werkhouding'],
  ['thuissituatie', 'Thuissituatie'],
  ['verzuim', 'Verzuim'],
  ['overig', 'Overig'],
];

export const SECTORS = ['PO', 'SBO', 'SO', 'VO', 'PRO', 'VSO', 'MBO'];

export const ROUTES: Array<[string, string]> = [
  ['onderwijs', 'Onderwijs (samenwerkingsverband)'],
  ['jeugdhulp', 'Jeugdhulp (gemeente)'],
  ['gecombineerd', 'Gecombineerd (onderwijszorgarrangement)'],
];

export const SUPPORT_KINDS: Array<[string, string]> = [
  ['ambulante_begeleiding', 'Ambulante begeleiding'],
  ['onderwijsarrangement', 'Onderwijsarrangement'],
  ['onderwijszorgarrangement', 'Onderwijszorgarrangement'],
  ['jeugdhulp_ambulant', 'Jeugdhulp ambulant'],
  ['jeugdhulp_dagbehandeling', 'Jeugdhulp dagbehandeling'],
  ['plaatsing_gespecialiseerd_onderwijs', 'Plaatsing gespecialiseerd onderwijs'],
  ['overig', 'Overig'],
];

export const INTENSITY_LEVELS: Array<[string, string]> = [
  ['licht', 'Licht'],
  ['middel', 'Middel'],
  ['intensief', 'Intensief'],
];

export const LOCATIONS: Array<[string, string]> = [
  ['school', 'Op school'],
  ['thuis', 'Thuis'],
  ['aanbieder', 'Bij de aanbieder'],
  ['elders', 'Elders'],
];

export const BUCKET_LABELS: Record<string, string> = {
  minder_dan_4_weken: 'Korter dan 4 weken',
  '4_tot_8_weken': '4 tot 8 weken',
  '8_weken_tot_3_maanden': '8 weken tot 3 maanden',
  '3_maanden_of_langer': '3 maanden of langer',
};

const DATE_TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const DATE = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'short', year: 'numeric' });

export function dateTime(iso: string | null | undefined): string {
  return iso ? DATE_TIME.format(new Date(iso)) : '—';
}

/** A calendar day (YYYY-MM-DD) or an instant, as a Dutch date. */
export function date(value: string | null | undefined): string {
  if (!value) return '—';
  return DATE.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value));
}

export function actorLabel(actor: { role: string; sub: string }): string {
  return `${ROLE_LABELS[actor.role] ?? actor.role} ${actor.sub}`;
}
