import type { Actor } from '../actor/actor';
import { domainErrorOf } from '../errors/domain-error.fixture';
import { ADMIN, GEMEENTE, LOKET, OTHER_LOKET, PROVIDER, REGISSEUR, SCHOOL } from '../referral/referral.fixture';
import { parseOrThrow } from '../validation/validation.parser';
import { assertMayManageAanbod, mayManageAanbod } from './aanbod.access';
import { aanbodBody, wijkteamBody } from './aanbod.fixture';
import { aanbodPatchSchema, aanbodRequestSchema, freePlacesOf, retireAanbodRequestSchema } from './aanbod.schema';
import { functionMailboxProblem } from './function-mailbox.rule';

/** The fields a body is refused on, as the API names them (dotted paths). */
const issuesOf = (body: unknown): string[] => {
  const result = aanbodRequestSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('an aanbod of the provider catalogue (issue 11 §1)', () => {
  it('accepts an SO school and a wijkteam as the fixtures write them', () => {
    expect(issuesOf(aanbodBody())).toEqual([]);
    expect(issuesOf(wijkteamBody())).toEqual([]);
    // Wijken and description may be left out: the whole region, no description.
    const { wijken: _wijken, description: _description, ...minimal } = aanbodBody();
    expect(issuesOf(minimal)).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['an unknown kind', aanbodBody({ kind: 'kinderboerderij' as never }), 'kind'],
    ['a route the kind does not serve (an SO school on the jeugdhulp route)', aanbodBody({ route: 'jeugdhulp' }), 'route'],
    ['a wijkteam without a wijk (one team per wijk, DOMAIN-PROVIDERS.md §1.2)', wijkteamBody({ wijken: [] }), 'wijken'],
    ['an SO school without the TLV intake (DOMAIN.md §1.3)', aanbodBody({ intakeRoutes: ['school_mdo'] }), 'intakeRoutes'],
    ['a funder that is neither SWV nor gemeente', aanbodBody({ funders: ['zvw' as never] }), 'funders.0'],
    ['no funder', aanbodBody({ funders: [] }), 'funders'],
    ['a funder twice', aanbodBody({ funders: ['swv', 'swv'] }), 'funders.1'],
    ['a wijk twice', wijkteamBody({ wijken: ['Delfshaven', 'Delfshaven'] }), 'wijken.1'],
    ['an unknown sector', aanbodBody({ sectors: ['HBO' as never] }), 'sectors.0'],
    ['ages that run backwards', aanbodBody({ ages: { from: 12, to: 4 } }), 'ages.to'],
    ['a negative capacity', aanbodBody({ capacity: -1 }), 'capacity'],
    ['half a place', aanbodBody({ capacity: 2.5 }), 'capacity'],
    ['places taken set by the client', { ...aanbodBody(), placesTaken: 3 }, ''],
    ['a region that is no code', aanbodBody({ region: 'Rotterdam Zuid!' }), 'region'],
  ])('refuses %s, naming the field', (_what, body, field) => {
    expect(issuesOf(body)).toContain(field);
  });

  describe('holds no personal data', () => {
    const contact = aanbodBody().contact;

    it.each<[string, unknown, string]>([
      ["a contact person's name", { ...contact, name: 'Jan Jansen' }, 'contact'],
      ['a mailbox of a person', { ...contact, mailbox: 'jan.jansen@vuurtoren.example' }, 'contact.mailbox'],
      ['a mailbox with an initial', { ...contact, mailbox: 'j.jansen@vuurtoren.example' }, 'contact.mailbox'],
      ['a function mailbox with an initial in it', { ...contact, mailbox: 'intake.p.devries@vuurtoren.example' }, 'contact.mailbox'],
      ['a mobile number', { ...contact, phone: '06-12345678' }, 'contact.phone'],
      ['a mobile number in international form', { ...contact, phone: '+31 6 1234 5678' }, 'contact.phone'],
      ['a role that is a name', { ...contact, role: 'Petra' }, 'contact.role'],
    ])('refuses %s', (_what, value, field) => {
      expect(issuesOf(aanbodBody({ contact: value as never }))).toEqual([field]);
    });

    it('says why, in words a loket understands', () => {
      const refused = domainErrorOf(() => parseOrThrow(aanbodRequestSchema, aanbodBody({ contact: { ...contact, name: 'Jan Jansen' } as never })));
      expect(refused.code).toBe('VALIDATION_FAILED');
      expect(refused.issues).toEqual([{ field: 'contact', message: 'may hold only role, mailbox and phone, not name: a contact is a function, never a person' }]);
      expect(functionMailboxProblem('jan.jansen@x.example')).toMatch(/function mailbox .* never a person's address/);
    });

    it.each(['intake@wij.example', 'aanmelding.so-vuurtoren@school.example', 'loket-passend-onderwijs@swv.example', 'info@x.example', 'zorgloket@gemeente.example', 'wij-oosterpark@wij.example'])(
      'accepts the function mailbox %s',
      (mailbox) => {
        expect(issuesOf(aanbodBody({ contact: { role: 'intake', mailbox } }))).toEqual([]);
      },
    );

    it('refuses an e-mail address, a phone number or a BSN in a name or description', () => {
      expect(issuesOf(aanbodBody({ name: 'SO De Vuurtoren, bel 010-1234567' }))).toEqual(['name']);
      expect(issuesOf(aanbodBody({ description: 'Mail p.devries@vuurtoren.example' }))).toEqual(['description']);
      expect(issuesOf(aanbodBody({ aanbieder: { code: 'so-vuurtoren', name: 'Praktijk 123456782' } }))).toEqual(['aanbieder.name']);
      expect(issuesOf(aanbodBody({ name: 'SO De Vuurtoren (cluster 3), 12 plaatsen' }))).toEqual([]);
    });
  });

  it('takes a patch of some fields, never places taken, never nothing', () => {
    expect(aanbodPatchSchema.safeParse({ capacity: 20 }).success).toBe(true);
    expect(aanbodPatchSchema.safeParse({ description: null }).success).toBe(true);
    // A patch leaves out what it does not change: no default may fill it in.
    expect(aanbodPatchSchema.parse({ capacity: 20 })).toEqual({ capacity: 20 });
    expect(aanbodPatchSchema.safeParse({}).error?.issues.map((i) => i.message)).toEqual(['name at least one field to change']);
    expect(aanbodPatchSchema.safeParse({ placesTaken: 0 }).success).toBe(false);
    expect(retireAanbodRequestSchema.safeParse({ reason: ' ' }).success).toBe(false);
  });

  it('counts free places, never below zero', () => {
    expect(freePlacesOf({ capacity: 12, placesTaken: 5 })).toBe(7);
    expect(freePlacesOf({ capacity: 12, placesTaken: 12 })).toBe(0);
    // Capacity lowered below the places taken: the children in them keep their place, nobody new gets one.
    expect(freePlacesOf({ capacity: 8, placesTaken: 12 })).toBe(0);
  });

  it('lets admin and the loket of the region manage its aanbod, and nobody else', () => {
    const manages = (actor: Actor): boolean => mayManageAanbod(actor, 'swv-2801');
    expect([ADMIN, LOKET].map(manages)).toEqual([true, true]);
    expect([OTHER_LOKET, SCHOOL, REGISSEUR, PROVIDER, GEMEENTE].map(manages)).toEqual([false, false, false, false, false]);
    expect(mayManageAanbod(OTHER_LOKET, 'swv-3000')).toBe(true);
    expect(mayManageAanbod({ ...LOKET, region: undefined }, 'swv-2801')).toBe(false);
    const refused = domainErrorOf(() => assertMayManageAanbod(OTHER_LOKET, 'swv-2801'));
    expect({ code: refused.code, field: refused.issues[0]?.field }).toEqual({ code: 'FORBIDDEN', field: 'region' });
  });
});
