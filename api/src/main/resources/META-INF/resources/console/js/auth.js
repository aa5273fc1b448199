// Sign-in. The access token lives in this module's memory only (never in web storage or a cookie):
// a reload signs in again. Three ways in:
//  - OIDC authorization code with PKCE against the realm named by /console/config.json (compose,
//    ECS); only the PKCE verifier and state cross the redirect, in sessionStorage, and are
//    deleted on return;
//  - a token in the address's fragment (#token=...), which the standalone launcher prints: the
//    fragment never reaches a server, and is removed from the address at once;
//  - a token pasted into the sign-in form (a service account, a dev token).

const PKCE_KEY = 'agent-runtime-console.pkce';

let session = null; // { token, claims, refresh, expiresAt, oidc }
let refreshTimer = null;

export function token() {
  return session ? session.token : null;
}

export function claims() {
  return session ? session.claims : {};
}

export function roles() {
  const c = claims();
  const list = c.groups || (c.realm_access && c.realm_access.roles) || [];
  return Array.isArray(list) ? list : [];
}

export function hasRole(...wanted) {
  const mine = roles();
  return wanted.some((r) => mine.includes(r));
}

export function signOut() {
  session = null;
  clearTimeout(refreshTimer);
}

/** Decodes a JWT's payload for display and role checks; the API verifies it, not we. */
export function decode(jwt) {
  const parts = String(jwt).trim().split('.');
  if (parts.length !== 3) throw new Error('not a JWT: expected three dot-separated parts');
  const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

export function useToken(jwt, extra = {}) {
  const payload = decode(jwt);
  if (payload.exp && payload.exp * 1000 < Date.now()) {
    throw new Error('this token has expired; get a fresh one');
  }
  session = { token: jwt.trim(), claims: payload, ...extra };
  scheduleRefresh();
}

/** Takes a token from the fragment, or finishes an OIDC redirect; true when signed in. */
export async function resume(config) {
  const hash = window.location.hash;
  if (hash.startsWith('#token=')) {
    // #token=JWT[&next=/runs/ID]: the launcher's link, optionally to one page of the console.
    const fragment = new URLSearchParams(hash.slice(1));
    const next = fragment.get('next') || '';
    const route = /^\/[A-Za-z0-9/?=&_-]*$/.test(next) ? next : '/runs';
    history.replaceState(null, '', `${window.location.pathname}#${route}`);
    useToken(fragment.get('token'));
    return true;
  }
  const params = new URLSearchParams(window.location.search);
  if (config.oidc && params.has('code') && params.has('state')) {
    await finishOidc(config.oidc, params);
    return true;
  }
  return false;
}

function endpoints(oidc) {
  const base = oidc.issuer.replace(/\/$/, '');
  return {
    authorize: oidc.authorizationEndpoint || `${base}/protocol/openid-connect/auth`,
    token: oidc.tokenEndpoint || `${base}/protocol/openid-connect/token`,
  };
}

function redirectUri() {
  return `${window.location.origin}${window.location.pathname}`;
}

function randomString(bytes) {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return base64url(data);
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Sends the browser to the realm's login page (authorization code with PKCE, S256). */
export async function startOidc(oidc) {
  const verifier = randomString(32);
  const state = randomString(16);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(endpoints(oidc).authorize);
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', oidc.scope || 'openid');
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', base64url(new Uint8Array(digest)));
  url.searchParams.set('code_challenge_method', 'S256');
  window.location.assign(url.toString());
}

async function finishOidc(oidc, params) {
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', `${window.location.pathname}#/runs`);
  if (!saved || saved.state !== params.get('state')) {
    throw new Error('the sign-in answer does not match the request; sign in again');
  }
  await tokenRequest(oidc, {
    grant_type: 'authorization_code',
    code: params.get('code'),
    code_verifier: saved.verifier,
    redirect_uri: redirectUri(),
  });
}

async function tokenRequest(oidc, form) {
  const body = new URLSearchParams({ client_id: oidc.clientId, ...form });
  const response = await fetch(endpoints(oidc).token, { method: 'POST', body });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.access_token) {
    throw new Error(`sign-in refused: ${answer.error_description || answer.error || response.status}`);
  }
  useToken(answer.access_token, {
    refresh: answer.refresh_token,
    expiresAt: Date.now() + (answer.expires_in || 300) * 1000,
    oidc,
  });
}

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  if (!session || !session.refresh || !session.oidc) return;
  const wait = Math.max(5_000, session.expiresAt - Date.now() - 30_000);
  refreshTimer = setTimeout(async () => {
    try {
      await tokenRequest(session.oidc, { grant_type: 'refresh_token', refresh_token: session.refresh });
    } catch {
      // The next API call answers 401 and the console asks to sign in again.
    }
  }, wait);
}
