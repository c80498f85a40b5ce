import type { DeadlineRule } from './deadline-policy.schema';

/**
 * The overdracht from voorschoolse educatie / peuteropvang to the basisschool (issue 11 §5). No statute sets
 * its moment: in practice the form is filled in around 3 years 6 months for complex cases, or 3 years 9-10
 * months for every child, and it varies per region (DOMAIN-PROVIDERS.md §3.3 and its table of timers). The
 * national default is the later of those, 3 years 10 months; a region sets its own age through an override
 * of `atAge` (e.g. 3 years 6 months), like any other field of a rule.
 *
 * Late, it escalates: first to the voorschool (a provider in Schakel, ADR 0006 addendum) and the loket, then
 * to the receiving school and the regisseur, then the gemeente, which must offer VE under the Wet OKE
 * (DOMAIN-PROVIDERS.md §3.1). Werkdagen skip weekends and feestdagen (CALENDAR.md).
 */
export const VOORSCHOOL_OVERDRACHT_RULE: DeadlineRule = {
  description: 'De voorschool heeft de overdracht naar de basisschool ingevuld en, met toestemming van de ouders, verstuurd',
  term: { amount: 0, unit: 'kalenderdagen' },
  atw: false,
  reminderBefore: { amount: 4, unit: 'weken' },
  escalation: [
    { after: { amount: 0, unit: 'werkdagen' }, to: [{ role: 'provider', via: 'provider' }, { role: 'loket', via: 'region' }] },
    { after: { amount: 5, unit: 'werkdagen' }, to: [{ role: 'school', via: 'receivingSchool' }, { role: 'regisseur', via: 'regisseur' }] },
    { after: { amount: 10, unit: 'werkdagen' }, to: [{ role: 'gemeente', via: 'region' }] },
  ],
  atAge: { years: 3, months: 10 },
  source:
    'DOMAIN-PROVIDERS.md §3.3: https://www.nieuwegein.nl/opvoeding-en-onderwijs/voor-en-vroegschoolse-educatie-vve/overstap-basisschool ; https://swvrijnstreek.nl/voor_professionals_/voorschool_-_basisschool ; https://www.denhaag.nl/home/bewoners/to/Overdrachtsformulier-peuterkleuter.htm (timing varies per region: a region setting)',
};
