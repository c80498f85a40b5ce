import type { Actor } from '@schakel/domain';

/**
 * A test user the development sign-in page offers: who it is, in Dutch, and the Actor its token carries. A parent's
 * or young person's actor has no children of its own: the sign-in names the child (`children` of the token request).
 */
export interface DevUser {
  id: string;
  label: string;
  actor: Omit<Actor, 'children'>;
}

/**
 * The people of the README's walkthrough (one region, swv-2801): a school's intern begeleider, the loket, two
 * regisseurs (the second shows the 403 of a colleague), a zorgaanbieder, leerplicht and the gemeente; and a parent
 * and a young person (issue 11 §6), for the child reference typed in at sign-in.
 */
export const DEV_USERS: readonly DevUser[] = [
  { id: 'school', label: 'Intern begeleider, basisschool 12AB', actor: { sub: 'ib-1', role: 'school', org: '12AB', region: 'swv-2801' } },
  { id: 'loket', label: 'Loket samenwerkingsverband', actor: { sub: 'loket-1', role: 'loket', org: 'swv-2801', region: 'swv-2801' } },
  { id: 'regisseur', label: 'Regisseur 1', actor: { sub: 'regisseur-1', role: 'regisseur', org: 'swv-2801', region: 'swv-2801' } },
  { id: 'regisseur-2', label: 'Regisseur 2', actor: { sub: 'regisseur-2', role: 'regisseur', org: 'swv-2801', region: 'swv-2801' } },
  { id: 'provider', label: 'Zorgaanbieder zorg-42', actor: { sub: 'zorg-42-1', role: 'provider', org: 'zorg-42', region: 'swv-2801' } },
  { id: 'leerplicht', label: 'Leerplichtambtenaar', actor: { sub: 'leerplicht-1', role: 'leerplicht', org: 'gemeente-0363', region: 'swv-2801' } },
  { id: 'gemeente', label: 'Gemeente, beleidsmedewerker', actor: { sub: 'gemeente-1', role: 'gemeente', org: 'gemeente-0363', region: 'swv-2801' } },
  { id: 'ouder', label: 'Ouder (met gezag)', actor: { sub: 'digid-ouder-1', role: 'ouder' } },
  { id: 'jongere', label: 'Jongere (16 jaar of ouder)', actor: { sub: 'digid-jongere-1', role: 'jongere' } },
];
