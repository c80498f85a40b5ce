import { stepUpdateIdFor, uuidV5 } from '../http/step-update-id';
import { referralIdFor } from './referral-id.generator';

describe('uuidV5', () => {
  it('matches the RFC 9562 test vector (DNS namespace, www.example.com)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

describe('referralIdFor', () => {
  const school = { sub: 'ib-1', org: '12AB' };

  it('gives the same id for the same sender and key', () => {
    expect(referralIdFor(school, 'key-1')).toBe(referralIdFor({ ...school }, 'key-1'));
  });

  it('gives different ids when another school uses the same key', () => {
    expect(referralIdFor(school, 'key-1')).not.toBe(referralIdFor({ sub: 'ib-1', org: '99ZZ' }, 'key-1'));
  });

  it('gives a fresh random id without a key', () => {
    expect(referralIdFor(school, undefined)).not.toBe(referralIdFor(school, undefined));
  });

  it('never gives a step the id of a start with the same key', () => {
    expect(stepUpdateIdFor(school, 'withdraw', 'key-1')).not.toBe(referralIdFor(school, 'key-1'));
  });
});
