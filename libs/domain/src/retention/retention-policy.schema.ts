import { z } from 'zod';

/**
 * How long a closed case is kept before it is anonymised or removed (issue 5 §5). The AVG sets no term
 * ("not longer than necessary"); the sector's terms differ per kind of record (DOMAIN.md §3, bewaartermijnen):
 * a leerlingdossier 2 years after the pupil leaves, a jeugdhulp dossier 20 years after care ended. A
 * referral's clock follows its route; one closed before any toewijzing counts as onderwijs.
 */
export const RETENTION_UNITS = ['seconden', 'dagen', 'jaren'] as const;
export const retentionTermSchema = z.object({ amount: z.number().int('must be a whole number').min(0, 'must not be negative'), unit: z.enum(RETENTION_UNITS) }).strict();
export type RetentionTerm = z.infer<typeof retentionTermSchema>;

export const RETENTION_ACTIONS = ['anonimiseren', 'verwijderen'] as const;

export const retentionPolicySchema = z
  .object({
    /** anonimiseren keeps the case's codes and dates for figures; verwijderen removes it from the read model. */
    action: z.enum(RETENTION_ACTIONS),
    closedCases: z.object({ onderwijs: retentionTermSchema, jeugdhulp: retentionTermSchema, gecombineerd: retentionTermSchema }).strict(),
    source: z.string().min(1),
  })
  .strict();
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

export const NATIONAL_RETENTION_POLICY: RetentionPolicy = {
  action: 'anonimiseren',
  closedCases: { onderwijs: { amount: 2, unit: 'jaren' }, jeugdhulp: { amount: 20, unit: 'jaren' }, gecombineerd: { amount: 20, unit: 'jaren' } },
  source:
    'DOMAIN.md §3 bewaartermijnen: leerlingdossier 2 years (https://www.poraad.nl/veelgestelde-vragen/wat-zijn-de-bewaartermijnen-mbt-leerlingdossiers-en-dan-meer-specifiek-de); jeugdhulp 20 years (https://www.vhic.nl/faq/bewaartermijnen-jeugdzorg/)',
};

/** The moment before which a case closed under `term` has passed its retention (calendar arithmetic, no Atw). */
export function retentionCutoff(term: RetentionTerm, now: number): number {
  switch (term.unit) {
    case 'seconden':
      return now - term.amount * 1000;
    case 'dagen':
      return now - term.amount * 86_400_000;
    case 'jaren': {
      const date = new Date(now);
      date.setUTCFullYear(date.getUTCFullYear() - term.amount);
      return date.getTime();
    }
  }
}
