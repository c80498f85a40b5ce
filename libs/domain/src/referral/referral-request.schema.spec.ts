import { DomainError } from '../errors/domain-error';
import { parseOrThrow } from '../validation/validation.parser';
import { arrangementRequestSchema, evaluationRequestSchema, startReferralRequestSchema, toewijzingRequestSchema } from './referral-request.schema';
import { arrangementBody, startReferralBody } from './referral.fixture';

function fieldsOf(schema: Parameters<typeof parseOrThrow>[0], body: unknown): string[] {
  try {
    parseOrThrow(schema, body);
  } catch (error) {
    return (error as DomainError).issues.map((i) => i.field);
  }
  return [];
}

describe('startReferralRequestSchema', () => {
  it('accepts a complete referral', () => {
    expect(fieldsOf(startReferralRequestSchema, startReferralBody())).toEqual([]);
  });

  it('refuses a BSN-shaped child reference', () => {
    expect(fieldsOf(startReferralRequestSchema, startReferralBody({ childRef: '123456782' }))).toEqual(['childRef']);
  });

  it('names every bad field at once', () => {
    const body = { ...startReferralBody(), school: { brin: 'nope', sector: 'HBO' }, concerns: [], parents: { informed: false, consent: true } };
    expect(fieldsOf(startReferralRequestSchema, body).sort()).toEqual(['concerns', 'parents.informed', 'school.brin', 'school.sector']);
  });

  it('requires the thuiszitter date exactly when the pupil is a thuiszitter', () => {
    expect(fieldsOf(startReferralRequestSchema, startReferralBody({ thuiszitter: { isThuiszitter: true } }))).toEqual(['thuiszitter.since']);
    expect(fieldsOf(startReferralRequestSchema, startReferralBody({ thuiszitter: { isThuiszitter: false, since: '2026-10-01' } }))).toEqual(['thuiszitter.since']);
  });
});

describe('arrangementRequestSchema', () => {
  it('refuses an evaluation date after the end date and an end before the start', () => {
    expect(fieldsOf(arrangementRequestSchema, arrangementBody('2027-08-01'))).toEqual(['evaluationDate']);
    expect(fieldsOf(arrangementRequestSchema, arrangementBody('2026-12-01', { endDate: '2026-11-01' })).sort()).toEqual(['endDate', 'evaluationDate']);
  });

  it('accepts an exact instant as evaluation date', () => {
    expect(fieldsOf(arrangementRequestSchema, arrangementBody('2026-12-01T10:00:00+01:00'))).toEqual([]);
  });
});

describe('evaluationRequestSchema', () => {
  it('requires the new dates for verlengen only', () => {
    expect(fieldsOf(evaluationRequestSchema, { outcome: 'verlengen', summary: 's' }).sort()).toEqual(['endDate', 'evaluationDate']);
    expect(fieldsOf(evaluationRequestSchema, { outcome: 'afsluiten', summary: 's' })).toEqual([]);
    expect(fieldsOf(evaluationRequestSchema, { outcome: 'stoppen', summary: 's' })).toEqual(['outcome']);
  });
});

describe('toewijzingRequestSchema: how a case waits on an aanbod (issue 11 §3)', () => {
  const aanbodId = '0b8f2a4e-6d1c-4f7a-9e3b-2c5d8a1f6e90';

  it('takes urgency, the beschikking’s last day and overbrugging with an aanbod', () => {
    expect(fieldsOf(toewijzingRequestSchema, { route: 'gecombineerd', aanbodId, urgency: 'spoed', validUntil: '2027-07-31', overbrugging: 'ambulanteHulp' })).toEqual([]);
  });

  it('refuses them without an aanbod, and a malformed date or urgency, naming each field', () => {
    expect(fieldsOf(toewijzingRequestSchema, { route: 'jeugdhulp', providerId: 'zorg-42', urgency: 'spoed', validUntil: '2027-07-31', overbrugging: 'anders' })).toEqual(['urgency', 'validUntil', 'overbrugging']);
    expect(fieldsOf(toewijzingRequestSchema, { route: 'gecombineerd', aanbodId, urgency: 'morgen', validUntil: '31-07-2027' })).toEqual(['urgency', 'validUntil']);
  });
});
