import type { Actor } from '../actor/actor';
import { REGISSEUR } from '../referral/referral.fixture';
import type { PlanReferral } from './child-plan-state';
import type {
  AanmeldingRequest,
  OverdrachtRequest,
  ScheduleTransitionRequest,
  WarmeOverdrachtRequest,
} from './child-plan-request.schema';
import { dutchDateOf } from '../time/amsterdam-time';
import { dateAtAge } from './voorschool.rule';
import type { ScheduleVoorschoolTransitionRequest, VoorschoolConsentRequest, VoorschoolOverdrachtRequest } from './voorschool-request.schema';

/**
 * Sample actors and bodies for the child's plan, shared by the domain, workflow and end-to-end specs.
 * The sending school is the referral fixtures' SCHOOL (12AB, PO); VO_SCHOOL receives at the overstap.
 */
export const VO_SCHOOL: Actor = { sub: 'zorgco-3', role: 'school', org: '34CD', region: 'swv-2801' };
export const SO_SCHOOL: Actor = { sub: 'ib-so-5', role: 'school', org: '56EF', region: 'swv-2801' };
export const LEERPLICHT: Actor = { sub: 'lpa-1', role: 'leerplicht', org: 'gem-0014', region: 'swv-2801' };

export function scheduleTransitionBody(startDate: string, overrides: Partial<ScheduleTransitionRequest> = {}): ScheduleTransitionRequest {
  return { from: { brin: '12AB', sector: 'PO' }, to: { sector: 'VO', brin: '34CD' }, startDate, ...overrides };
}

export function aanmeldingBody(receivedOn: string, overrides: Partial<AanmeldingRequest> = {}): AanmeldingRequest {
  return { receivedOn, supportNeedExpected: true, ...overrides };
}

export function overdrachtBody(sentOn: string, overrides: Partial<OverdrachtRequest> = {}): OverdrachtRequest {
  return {
    documents: [
      { kind: 'onderwijskundig_rapport', reference: 'OSO:2027/okr-88412', sentOn, channel: 'oso' },
      { kind: 'opp', reference: 'OSO:2027/opp-88412', sentOn, channel: 'oso' },
    ],
    parentsZienswijze: { given: true, summary: 'Ouders vinden de begeleiding in kleine groepen belangrijk.' },
    ...overrides,
  };
}

export function warmeOverdrachtBody(heldOn: string, overrides: Partial<WarmeOverdrachtRequest> = {}): WarmeOverdrachtRequest {
  return { heldOn, participants: ['intern_begeleider', 'zorgcoordinator', 'ouders'], summary: 'Mentor en zorgcoördinator spraken de ondersteuning door.', ...overrides };
}

/** A referral as it reports itself to the plan: by default with a running (goedgekeurd) arrangement at the PO school. */
export function planReferral(referralId: string, overrides: Partial<PlanReferral> = {}): PlanReferral {
  return {
    referralId,
    region: 'swv-2801',
    school: { brin: '12AB', sector: 'PO' },
    stage: 'uitvoering',
    thuiszitter: false,
    regisseurId: REGISSEUR.sub,
    providerId: 'zorg-42',
    arrangement: { version: 1, kind: 'onderwijszorgarrangement', status: 'goedgekeurd', startDate: '2026-11-30', endDate: '2027-06-30', evaluationDate: '2027-03-01' },
    evaluations: [],
    createdAt: '2026-11-23T09:00:00.000Z',
    closedAt: null,
    version: 3,
    ...overrides,
  };
}

/**
 * The voorschool → PO overstap (issue 11 §5): VOORSCHOOL is the voorschool organisation acting as a provider;
 * the referral fixtures' SCHOOL (12AB, PO) is the basisschool that receives the toddler.
 */
export const VOORSCHOOL: Actor = { sub: 'pedagogisch-1', role: 'provider', org: 'vs-0042', region: 'swv-2801' };
export const OTHER_VOORSCHOOL: Actor = { sub: 'pedagogisch-2', role: 'provider', org: 'vs-0099', region: 'swv-2801' };

export function scheduleVoorschoolBody(startDate: string, overrides: Partial<ScheduleVoorschoolTransitionRequest> = {}): ScheduleVoorschoolTransitionRequest {
  return { from: { org: 'vs-0042', kind: 'voorschool' }, to: { sector: 'PO', brin: '12AB' }, startDate, veIndicatie: true, supportNeeded: false, ...overrides };
}

export function voorschoolConsentBody(givenOn: string, overrides: Partial<VoorschoolConsentRequest> = {}): VoorschoolConsentRequest {
  return { givenOn, parentsWithGezag: 2, parentsConsenting: 2, form: 'schriftelijk', ...overrides };
}

export function voorschoolOverdrachtBody(sentOn: string, overrides: Partial<VoorschoolOverdrachtRequest> = {}): VoorschoolOverdrachtRequest {
  return {
    sentOn,
    ve: { programme: 'Piramide', durationMonths: 18 },
    documents: [
      { kind: 'overdrachtsformulier', reference: 'VS:2026/form-2291' },
      { kind: 'kindvolgsysteem', reference: 'VS:2026/kvs-2291' },
    ],
    ...overrides,
  };
}

/**
 * A toddler who reached the overdracht age (3 years 10 months) a week before `now`, for the specs on the real
 * servers: the overdracht term is late from the moment the overstap is scheduled. School starts a week after the
 * fourth birthday, which lies ahead.
 */
export function lateToddler(now: number): { birthDate: string; startDate: string } {
  const [year, month, day] = dutchDateOf(now).split('-').map(Number) as [number, number, number];
  const birthDate = new Date(Date.UTC(year - 3, month - 1 - 10, day - 7)).toISOString().slice(0, 10);
  const fourth = dateAtAge(birthDate, { years: 4, months: 0 });
  const startDate = new Date(Date.parse(`${fourth}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  return { birthDate, startDate };
}
