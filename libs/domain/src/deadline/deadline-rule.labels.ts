import type { DeadlineRuleId, EscalationRecipient } from './deadline-policy.schema';

/** Who must act on each term: the first to hear of it (the reminder) and the bottom of its ladder. */
export const DEADLINE_ASSIGNEE: Record<DeadlineRuleId, EscalationRecipient> = {
  toewijzing: { role: 'loket', via: 'region' },
  arrangementApproval: { role: 'regisseur', via: 'regisseur' },
  evaluation: { role: 'regisseur', via: 'regisseur' },
  zorgplicht: { role: 'school', via: 'receivingSchool' },
  opp: { role: 'school', via: 'school' },
  oppEvaluation: { role: 'school', via: 'school' },
  thuiszitter: { role: 'leerplicht', via: 'region' },
  // The overstap is the sending school's to complete; the SWV's loket decides on a TLV (DOMAIN.md §1.3).
  overstapBevestiging: { role: 'school', via: 'school' },
  tlvBesluit: { role: 'loket', via: 'region' },
  tlvHerbeoordeling: { role: 'school', via: 'school' },
  mboAanmelding: { role: 'school', via: 'school' },
  // The voorschool fills in and sends its own overdracht (DOMAIN-PROVIDERS.md §3.3).
  voorschoolOverdracht: { role: 'provider', via: 'provider' },
  // The loket asks the family (again, or for the paper form) and records what they answer (ADR 0019).
  toestemming: { role: 'loket', via: 'region' },
};

/** How the notifications name each term to the people who read them (the UI speaks Dutch). */
export const DEADLINE_LABEL: Record<DeadlineRuleId, string> = {
  toewijzing: 'de toewijzing door het loket',
  arrangementApproval: 'de goedkeuring van het arrangement',
  evaluation: 'de evaluatie van het arrangement',
  zorgplicht: 'het toelatingsbesluit (zorgplicht)',
  opp: 'het vaststellen van het OPP',
  oppEvaluation: 'de evaluatie van het OPP',
  thuiszitter: 'een passend aanbod voor de thuiszitter',
  overstapBevestiging: 'de bevestiging van de overstap',
  tlvBesluit: 'het besluit over de toelaatbaarheidsverklaring (TLV)',
  tlvHerbeoordeling: 'de herbeoordeling van de toelaatbaarheidsverklaring (TLV)',
  mboAanmelding: 'de aanmelding bij het mbo (uiterlijk 1 april)',
  voorschoolOverdracht: 'de overdracht van de voorschool naar de basisschool',
  toestemming: 'de toestemming van de ouders of de jongere',
};

/** The Dutch text of a reminder or an escalation, shared by every process that runs terms. */
export function deadlineMessage(kind: 'reminder' | 'escalation', rule: DeadlineRuleId, level: number, dueDay: string): string {
  const label = DEADLINE_LABEL[rule];
  return kind === 'reminder' ? `Herinnering: ${label} is uiterlijk ${dueDay} nodig.` : `Escalatie niveau ${level}: ${label} is over de termijn (uiterlijk ${dueDay}).`;
}
