import type { ParticipantRole } from '../actor/actor';
import type { ConsentDecision } from '../consent/consent-age.rule';
import { dutchDateText } from '../ouder/plain-dutch.labels';
import { dutchDateOf } from '../time/amsterdam-time';
import type { ReferralState } from './referral-state';
import { missingParties } from './toestemming-gate';

/** What each decision asks, in the words parents read (issue 11 §6): no codes, no law numbers. */
export const TOESTEMMING_QUESTIONS: Record<ConsentDecision, string> = {
  gegevensdeling: 'Mogen wij de gegevens over uw kind delen met de jeugdhulpaanbieder die de hulp gaat geven?',
  jeugdhulp: 'Gaat u akkoord met de jeugdhulp die voor uw kind is gekozen?',
  oppHandelingsdeel: 'Stemt u in met het handelingsdeel van het ontwikkelingsperspectief (OPP): welke ondersteuning uw kind krijgt, van wie en met welke middelen?',
  tlvAanvraag: 'Ondertekent u de aanvraag van een toelaatbaarheidsverklaring (TLV) voor speciaal (basis)onderwijs?',
  mboOndersteuning: 'Gaat u akkoord met de afspraken over extra ondersteuning op het mbo?',
  voorschoolOverdracht: 'Mag de voorschool de overdracht naar de basisschool sturen?',
};

/** One consent the family is asked for now, and by when. */
export interface AskedToestemming {
  referralId: string;
  gateId: string;
  question: string;
  /** Who must still answer, in plain Dutch; `yourTurn`: the reader is one of them. */
  waitingFor: string;
  yourTurn: boolean;
  dueOn: string | null;
  dueText: string | null;
  overdue: boolean;
  howTo: string;
}

/**
 * The open consent gates of a child's cases, for the ouder-overzicht: what is asked, of whom, by when, and how to
 * answer (in Schakel, or on the paper form the loket sends). Built from the workflows' live states.
 */
export function askedToestemmingen(states: Iterable<ReferralState>, reader: { role: ParticipantRole; sub: string }, now: number): AskedToestemming[] {
  const asked: AskedToestemming[] = [];
  for (const state of states) {
    for (const gate of state.toestemmingen ?? []) {
      if (gate.status !== 'open') continue;
      const missing = missingParties(gate);
      const deadline = state.deadlines.find((d) => d.id === gate.deadlineId);
      const dueOn = deadline === undefined ? null : dutchDateOf(Date.parse(deadline.dueAt) - 1);
      const mine = reader.role === 'ouder' ? 'ouders' : 'jongere';
      asked.push({
        referralId: state.referralId,
        gateId: gate.id,
        question: TOESTEMMING_QUESTIONS[gate.decision],
        waitingFor: `Wij wachten op het antwoord van ${missing.map((p) => (p === 'ouders' ? (gate.requirement.parents === 'one' ? 'één ouder met gezag' : 'de ouders met gezag') : 'uw kind zelf')).join(' en ')}.`,
        yourTurn: missing.includes(mine) && !gate.answers.some((a) => a.by.sub === reader.sub),
        dueOn,
        dueText: dueOn === null ? null : `graag uiterlijk ${dutchDateText(dueOn)}`,
        overdue: deadline !== undefined && Date.parse(deadline.dueAt) < now,
        howTo: 'U kunt hier toestemming geven of weigeren, of het papieren formulier van het loket ondertekenen. Zonder uw toestemming gaat deze stap niet door.',
      });
    }
  }
  return asked;
}
