import { DomainError } from '../errors/domain-error';
import { parseOrThrow } from '../validation/validation.parser';
import {
  aanmeldingRequestSchema,
  admissionDecisionRequestSchema,
  arrangementContinuationRequestSchema,
  cancelTransitionRequestSchema,
  overdrachtRequestSchema,
  regisseurHandoverRequestSchema,
  scheduleTransitionRequestSchema,
  tlvApplicationRequestSchema,
  tlvDecisionRequestSchema,
  TRANSITION_ID,
  warmeOverdrachtRequestSchema,
} from './child-plan-request.schema';
import { aanmeldingBody, overdrachtBody, scheduleTransitionBody, warmeOverdrachtBody } from './child-plan.fixture';

const REFERRAL_A = '6f1c1d1e-0000-4000-8000-00000000000a';
const REFERRAL_B = '6f1c1d1e-0000-4000-8000-00000000000b';

/** The DomainError parseOrThrow raises; fails the test when the body is accepted. */
function refusal(schema: Parameters<typeof parseOrThrow>[0], body: unknown): DomainError {
  try {
    parseOrThrow(schema, body);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the body to be refused');
}

function fieldsOf(schema: Parameters<typeof parseOrThrow>[0], body: unknown): string[] {
  return refusal(schema, body)
    .issues.map((i) => i.field)
    .sort();
}

const accepts = (schema: Parameters<typeof parseOrThrow>[0], body: unknown) => expect(() => parseOrThrow(schema, body)).not.toThrow();

describe('scheduleTransitionRequestSchema', () => {
  it('accepts a PO→VO overstap with a date or an exact instant as start', () => {
    accepts(scheduleTransitionRequestSchema, scheduleTransitionBody('2027-08-30'));
    accepts(scheduleTransitionRequestSchema, scheduleTransitionBody('2027-08-30T08:30:00+02:00', { reason: 'Schooladvies havo.' }));
  });

  it('refuses a route that does not exist on to.sector, with VALIDATION_FAILED and the field in the message', () => {
    const error = refusal(scheduleTransitionRequestSchema, scheduleTransitionBody('2027-08-30', { to: { sector: 'MBO', brin: '78GH' } }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues).toEqual([{ field: 'to.sector', message: 'an overstap from PO to MBO is not a known route' }]);
    expect(error.message).toContain('to.sector: an overstap from PO to MBO');
  });

  it('refuses MBO→PO on to.sector', () => {
    const body = scheduleTransitionBody('2027-08-30', { from: { brin: '78GH', sector: 'MBO' }, to: { sector: 'PO', brin: '12AB' } });
    expect(fieldsOf(scheduleTransitionRequestSchema, body)).toEqual(['to.sector']);
  });

  it('requires the brin of a school destination', () => {
    expect(fieldsOf(scheduleTransitionRequestSchema, scheduleTransitionBody('2027-08-30', { to: { sector: 'VO' } }))).toEqual(['to.brin']);
  });

  it('refuses a brin for arbeid or dagbesteding, and accepts uitstroom without one', () => {
    const from = { brin: '56EF', sector: 'VSO' as const };
    expect(fieldsOf(scheduleTransitionRequestSchema, scheduleTransitionBody('2027-08-30', { from, to: { sector: 'arbeid', brin: '34CD' } }))).toEqual(['to.brin']);
    expect(refusal(scheduleTransitionRequestSchema, scheduleTransitionBody('2027-08-30', { from, to: { sector: 'dagbesteding', brin: '34CD' } })).issues[0]?.message).toBe(
      'must be omitted for arbeid or dagbesteding',
    );
    accepts(scheduleTransitionRequestSchema, scheduleTransitionBody('2027-08-30', { from, to: { sector: 'arbeid' } }));
  });

  it('refuses the current school as receiving school', () => {
    const body = scheduleTransitionBody('2027-01-10', { to: { sector: 'PO', brin: '12AB' } });
    expect(refusal(scheduleTransitionRequestSchema, body).issues).toEqual([{ field: 'to.brin', message: 'must differ from the current school' }]);
  });

  it('names an unknown sector, a bad brin, a bad start date and an empty reason', () => {
    expect(fieldsOf(scheduleTransitionRequestSchema, scheduleTransitionBody('2027-08-30', { to: { sector: 'HBO' as never, brin: '34CD' } }))).toEqual(['to.sector']);
    expect(fieldsOf(scheduleTransitionRequestSchema, scheduleTransitionBody('2027-08-30', { from: { brin: '12ab', sector: 'PO' } }))).toEqual(['from.brin']);
    expect(fieldsOf(scheduleTransitionRequestSchema, scheduleTransitionBody('30-08-2027'))).toEqual(['startDate']);
    expect(fieldsOf(scheduleTransitionRequestSchema, scheduleTransitionBody('2027-08-30', { reason: '   ' }))).toEqual(['reason']);
  });

  it('refuses fields it does not know', () => {
    expect(refusal(scheduleTransitionRequestSchema, { ...scheduleTransitionBody('2027-08-30'), regisseurId: 'regisseur-1' }).code).toBe('VALIDATION_FAILED');
  });
});

describe('aanmeldingRequestSchema and tlvApplicationRequestSchema', () => {
  it('needs the date of receipt as a calendar date and whether support is expected', () => {
    accepts(aanmeldingRequestSchema, aanmeldingBody('2027-03-29'));
    expect(fieldsOf(aanmeldingRequestSchema, aanmeldingBody('2027-03-29T10:00:00+02:00'))).toEqual(['receivedOn']);
    expect(fieldsOf(aanmeldingRequestSchema, { receivedOn: '2027-03-29' })).toEqual(['supportNeedExpected']);
  });

  it('needs the date the TLV was applied for', () => {
    accepts(tlvApplicationRequestSchema, { appliedOn: '2027-03-01' });
    expect(fieldsOf(tlvApplicationRequestSchema, { appliedOn: 'gisteren' })).toEqual(['appliedOn']);
  });
});

describe('overdrachtRequestSchema', () => {
  it('accepts the onderwijskundig rapport with an OPP and the parents zienswijze', () => {
    accepts(overdrachtRequestSchema, overdrachtBody('2027-04-20'));
  });

  it('refuses an overdracht without the onderwijskundig_rapport (DOMAIN.md §1.10)', () => {
    const body = overdrachtBody('2027-04-20', { documents: [{ kind: 'opp', reference: 'OSO:2027/opp-1', sentOn: '2027-04-20', channel: 'oso' }] });
    const error = refusal(overdrachtRequestSchema, body);
    expect(error.issues.map((i) => i.field)).toEqual(['documents']);
    expect(error.issues[0]?.message).toContain('onderwijskundig_rapport');
  });

  it('refuses an empty document list and names a bad reference', () => {
    expect(fieldsOf(overdrachtRequestSchema, overdrachtBody('2027-04-20', { documents: [] }))).toEqual(['documents', 'documents']);
    const badReference = overdrachtBody('2027-04-20', { documents: [{ kind: 'onderwijskundig_rapport', reference: 'a b', sentOn: '2027-04-20', channel: 'oso' }] });
    expect(fieldsOf(overdrachtRequestSchema, badReference)).toEqual(['documents.0.reference']);
  });

  it('refuses a zienswijze summary when no zienswijze was given', () => {
    expect(fieldsOf(overdrachtRequestSchema, overdrachtBody('2027-04-20', { parentsZienswijze: { given: false, summary: 'Tekst' } }))).toEqual(['parentsZienswijze.summary']);
    accepts(overdrachtRequestSchema, overdrachtBody('2027-04-20', { parentsZienswijze: { given: false } }));
  });
});

describe('tlvDecisionRequestSchema', () => {
  const granted = { decision: 'afgegeven', decidedOn: '2027-04-15', validFrom: '2027-08-01', validUntil: '2029-07-31', category: 'midden' };

  it('accepts a granted TLV with its validity and a refusal with a reason', () => {
    accepts(tlvDecisionRequestSchema, granted);
    accepts(tlvDecisionRequestSchema, { decision: 'geweigerd', decidedOn: '2027-04-15', reason: 'Basisondersteuning is niet uitgeput.' });
  });

  it('refuses a validUntil before or on validFrom', () => {
    expect(refusal(tlvDecisionRequestSchema, { ...granted, validUntil: '2027-07-31' }).issues).toEqual([{ field: 'validUntil', message: 'must be after validFrom' }]);
    expect(fieldsOf(tlvDecisionRequestSchema, { ...granted, validUntil: '2027-08-01' })).toEqual(['validUntil']);
  });

  it('names a missing reason, an unknown category and an unknown decision', () => {
    expect(fieldsOf(tlvDecisionRequestSchema, { decision: 'geweigerd', decidedOn: '2027-04-15' })).toEqual(['reason']);
    expect(fieldsOf(tlvDecisionRequestSchema, { ...granted, category: 'extra' })).toEqual(['category']);
    expect(refusal(tlvDecisionRequestSchema, { ...granted, decision: 'misschien' }).message).toContain('decision must be afgegeven or geweigerd');
  });
});

describe('admissionDecisionRequestSchema', () => {
  it('needs a reason for a refusal and a valid brin for the school that admits instead', () => {
    accepts(admissionDecisionRequestSchema, { outcome: 'toegelaten', decidedOn: '2027-04-20' });
    accepts(admissionDecisionRequestSchema, { outcome: 'afgewezen', decidedOn: '2027-04-20', reason: 'Vol.', alternativeBrin: '99ZZ' });
    expect(fieldsOf(admissionDecisionRequestSchema, { outcome: 'afgewezen', decidedOn: '2027-04-20' })).toEqual(['reason']);
    expect(fieldsOf(admissionDecisionRequestSchema, { outcome: 'afgewezen', decidedOn: '2027-04-20', reason: 'Vol.', alternativeBrin: 'elders' })).toEqual(['alternativeBrin']);
  });

  it('refuses an alternative school on an admission', () => {
    expect(refusal(admissionDecisionRequestSchema, { outcome: 'toegelaten', decidedOn: '2027-04-20', alternativeBrin: '99ZZ' }).code).toBe('VALIDATION_FAILED');
  });
});

describe('warmeOverdrachtRequestSchema', () => {
  it('needs at least two participants from the known list and a summary', () => {
    accepts(warmeOverdrachtRequestSchema, warmeOverdrachtBody('2027-06-01'));
    expect(fieldsOf(warmeOverdrachtRequestSchema, warmeOverdrachtBody('2027-06-01', { participants: ['mentor'] }))).toEqual(['participants']);
    expect(fieldsOf(warmeOverdrachtRequestSchema, warmeOverdrachtBody('2027-06-01', { participants: ['mentor', 'buurman' as never] }))).toEqual(['participants.1']);
    expect(fieldsOf(warmeOverdrachtRequestSchema, warmeOverdrachtBody('2027-06-01', { summary: '' }))).toEqual(['summary']);
  });
});

describe('arrangementContinuationRequestSchema', () => {
  it('accepts one outcome per referral and an empty list', () => {
    accepts(arrangementContinuationRequestSchema, { arrangements: [{ referralId: REFERRAL_A, outcome: 'voortgezet' }, { referralId: REFERRAL_B, outcome: 'beeindigd' }] });
    accepts(arrangementContinuationRequestSchema, { arrangements: [] });
  });

  it('refuses a referral named twice, a referral id that is no uuid and an unknown outcome', () => {
    const twice = { arrangements: [{ referralId: REFERRAL_A, outcome: 'voortgezet' }, { referralId: REFERRAL_A, outcome: 'beeindigd' }] };
    expect(refusal(arrangementContinuationRequestSchema, twice).issues).toEqual([{ field: 'arrangements', message: 'names a referral twice' }]);
    expect(fieldsOf(arrangementContinuationRequestSchema, { arrangements: [{ referralId: 'ref-1', outcome: 'voortgezet' }] })).toEqual(['arrangements.0.referralId']);
    expect(fieldsOf(arrangementContinuationRequestSchema, { arrangements: [{ referralId: REFERRAL_A, outcome: 'gepauzeerd' }] })).toEqual(['arrangements.0.outcome']);
  });
});

describe('regisseurHandoverRequestSchema and cancelTransitionRequestSchema', () => {
  it('needs the new regisseur and a reason', () => {
    accepts(regisseurHandoverRequestSchema, { toRegisseurId: 'regisseur-2', reason: 'Verhuizing naar een andere wijk.' });
    expect(refusal(regisseurHandoverRequestSchema, { toRegisseurId: ' ', reason: 'r' }).issues).toEqual([{ field: 'toRegisseurId', message: 'must name the new regisseur' }]);
    expect(fieldsOf(regisseurHandoverRequestSchema, { toRegisseurId: 'regisseur-2' })).toEqual(['reason']);
  });

  it('needs a reason to cancel', () => {
    expect(fieldsOf(cancelTransitionRequestSchema, {})).toEqual(['reason']);
  });
});

describe('TRANSITION_ID', () => {
  it('accepts overstap-<n> only', () => {
    expect(TRANSITION_ID.safeParse('overstap-1').success).toBe(true);
    expect(TRANSITION_ID.safeParse('overstap-').success).toBe(false);
    expect(TRANSITION_ID.safeParse('zorgplicht-1').success).toBe(false);
  });
});
