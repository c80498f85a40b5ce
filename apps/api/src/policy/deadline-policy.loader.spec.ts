import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIONAL_DEADLINE_POLICY, type DeadlinePolicy } from '@schakel/domain';
import { InvalidConfigError } from '../config/api.config';
import { InvalidDeadlinePolicyError, loadDeadlinePolicy } from './deadline-policy.loader';

/** A valid policy file's content: the national policy, one region shortening the toewijzing term. */
function regionalPolicy(): DeadlinePolicy {
  return {
    ...NATIONAL_DEADLINE_POLICY,
    version: '2026.2-utrecht',
    regions: { 'swv-2801': { holidayRegion: 'noord', rules: { toewijzing: { term: { amount: 3, unit: 'werkdagen' } } } } },
  };
}

function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof InvalidDeadlinePolicyError) return error.problems;
    throw error;
  }
  throw new Error('expected an InvalidDeadlinePolicyError');
}

describe('loadDeadlinePolicy', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'schakel-policy-'));
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  function policyFile(name: string, content: unknown): string {
    const path = join(directory, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  }

  it('uses the built-in national policy when no file is named', () => {
    expect(loadDeadlinePolicy(undefined)).toEqual({ policy: NATIONAL_DEADLINE_POLICY, origin: { kind: 'built-in' } });
  });

  it('loads a valid file, with the schema defaults filled in', () => {
    const path = policyFile('valid.json', regionalPolicy());

    const loaded = loadDeadlinePolicy(path);

    expect(loaded.origin).toEqual({ kind: 'file', path });
    expect(loaded.policy.version).toBe('2026.2-utrecht');
    expect(loaded.policy.regions['swv-2801']?.rules.toewijzing?.term).toEqual({ amount: 3, unit: 'werkdagen' });
    expect(loaded.policy.rules.zorgplicht.extension).toEqual({ max: { amount: 4, unit: 'weken' }, times: 1 });
  });

  it('names the file and every bad field path of an invalid policy', () => {
    const policy = regionalPolicy();
    const broken = {
      ...policy,
      version: 'latest',
      rules: {
        ...policy.rules,
        toewijzing: { ...policy.rules.toewijzing, term: { amount: 5, unit: 'dagen' } },
        zorgplicht: { ...policy.rules.zorgplicht, source: '' },
      },
    };
    const path = policyFile('invalid.json', broken);

    const problems = problemsOf(() => loadDeadlinePolicy(path));

    expect(problems.every((problem) => problem.startsWith(`SCHAKEL_POLICY_FILE (${path}): `))).toBe(true);
    expect(problems.map((problem) => problem.slice(`SCHAKEL_POLICY_FILE (${path}): `.length).split(':')[0]).sort()).toEqual([
      'rules.toewijzing.term.unit',
      'rules.zorgplicht.source',
      'version',
    ]);
  });

  it('refuses a file that is missing, saying so, as a configuration error the API exits on', () => {
    const path = join(directory, 'missing.json');

    let thrown: unknown;
    try {
      loadDeadlinePolicy(path);
    } catch (error) {
      thrown = error;
    }

    // main.ts reports an InvalidConfigError without a stack and exits 1.
    expect(thrown).toBeInstanceOf(InvalidConfigError);
    expect((thrown as InvalidConfigError).problems).toEqual([`SCHAKEL_POLICY_FILE (${path}): cannot be read (ENOENT)`]);
  });

  it('refuses a file that is not JSON', () => {
    const path = policyFile('broken.json', '{ "version": "2026.1", ');

    expect(problemsOf(() => loadDeadlinePolicy(path))).toEqual([expect.stringMatching(new RegExp(`^SCHAKEL_POLICY_FILE \\(${path.replaceAll('.', '\\.')}\\): is not valid JSON`))]);
  });

  it('refuses terms in seconden in production, naming each, and allows them elsewhere', () => {
    const policy = regionalPolicy();
    const testPolicy = { ...policy, rules: { ...policy.rules, toewijzing: { ...policy.rules.toewijzing, term: { amount: 4, unit: 'seconden' } } } };
    const path = policyFile('seconds.json', testPolicy);

    expect(problemsOf(() => loadDeadlinePolicy(path, { production: true }))).toEqual([
      `SCHAKEL_POLICY_FILE (${path}): rules.toewijzing.term.unit: seconden is for test policies only, not when SCHAKEL_ENV=production`,
    ]);
    expect(loadDeadlinePolicy(path).policy.rules.toewijzing.term).toEqual({ amount: 4, unit: 'seconden' });
  });
});
