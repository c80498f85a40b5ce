import type { DeadlinePolicy, WachtlijstPolicy } from './deadline-policy.schema';
import { NATIONAL_RETENTION_POLICY } from '../retention/retention-policy.schema';
import { TOESTEMMING_RULE } from './toestemming.rule';
import { VOORSCHOOL_OVERDRACHT_RULE } from './voorschool-overdracht.rule';

const ZORGPLICHT_SOURCE = 'DOMAIN.md §1.1: https://onderwijsconsulenten.nl/advies/passend-onderwijs/zorgplicht/ ; https://www.swvrijnstreek.nl/voor_professionals_/aanmelding__toelaten_en_zorgplicht';
const OPP_SOURCE = 'DOMAIN.md §1.2: WPO art. 40a, WEC art. 40b/41a, WVO art. 26 — http://www.passendonderwijsenouders.nl/nl/wet--en-regelgeving/inspraak-ouders/leerlingniveau/ontwikkelingsperspectief/';
const TLV_SOURCE = 'DOMAIN.md §1.3: https://swv-db.nl/tlv-2/ ; https://www.swvamsterdamdiemen.nl/en/for-parents/has-been-submitted-for-a-declaration-of-admissibility-toelaatbaarheidsverklaring/the-procedure ; https://www.swvunita.nl/professionals/toelaatbaarheidsverklaringen-tlv/notitie-aanvragen-herindicatie-toelaatbaarheidsverklaring-tlv/';
const NO_STATUTE = 'Schakel default: no statutory term exists for this step (DOMAIN.md §2, regisseur: "no statutory role found"); set per SWV through a region override';

const TREEKNORM_SOURCE =
  'DOMAIN-PROVIDERS.md §2.1: Treeknorm (Zvw-GGZ) at most 4 weeks to intake and 14 weeks in total, a guideline only under the Jeugdwet — https://www.zorgkennis.net/kennisbank/informatiekaart-wachttijden-ggz/ ; https://www.nrc.nl/nieuws/2017/05/17/in-de-jeugdzorg-wijst-iedereen-naar-elkaar-9262835-a1559308';
const LONG_WAIT_SOURCE =
  'DOMAIN-PROVIDERS.md §2.1: the pre-2015 monitor counted youths waiting longer than 9 weeks, bruto (with overbruggingszorg) and netto (without) — https://zoek.officielebekendmakingen.nl/kst-31839-51.html ; thuiszitter outer bound 3 months (DOMAIN.md §1.7)';

/**
 * Wachtlijsten (issue 11 §3-4). No statutory maximum wait exists for jeugdhulp or an SO/VSO/OZA place
 * (DOMAIN-PROVIDERS.md §2.1-2.2, [unverified]), so the norms are the nearest public references, named per rule;
 * a region sets its own chain agreements through an override. Waiting counts in weeks from the day the case
 * started waiting (the complete aanmelding, DOMAIN-PROVIDERS.md §2.1 "Definitions in use").
 */
