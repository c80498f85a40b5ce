import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Me } from '../api';
import { completeOidcSignIn, startOidcSignIn } from '../oidc';
import { ROLE_LABELS } from '../labels';
import { Answer, Loading } from '../ui';

interface AuthConfig {
  mode: 'development' | 'oidc';
  issuer?: string;
  clientId?: string;
}

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
            {users.map((user) => (
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
