import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError, storedToken, storeToken, type Me } from './api';
import { ROLE_LABELS } from './labels';
import { AanbodCatalogue } from './screens/aanbod-catalogue';
import { CasePage } from './screens/case-page';
import { MonitorScreen } from './screens/monitor';
import { MijnKind, OuderOverzichtScreen } from './screens/ouder-overzicht';
import { ReferralForm } from './screens/referral-form';
import { ReferralList } from './screens/referral-list';
import { SignIn } from './screens/sign-in';
import { ToewijzingQueue } from './screens/toewijzing-queue';
import { WachtlijstMonitorScreen } from './screens/wachtlijst-monitor';
import { Werkvoorraad } from './screens/werkvoorraad';

/** The screens a signed-in person sees, each shown only when the access policy allows its action. */
const NAVIGATION: Array<{ path: string; label: string; action: string; staffOnly?: true }> = [
  { path: '/mijn-kind', label: 'Mijn kind', action: 'child.overzicht' },
  { path: '/aanmelden', label: 'Aanmelden', action: 'referral.submit' },
  // Parents see their child's cases in plain Dutch on their own screen, not in the caseworkers' list.
  { path: '/verwijzingen', label: 'Verwijzingen', action: 'referral.view', staffOnly: true },
  { path: '/toewijzing', label: 'Toewijzing', action: 'referral.toewijzing' },
  { path: '/werkvoorraad', label: 'Werkvoorraad', action: 'referral.approve' },
  { path: '/thuiszitters', label: 'Thuiszitters', action: 'monitor.thuiszitters' },
  { path: '/wachtlijsten', label: 'Wachtlijsten', action: 'monitor.wachtlijsten' },
  { path: '/aanbod', label: 'Aanbod', action: 'provider.view' },
];

const PARTICIPANTS = ['ouder', 'jongere'];

/** Where each role starts: the next action first. */
function homeOf(me: Me): string {
  switch (me.actor.role) {
    case 'school':
    case 'provider':
      return '/verwijzingen';
    case 'loket':
      return '/toewijzing';
    case 'regisseur':
      return '/werkvoorraad';
    case 'ouder':
    case 'jongere':
      return '/mijn-kind';
    default:
      if (me.allowedActions.includes('monitor.thuiszitters')) return '/thuiszitters';
      return me.allowedActions.includes('provider.view') ? '/aanbod' : '/geen-scherm';
  }
}

function currentPath(): string {
  return location.hash.replace(/^#/, '') || '/';
}

export function navigate(path: string): void {
  location.hash = path;
}

function App() {
  const [path, setPath] = useState(currentPath());
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(storedToken() !== null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLElement>(null);

  useEffect(() => {
    const onHash = () => setPath(currentPath());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (storedToken() === null) return;
    api<Me>('/me')
      .then(setMe)
      .catch((error: unknown) => {
        storeToken(null);
        setNotice(describeError(error));
      })
      .finally(() => setChecking(false));
  }, []);

  // Keyboard and screen-reader users land on the new screen's content, not at the old focus; a fresh page
  // load keeps the browser's own start, so the first Tab reaches the skip link.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [path]);

  function signedIn(token: string, who: Me): void {
    storeToken(token);
    setMe(who);
    navigate(homeOf(who));
  }

  function signOut(): void {
    storeToken(null);
    setMe(null);
    navigate('/');
  }

  if (checking) return <p role="status">Bezig met aanmelden…</p>;

  const participant = PARTICIPANTS.includes(me?.actor.role ?? '');
  const allowed = (action: string) => me?.allowedActions.includes(action) ?? false;
  const offered = (item: (typeof NAVIGATION)[number]) => allowed(item.action) && !(participant && item.staffOnly);
  let screen;
  if (me === null) screen = <SignIn onSignedIn={signedIn} notice={notice} />;
  else if (path.startsWith('/zaak/')) screen = <CasePage me={me} referralId={decodeURIComponent(path.slice('/zaak/'.length).split('?')[0] ?? '')} fresh={path.endsWith('?nieuw')} />;
  else if (path === '/aanmelden' && allowed('referral.submit')) screen = <ReferralForm me={me} onSubmitted={(id) => navigate(`/zaak/${id}?nieuw`)} />;
  else if (path.startsWith('/kind/') && allowed('child.overzicht')) screen = <OuderOverzichtScreen me={me} childRef={decodeURIComponent(path.slice('/kind/'.length))} />;
  else if (path === '/mijn-kind' && allowed('child.overzicht')) screen = <MijnKind me={me} />;
  else if (path === '/verwijzingen' && allowed('referral.view') && !participant) screen = <ReferralList me={me} />;
  else if (path === '/toewijzing' && allowed('referral.toewijzing')) screen = <ToewijzingQueue me={me} />;
  else if (path === '/werkvoorraad' && allowed('referral.approve')) screen = <Werkvoorraad me={me} />;
  else if (path === '/thuiszitters' && allowed('monitor.thuiszitters')) screen = <MonitorScreen me={me} />;
  else if (path === '/wachtlijsten' && allowed('monitor.wachtlijsten')) screen = <WachtlijstMonitorScreen />;
  else if (path === '/aanbod' && allowed('provider.view')) screen = <AanbodCatalogue me={me} />;
  else if (path === '/geen-scherm') screen = <h1 tabIndex={-1}>Geen werkvoorraad voor uw rol</h1>;
  else {
    navigate(homeOf(me));
    screen = null;
  }

  return (
    <>
      <a class="skip-link" href="#inhoud" onClick={(event) => { event.preventDefault(); document.getElementById('inhoud')?.focus(); }}>
        Naar de inhoud
      </a>
      <header class="top">
        <span class="brand">Schakel</span>
        {me !== null && (
          <>
            <nav aria-label="Hoofdmenu">
              <ul>
                {NAVIGATION.filter(offered).map((item) => (
                  <li key={item.path}>
                    <a href={`#${item.path}`} aria-current={path === item.path ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="who">
              <span>
                {ROLE_LABELS[me.actor.role] ?? me.actor.role}: {me.actor.sub}
              </span>
              <button type="button" class="secondary" onClick={signOut}>
                Afmelden
              </button>
            </div>
          </>
        )}
      </header>
      <main id="inhoud" tabIndex={-1} ref={heading}>
        {screen}
      </main>
    </>
  );
}

const root = document.getElementById('app');
if (root !== null) {
  root.textContent = '';
  render(<App />, root);
}