export const NATIONAL_WACHTLIJST_POLICY: WachtlijstPolicy = {
  ordering: {
    // Waiting is a main road to thuiszitten (DOMAIN-PROVIDERS.md §2.3), so thuiszitters go first; then urgency;
    // then the longest wait, which is also every tie-break.
    criteria: ['thuiszitter', 'urgentie', 'langstWachtend'],
    source: 'Schakel default (issue 11 §3): DOMAIN-PROVIDERS.md §2.3 (waiting and thuiszitten); DOMAIN.md §1.7 (Thuiszitterspact)',
  },
  rules: {
    wachttijd: {
      description: 'Een wachtende met overbruggingszorg heeft een plaats binnen de norm',
      term: { amount: 14, unit: 'weken' },
      atw: false,
      reminderBefore: { amount: 2, unit: 'weken' },
      escalation: [
        { after: { amount: 0, unit: 'weken' }, to: [{ role: 'loket', via: 'region' }] },
        { after: { amount: 4, unit: 'weken' }, to: [{ role: 'gemeente', via: 'region' }, { role: 'regisseur', via: 'regisseur' }] },
      ],
      source: TREEKNORM_SOURCE,
    },
    wachttijdZonderOverbrugging: {
      description: 'Een wachtende zonder overbruggingszorg heeft een plaats of overbrugging binnen de norm',
      // Sooner than with overbrugging: nothing helps the child meanwhile (DOMAIN-PROVIDERS.md §2.3).
      term: { amount: 9, unit: 'weken' },
      atw: false,
      reminderBefore: { amount: 1, unit: 'weken' },
      escalation: [
        { after: { amount: 0, unit: 'weken' }, to: [{ role: 'loket', via: 'region' }, { role: 'regisseur', via: 'regisseur' }] },
        { after: { amount: 2, unit: 'weken' }, to: [{ role: 'gemeente', via: 'region' }] },
        // 13 weeks in all: the Thuiszitterspact's three months (DOMAIN.md §1.7).
        { after: { amount: 4, unit: 'weken' }, to: [{ role: 'gemeente', via: 'region' }, { role: 'leerplicht', via: 'region' }] },
      ],
      source: LONG_WAIT_SOURCE,
    },
    wachtlijstVerlopen: {
      description: 'De beschikking of TLV van een wachtende is verlengd vóór de einddatum',
      // Anchored to the einddatum: the reminder asks for a herindicatie in time; at the end the entry is
      // verlopen and the loket and the parents are told, never a silent drop (DOMAIN-PROVIDERS.md §2.1, §6).
      term: { amount: 0, unit: 'kalenderdagen' },
      atw: false,
      reminderBefore: { amount: 4, unit: 'weken' },
      escalation: [{ after: { amount: 0, unit: 'kalenderdagen' }, to: [{ role: 'loket', via: 'region' }, { role: 'regisseur', via: 'regisseur' }] }],
      source:
        'DOMAIN-PROVIDERS.md §2.1 (an indicatie expired while the child waited and it was silently dropped — https://rtvlansingerland.nl/2025/07/14/jeugdhulp-in-lansingerland-kampt-met-lange-wachttijden-hoge-kosten-en-weinig-grip) and §6 (lapsed alerts parents and loket); TLV einddatum: DOMAIN.md §1.3',
    },
  },
};

/**
 * The built-in national policy: used unless SCHAKEL_POLICY_FILE names another. Terms come from the
 * sources named per rule; where the law sets none, a conservative Schakel default says so.
 */
