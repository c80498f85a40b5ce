import { parseArgs } from 'node:util';
import { actorSchema } from '@schakel/domain';
import { DURATION_SECONDS, InvalidConfigError, loadAuthConfig } from '../config/api.config';
import { DevTokenSigner } from './dev-token.signer';

const USAGE =
  'Usage: npm run token -- --role <school|loket|regisseur|provider|leerplicht|gemeente|admin|fg|ouder|jongere> --sub <id> [--org <code>] [--region <code>] ' +
  '[--child <child reference> ...] [--ttl 8h]\n  An ouder names each child they hold gezag over with --child (one or more); a jongere names themselves once.';

/**
 * Prints a development bearer token (issue 2 §4). Only the token goes to stdout, so
 * `TOKEN=$(npm run --silent token -- --role loket --sub l-1 --region swv-2801)` works.
 */
async function main(): Promise<number> {
  const { env, auth } = loadAuthConfig();
  if (env === 'production') {
    console.error('Refusing to issue a development token with SCHAKEL_ENV=production: production tokens come from the identity provider.');
    return 1;
  }
  if (auth.mode === 'oidc') {
    // The API would refuse the token anyway (issue 5 §1): say so now rather than with a 401 later.
    console.error('Refusing to issue a development token with AUTH_MODE=oidc: the API accepts only tokens from OIDC_ISSUER.');
    return 1;
  }
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      org: { type: 'string' },
      region: { type: 'string' },
      // Repeatable: `--child lln-1 --child lln-2` for a parent of two (ADR 0016).
      child: { type: 'string', multiple: true },
      ttl: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const actor = actorSchema.safeParse({ role: values.role, sub: values.sub, org: values.org, region: values.region, children: values.child });
  if (!actor.success) {
    // The Actor's `children` is the command line's --child.
    const option = (path: readonly PropertyKey[]) => (path[0] === 'children' ? ['child', ...path.slice(1)] : path).map(String).join('.');
    console.error(`${actor.error.issues.map((i) => `--${option(i.path)}: ${i.message}`).join('\n')}\n${USAGE}`);
    return 2;
  }
  const ttl = values.ttl === undefined ? undefined : DURATION_SECONDS.safeParse(values.ttl);
  if (ttl !== undefined && !ttl.success) {
    console.error(`--ttl: ${ttl.error.issues[0]?.message ?? 'invalid'}\n${USAGE}`);
    return 2;
  }
  const token = await new DevTokenSigner(auth).sign(actor.data, ttl === undefined ? {} : { ttlSeconds: ttl.data });
  console.log(token);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof InvalidConfigError || (error instanceof TypeError && 'code' in error) ? `${error.message}\n${USAGE}` : error);
    process.exit(1);
  },
);
