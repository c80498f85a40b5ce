import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Me } from '../api';
import { completeOidcSignIn, startOidcSignIn } from '../oidc';
import { ROLE_LABELS } from '../labels';
import { Answer, described, Field, Loading } from '../ui';

interface AuthConfig {
  mode: 'development' | 'oidc';
  issuer?: string;
  clientId?: string;
}

/** Roles that act for a child (issue 11 §6): signed in with the child's reference, not as a fixed test user. */
const PARTICIPANT_ROLES = ['ouder', 'jongere'];

interface DevUser {
  id: string;
  label: string;
  role: string;
  sub: string;
  org?: string;
}

/**
 * Aanmelden: in development a choice of test users whose tokens the API's development signer issues; in
 * production the OIDC login of the configured issuer (authorization code with PKCE).
 */
export function SignIn(props: { onSignedIn: (token: string, me: Me) => void; notice: string | null }) {
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [users, setUsers] = useState<DevUser[]>([]);
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(props.notice === null ? null : { ok: false, text: props.notice });

  async function finish(token: string): Promise<void> {
    const me = await api<Me>('/me', { token });
    props.onSignedIn(token, me);
  }

  useEffect(() => {
    api<AuthConfig>('/web/auth-config', { token: null })
      .then(async (loaded) => {
        setConfig(loaded);
        if (loaded.mode === 'development') {
          setUsers((await api<{ items: DevUser[] }>('/dev/users', { token: null })).items);
        } else if (loaded.issuer && loaded.clientId) {
          const token = await completeOidcSignIn(loaded.issuer, loaded.clientId);
          if (token !== null) await finish(token);
        }
      })
      .catch((error: unknown) => setAnswer({ ok: false, text: error instanceof Error && !('code' in error) ? error.message : describeError(error) }));
  }, []);

  const [participant, setParticipant] = useState('ouder');
  const [childRef, setChildRef] = useState('');
  const [childError, setChildError] = useState<string | undefined>(undefined);

  /**
   * An ouder's or jongere's token names the child they act for (issue 11 §6); the API checks the reference as it
   * checks a real token's `children` claim, and its message for the field is shown beside it.
   */
  async function signInForChild(event: Event): Promise<void> {
    event.preventDefault();
    try {
      const { token } = await api<{ token: string }>('/dev/tokens', { method: 'POST', body: { user: participant, children: [childRef.trim()] }, token: null });
      setChildError(undefined);
      await finish(token);
    } catch (error) {
      setChildError(describeError(error));
      document.getElementById('dev-child')?.focus();
    }
  }

  async function signInAs(user: DevUser): Promise<void> {
    try {
      const { token } = await api<{ token: string }>('/dev/tokens', { method: 'POST', body: { user: user.id }, token: null });
      await finish(token);
    } catch (error) {
      setAnswer({ ok: false, text: describeError(error) });
    }
  }

  return (
    <section class="sign-in">
      <h1 tabIndex={-1}>Aanmelden bij Schakel</h1>
      <Answer answer={answer} />
      {config === null && answer === null && <Loading />}
      {config?.mode === 'development' && (
        <>
          <p>Ontwikkelomgeving: kies een testgebruiker. Het token komt van de ontwikkel-ondertekenaar van de API.</p>
          <ul class="user-list">
            {users.filter((user) => !PARTICIPANT_ROLES.includes(user.role)).map((user) => (
              <li key={user.id}>
                <button type="button" onClick={() => void signInAs(user)}>
                  Aanmelden als {user.label}
                </button>
                <span class="muted">
                  {ROLE_LABELS[user.role] ?? user.role} · {user.sub}
                  {user.org ? ` · ${user.org}` : ''}
                </span>
              </li>
            ))}
          </ul>
          <form class="form" aria-label="Aanmelden als ouder of jongere" onSubmit={(event) => void signInForChild(event)}>
            <h2>Aanmelden als ouder of jongere</h2>
            <Field id="dev-participant" label="Ik meld mij aan als">
              <select id="dev-participant" value={participant} onChange={(e) => setParticipant(e.currentTarget.value)}>
                {users.filter((user) => PARTICIPANT_ROLES.includes(user.role)).map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="dev-child" label="Referentie van het kind" error={childError} hint="De pseudonieme referentie, zoals lln-…; nooit een naam of BSN.">
              <input id="dev-child" type="text" autoComplete="off" spellcheck={false} value={childRef} onInput={(e) => setChildRef(e.currentTarget.value)} {...described('dev-child', childError, true)} />
            </Field>
            <div class="actions">
              <button type="submit">Aanmelden voor dit kind</button>
            </div>
          </form>
        </>
      )}
      {config?.mode === 'oidc' && (
        <>
          <p>Meld u aan met het account van uw organisatie.</p>
          {config.issuer && config.clientId ? (
            <button type="button" onClick={() => void startOidcSignIn(config.issuer ?? '', config.clientId ?? '').catch((error: unknown) => setAnswer({ ok: false, text: String(error) }))}>
              Aanmelden via {new URL(config.issuer).host}
            </button>
          ) : (
            <p class="answer answer--error">De aanmelding is niet ingericht: OIDC_CLIENT_ID ontbreekt in de configuratie van de API.</p>
          )}
        </>
      )}
    </section>
  );
}
