import { actorSchema } from './actor';

const issuesOf = (candidate: unknown) => {
  const parsed = actorSchema.safeParse(candidate);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('actorSchema: the children an ouder or jongere acts for', () => {
  it('accepts an ouder naming the children they hold gezag over', () => {
    expect(issuesOf({ sub: 'digid-1', role: 'ouder', children: ['lln-7f3a9c', 'lln-8a2b11'] })).toEqual([]);
    expect(issuesOf({ sub: 'digid-2', role: 'jongere', children: ['lln-7f3a9c'] })).toEqual([]);
  });

  it('requires the claim for ouder and jongere, refuses it for staff, and lets a jongere name only themselves', () => {
    expect(issuesOf({ sub: 'digid-1', role: 'ouder' })).toEqual(['children: is required for role ouder']);
    expect(issuesOf({ sub: 'ib-1', role: 'school', org: '12AB', children: ['lln-7f3a9c'] })).toEqual(['children: is only for roles ouder, jongere']);
    expect(issuesOf({ sub: 'digid-2', role: 'jongere', children: ['lln-7f3a9c', 'lln-8a2b11'] })).toEqual(['children: must name exactly one child (the young person themselves) for role jongere']);
  });

  it('refuses a BSN, a malformed reference, the anonymised reference and an empty or long list', () => {
    expect(issuesOf({ sub: 'digid-1', role: 'ouder', children: ['123456782'] })).toEqual([expect.stringMatching(/^children\.0: looks like a BSN/)]);
    expect(issuesOf({ sub: 'digid-1', role: 'ouder', children: ['Fleur de Boer'] })).toEqual([expect.stringMatching(/^children\.0: must be a pseudonymous reference/)]);
    expect(issuesOf({ sub: 'digid-1', role: 'ouder', children: ['geanonimiseerd'] })).toEqual([expect.stringMatching(/^children\.0: names no child/)]);
    expect(issuesOf({ sub: 'digid-1', role: 'ouder', children: [] })).toEqual(['children: must name at least one child']);
    expect(issuesOf({ sub: 'digid-1', role: 'ouder', children: Array.from({ length: 13 }, (_, i) => `lln-00000${i}`) })).toEqual(['children: must name at most 12 children']);
  });
});
