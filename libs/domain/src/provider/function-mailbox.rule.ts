/**
 * The catalogue holds no personal data (issue 11 §1): a contact is a function, reached through a function
 * mailbox (intake@, aanmelding@, loket@), never a person's own address. Whether an address belongs to a
 * person cannot be known for certain, so the rule is a positive one that a reviewer can read: the mailbox's
 * name must start with a word that says what it is for, and no part of it may be a single letter (an
 * initial, as in j.jansen@ or intake.p.devries@). What this cannot catch (intake.pdevries@) the loket must
 * not enter; the API's description says so.
 */

/** Words a function mailbox may start with, exactly (short ones, which as prefixes would also start first names). */
const FUNCTION_WORDS = ['wij', 'smw', 'oza', 'ozo', 'mdo', 'cvb', 'tlv', 'opdc', 'swv', 'cjg', 'ppo', 'team', 'zorg', 'jeugd', 'bureau', 'rebound', 'schoolwerk'] as const;

/** Longer stems a function mailbox's first word may start with (aanmelden, aanmelding, aanmeldingen; zorgloket). */
const FUNCTION_STEMS = [
  'aanmeld',
  'intake',
  'loket',
  'info',
  'contact',
  'secretariaat',
  'plaatsing',
  'wachtlijst',
  'toegang',
  'toewijzing',
  'frontoffice',
  'servicedesk',
  'administratie',
  'receptie',
  'ondersteuning',
  'planning',
  'zorgloket',
  'zorgteam',
  'zorgco',
  'jeugdhulp',
  'passendonderwijs',
  'onderwijszorg',
  'voorschool',
  'kinderopvang',
  'schoolmaatschappelijk',
  'wijkteam',
  'vraagwijzer',
] as const;

/** Mailbox names given as examples in every refusal. */
export const FUNCTION_MAILBOX_EXAMPLES = 'intake@, aanmelding@, loket@, info@';

/** Why `address` is not a function mailbox, or undefined when it is one. Expects a syntactically valid e-mail address. */
export function functionMailboxProblem(address: string): string | undefined {
  const local = address.slice(0, address.lastIndexOf('@')).toLowerCase();
  const words = local.split(/[._+-]+/).filter((word) => word.length > 0);
  const first = words[0] ?? '';
  if (words.some((word) => word.length === 1)) {
    return `looks like a person's address (a single letter, as an initial, in "${local}"); give a function mailbox such as ${FUNCTION_MAILBOX_EXAMPLES}`;
  }
  const isFunction = (FUNCTION_WORDS as readonly string[]).includes(first) || FUNCTION_STEMS.some((stem) => first.startsWith(stem));
  if (!isFunction) {
    return `must be a function mailbox whose name starts with what it is for (e.g. ${FUNCTION_MAILBOX_EXAMPLES}), never a person's address`;
  }
  return undefined;
}

/**
 * Why a phone number is not a function's, or undefined. A Dutch mobile number (06, +31 6) is nearly always one
 * person's; the catalogue takes the team's or front office's landline or service number instead.
 */
export function functionPhoneProblem(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '');
  if (/^(06|316|00316)/.test(digits)) return "is a mobile number (06), which belongs to a person; give the team's or front office's number";
  return undefined;
}
