import type { EvaluationOutcome, TOEWIJZING_ROUTES, SUPPORT_KINDS } from '../referral/referral-request.schema';
import type { ArrangementStatus, ReferralStage } from '../referral/referral-stage';
import type { TransitionKind, TransitionStatus } from '../child-plan/child-plan-state';
import type { TransitionDestination } from '../child-plan/transition-route';

/**
 * The words parents read (issue 11 §6): plain Dutch, no codes. Exhaustive records, so a new stage or status
 * (e.g. the waiting stage of issue 11 §2) cannot reach a parent without a sentence.
 */
export const STAGE_TEXT: Record<ReferralStage, string> = {
  gesignaleerd: 'De school heeft uw kind aangemeld voor extra ondersteuning.',
  toewijzing: 'Het loket van het samenwerkingsverband bekijkt welke hulp past en wie de regie krijgt.',
  wacht_op_plaats: 'Er is hulp of een school voor uw kind gekozen, maar daar is nu geen plaats. Uw kind staat op de wachtlijst en krijgt de eerste plaats die vrijkomt volgens de volgorde van de wachtlijst (wacht op plaats).',
  wacht_op_toestemming: 'De volgende stap wacht op uw toestemming (of die van uw kind). Zonder toestemming gaat deze stap niet door.',
  arrangement: 'Er wordt een plan gemaakt voor de hulp aan uw kind (het arrangement).',
  uitvoering: 'De hulp is gestart.',
  evaluatie: 'De hulp wordt besproken en beoordeeld (evaluatie).',
  afgesloten: 'De hulp is afgerond.',
  ingetrokken: 'De aanmelding is ingetrokken.',
};

export const ARRANGEMENT_STATUS_TEXT: Record<ArrangementStatus, string> = {
  concept: 'De school of de zorgaanbieder schrijft het plan voor de hulp.',
  ter_goedkeuring: 'Het plan voor de hulp ligt bij de regisseur ter goedkeuring.',
  goedgekeurd: 'Het plan voor de hulp is goedgekeurd.',
  afgewezen: 'Het plan voor de hulp is afgewezen en wordt opnieuw gemaakt.',
  vervangen: 'Het plan voor de hulp is vervangen door een nieuw plan.',
};

export const ROUTE_TEXT: Record<(typeof TOEWIJZING_ROUTES)[number], string> = {
  onderwijs: 'ondersteuning vanuit het onderwijs (het samenwerkingsverband)',
  jeugdhulp: 'jeugdhulp (via de gemeente)',
  gecombineerd: 'een combinatie van onderwijs en jeugdhulp',
};

export const SUPPORT_KIND_TEXT: Record<(typeof SUPPORT_KINDS)[number], string> = {
  ambulante_begeleiding: 'begeleiding',
  onderwijsarrangement: 'extra ondersteuning op school',
  onderwijszorgarrangement: 'onderwijs en zorg samen',
  jeugdhulp_ambulant: 'jeugdhulp',
  jeugdhulp_dagbehandeling: 'dagbehandeling',
  plaatsing_gespecialiseerd_onderwijs: 'een plaats in het speciaal onderwijs',
  overig: 'andere hulp',
};

export const EVALUATION_TEXT: Record<EvaluationOutcome, string> = {
  afsluiten: 'De hulp wordt afgerond.',
  verlengen: 'De hulp wordt verlengd.',
  bijstellen: 'De hulp wordt aangepast; er komt een nieuw plan.',
  opschalen: 'Er is zwaardere hulp nodig.',
};

export const TRANSITION_KIND_TEXT: Record<TransitionKind, string> = {
  overstap: 'Overstap naar een andere school',
  tussentijds: 'Wisseling van school tijdens het schooljaar',
  uitstroom: 'Uitstroom uit school',
  voorschool: 'Van de voorschool naar de basisschool',
};

export const TRANSITION_STATUS_TEXT: Record<TransitionStatus, string> = {
  gepland: 'De overstap wordt voorbereid.',
  bevestigd: 'De overstap is rond.',
  afgerond: 'De overstap is gemaakt.',
  afgewezen: 'De nieuwe school heeft uw kind niet toegelaten.',
  geannuleerd: 'De overstap gaat niet door.',
};

export const DESTINATION_TEXT: Record<TransitionDestination, string> = {
  PO: 'de basisschool',
  SBO: 'het speciaal basisonderwijs',
  SO: 'het speciaal onderwijs',
  VO: 'het voortgezet onderwijs',
  PRO: 'het praktijkonderwijs',
  VSO: 'het voortgezet speciaal onderwijs',
  MBO: 'het mbo',
  arbeid: 'werk',
  dagbesteding: 'dagbesteding',
};

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** 2026-12-03 → "3 december 2026". */
export function dutchDateText(date: string): string {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}