export const NATIONAL_DEADLINE_POLICY: DeadlinePolicy = {
  version: '2026.1',
  name: 'Landelijk termijnenbeleid Schakel',
  source: '../shared/DOMAIN.md and ../shared/CALENDAR.md as read in 2026',
  defaultHolidayRegion: 'midden',
  rules: {
    toewijzing: {
      description: 'Het loket doet de toewijzing en wijst de regisseur aan',
      term: { amount: 5, unit: 'werkdagen' },
      atw: false,
      reminderBefore: { amount: 1, unit: 'werkdagen' },
      escalation: [
        { after: { amount: 0, unit: 'werkdagen' }, to: [{ role: 'loket', via: 'region' }] },
        { after: { amount: 5, unit: 'werkdagen' }, to: [{ role: 'gemeente', via: 'region' }, { role: 'school', via: 'school' }] },
      ],
      source: 'Issue 3 default of 5 werkdagen; cf. the iJw norm of answering a JW315 within 5 days (DOMAIN.md §1.5, https://www.normenkadergemeente.nl/index.php?title=R65223)',
    },
    arrangementApproval: {
      description: 'De regisseur keurt het arrangement goed of af, samen met de ouders',
      term: { amount: 10, unit: 'werkdagen' },
      atw: false,
      reminderBefore: { amount: 2, unit: 'werkdagen' },
      escalation: [
        { after: { amount: 0, unit: 'werkdagen' }, to: [{ role: 'regisseur', via: 'regisseur' }] },
        { after: { amount: 5, unit: 'werkdagen' }, to: [{ role: 'loket', via: 'region' }] },
        { after: { amount: 10, unit: 'werkdagen' }, to: [{ role: 'gemeente', via: 'region' }] },
      ],
      source: NO_STATUTE,
    },
    evaluation: {
      description: 'De regisseur evalueert het arrangement na de evaluatiedatum',
      term: { amount: 10, unit: 'werkdagen' },
      atw: false,
      escalation: [
        { after: { amount: 0, unit: 'werkdagen' }, to: [{ role: 'regisseur', via: 'regisseur' }] },
        { after: { amount: 10, unit: 'werkdagen' }, to: [{ role: 'loket', via: 'region' }] },
      ],
      source: NO_STATUTE,
    },
    zorgplicht: {
      description: 'Het schoolbestuur besluit over toelating na de aanmelding (zorgplicht)',
      // Calendar weeks, not school weeks: holidays count (DOMAIN.md §1.1, swvoostachterhoek.nl).
      term: { amount: 6, unit: 'weken' },
      atw: true,
      reminderBefore: { amount: 1, unit: 'weken' },
      escalation: [
        // The receiving board holds the zorgplicht (in a referral, the receiving school is the referral's school).
        { after: { amount: 0, unit: 'kalenderdagen' }, to: [{ role: 'school', via: 'receivingSchool' }, { role: 'loket', via: 'region' }] },
        { after: { amount: 2, unit: 'weken' }, to: [{ role: 'leerplicht', via: 'region' }] },
      ],
      // Extendable once by at most 4 weeks, told to the parents in writing; a second extension is refused.
      extension: { max: { amount: 4, unit: 'weken' }, times: 1 },
      source: ZORGPLICHT_SOURCE,
    },
    opp: {
      description: 'Het ontwikkelingsperspectief (OPP) is vastgesteld na plaatsing',
      term: { amount: 6, unit: 'weken' },
      atw: true,
      reminderBefore: { amount: 1, unit: 'weken' },
      escalation: [
        { after: { amount: 0, unit: 'kalenderdagen' }, to: [{ role: 'school', via: 'school' }] },
        { after: { amount: 2, unit: 'weken' }, to: [{ role: 'loket', via: 'region' }] },
      ],
      source: OPP_SOURCE,
    },
    oppEvaluation: {
      description: 'Het OPP wordt ten minste eenmaal per schooljaar met de ouders geëvalueerd',
      term: { amount: 52, unit: 'weken' },
      atw: false,
      reminderBefore: { amount: 4, unit: 'weken' },
      escalation: [
        { after: { amount: 0, unit: 'kalenderdagen' }, to: [{ role: 'school', via: 'school' }] },
        { after: { amount: 4, unit: 'weken' }, to: [{ role: 'loket', via: 'region' }] },
      ],
      source: OPP_SOURCE,
    },
    thuiszitter: {
      description: 'Een thuiszitter heeft binnen drie maanden een passend aanbod (Thuiszitterspact)',
      // The ladder of DOMAIN.md §1.7: 4 weeks → LRV, leerplicht and SWV; 8 weeks; 3 months (13 weeks) →
      // Thuiszitterspact horizon, doorzettingsmacht at the gemeente's table (DOMAIN.md §1.8).
      term: { amount: 4, unit: 'weken' },
      atw: false,
      escalation: [
        { after: { amount: 0, unit: 'weken' }, to: [{ role: 'leerplicht', via: 'region' }, { role: 'loket', via: 'region' }] },
        { after: { amount: 4, unit: 'weken' }, to: [{ role: 'regisseur', via: 'regisseur' }, { role: 'gemeente', via: 'region' }] },
        { after: { amount: 9, unit: 'weken' }, to: [{ role: 'gemeente', via: 'region' }, { role: 'leerplicht', via: 'region' }] },
      ],
      source: 'DOMAIN.md §1.7: https://www.poraad.nl/kind-onderwijs/passend-onderwijs/samenwerking-zorg-onderwijs/thuiszitterspact ; §1.8 doorzettingsmacht',
    },
    overstapBevestiging: {
      description: 'De overstap is bevestigd (toelating, overdracht, warme overdracht, arrangementen) vóór de startdatum',
      // Anchored: due this long before the start date, so a stalled overstap escalates while there is
      // still time to prevent a thuiszitter (DOMAIN.md §1.1: aanmelden ten minste 10 weken vooraf).
      term: { amount: 10, unit: 'werkdagen' },
      atw: false,
      reminderBefore: { amount: 5, unit: 'werkdagen' },
      escalation: [
        { after: { amount: 0, unit: 'werkdagen' }, to: [{ role: 'school', via: 'school' }, { role: 'school', via: 'receivingSchool' }, { role: 'loket', via: 'region' }] },
        { after: { amount: 5, unit: 'werkdagen' }, to: [{ role: 'regisseur', via: 'regisseur' }, { role: 'leerplicht', via: 'region' }] },
        { after: { amount: 10, unit: 'werkdagen' }, to: [{ role: 'gemeente', via: 'region' }] },
      ],
      source: `${NO_STATUTE}; DOMAIN.md §1.1 (aanmelding ten minste 10 weken voor de start) and §1.10-1.11 (overstap)`,
    },
    tlvBesluit: {
      description: 'Het samenwerkingsverband besluit over de aangevraagde toelaatbaarheidsverklaring (TLV)',
      // Not fixed nationally: 4, 6 or 8 weeks in practice; set per SWV through a region override (DOMAIN.md §1.3).
      term: { amount: 6, unit: 'weken' },
      atw: false,
      reminderBefore: { amount: 1, unit: 'weken' },
      escalation: [
        { after: { amount: 0, unit: 'kalenderdagen' }, to: [{ role: 'loket', via: 'region' }] },
        { after: { amount: 2, unit: 'weken' }, to: [{ role: 'regisseur', via: 'regisseur' }, { role: 'gemeente', via: 'region' }] },
      ],
      source: TLV_SOURCE,
    },
    tlvHerbeoordeling: {
      description: 'De TLV is herbeoordeeld of verlengd vóór de einddatum (geldigTot)',
      // Anchored to geldigTot; the reminder comes well before it, as DOMAIN.md §1.3 asks.
      term: { amount: 0, unit: 'kalenderdagen' },
      atw: false,
      reminderBefore: { amount: 13, unit: 'weken' },
      escalation: [
        { after: { amount: 0, unit: 'kalenderdagen' }, to: [{ role: 'school', via: 'school' }, { role: 'loket', via: 'region' }] },
        { after: { amount: 4, unit: 'weken' }, to: [{ role: 'regisseur', via: 'regisseur' }] },
      ],
      source: TLV_SOURCE,
    },
    mboAanmelding: {
      description: 'De aanmelding bij het mbo is gedaan vóór 1 april (toelatingsrecht)',
      // Anchored to 1 April before the school year of entry (WEB, toelatingsrecht — DOMAIN.md §1.11).
      term: { amount: 0, unit: 'kalenderdagen' },
      atw: false,
      reminderBefore: { amount: 4, unit: 'weken' },
      escalation: [
        { after: { amount: 0, unit: 'kalenderdagen' }, to: [{ role: 'school', via: 'school' }, { role: 'loket', via: 'region' }] },
        { after: { amount: 2, unit: 'weken' }, to: [{ role: 'leerplicht', via: 'region' }] },
      ],
      source: 'DOMAIN.md §1.11: https://www.mboraad.nl/faq ; https://www.swvadam.nl/met-scholen/loopbaanorientatie-begeleiding-lob/leren/toelatingsrecht',
    },
    voorschoolOverdracht: VOORSCHOOL_OVERDRACHT_RULE,
    toestemming: TOESTEMMING_RULE,
  },
  regions: {},
  retention: NATIONAL_RETENTION_POLICY,
  wachtlijst: NATIONAL_WACHTLIJST_POLICY,
};
