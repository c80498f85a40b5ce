/**
 * The words of a wait that both the toewijzing (referral-request.schema.ts) and the list (wachtlijst-request.schema.ts)
 * use. Their own file, because the list's schema already imports the referral's (CHILD_REFERENCE): one module
 * importing the other back would read these before they exist.
 */

/** How urgent a waiting case is, as the loket judges it at the toewijzing; `spoed` goes first (issue 11 §3). */
export const URGENCIES = ['spoed', 'hoog', 'normaal'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Forms of overbruggingszorg seen in the field (DOMAIN-PROVIDERS.md §2.3; rebound/OPDC §1.4). */
export const OVERBRUGGING_FORMS = ['ambulanteHulp', 'zorgbemiddeling', 'tijdelijkePlaatsing', 'spoedvoorziening', 'reboundOpdc', 'anders'] as const;
export type OverbruggingForm = (typeof OVERBRUGGING_FORMS)[number];
