// The console's shell: sign-in, the navigation, and a hash router that mounts one view at a time
// (each view registers what must stop when it is left: timers, live streams).

import { Api } from './api.js';
import * as auth from './auth.js';
import { fill, h, problemLine } from './dom.js';
import { agentView, agentsView } from './views/agents.js';
import { approvalsView } from './views/approvals.js';
import { automationView } from './views/automation.js';
import { runView } from './views/run.js';
import { runsView } from './views/runs.js';
import { signInView } from './views/signin.js';
import { tenantsView } from './views/tenants.js';
import { usageView } from './views/usage.js';

const api = new Api(auth.token);
const view = document.getElementById('view');
const UUID = '([0-9a-fA-F-]{36})';

const ROUTES = [
  { pattern: new RegExp(`^/runs/${UUID}$`), render: (ctx, m) => runView(ctx, m[1]) },
  { pattern: /^\/runs$/, render: (ctx) => runsView(ctx), nav: 'Runs' },
  { pattern: /^\/approvals$/, render: (ctx) => approvalsView(ctx), nav: 'Approvals' },
  { pattern: new RegExp(`^/agents/${UUID}$`), render: (ctx, m) => agentView(ctx, m[1]) },
  { pattern: /^\/agents$/, render: (ctx) => agentsView(ctx), nav: 'Agents' },
  { pattern: /^\/automation$/, render: (ctx) => automationView(ctx), nav: 'Automation' },
  { pattern: /^\/usage$/, render: (ctx) => usageView(ctx), nav: 'Usage' },
  { pattern: /^\/tenants$/, render: (ctx) => tenantsView(ctx), nav: 'Tenants', admin: true },
];

let config = { oidc: null };
let disposers = [];

function parseHash() {
  const raw = window.location.hash.replace(/^#/, '') || '/runs';
  const [path, search] = raw.split('?');
  return { path, query: new URLSearchParams(search || '') };
}

function navigate(path, query) {
  const search = query && [...query.keys()].length ? `?${query}` : '';
  window.location.hash = `#${path}${search}`;
}

function dispose() {
  disposers.forEach((fn) => fn());
  disposers = [];
}

function renderNav(active) {
  const admin = auth.hasRole('platform-admin');
  fill(
    document.getElementById('nav'),
    h(
      'ul',
      {},
      ROUTES.filter((r) => r.nav && (!r.admin || admin)).map((r) => {
        const path = r.pattern.source.replace(/[\^$\\]/g, '');
        return h(
          'li',
          {},
          h('a', { href: `#${path}`, 'aria-current': active.startsWith(path) ? 'page' : null }, r.nav),
        );
      }),
    ),
  );
  const c = auth.claims();
  fill(
    document.getElementById('who'),
    `${c.preferred_username || c.sub || 'signed in'}${c.tenant ? ` · tenant ${c.tenant}` : ''} `,
    h('button', { type: 'button', class: 'link', onClick: signOut }, 'Sign out'),
  );
}

function signOut() {
  auth.signOut();
  showSignIn();
}

function showSignIn(message) {
  dispose();
  fill(document.getElementById('nav'));
  fill(document.getElementById('who'));
  signInView({ view, config, message, onSignedIn: route });
}

/** What every view gets: the API, its container, the query, and lifecycle hooks. */
function context(query) {
  return {
    api,
    view,
    query,
    navigate,
    onLeave: (fn) => disposers.push(fn),
    fail: (error) => {
      if (error && error.status === 401) {
        auth.signOut();
        showSignIn('Your session ended (401): sign in again.');
        return;
      }
      view.prepend(problemLine(error));
    },
  };
}

function route() {
  if (!auth.token()) {
    showSignIn();
    return;
  }
  dispose();
  const { path, query } = parseHash();
  renderNav(path);
  const match = ROUTES.map((r) => [r, path.match(r.pattern)]).find(([, m]) => m);
  if (!match) {
    fill(view, h('h1', {}, 'Not found'), h('p', {}, 'No such page in the console.'));
    return;
  }
  const [r, m] = match;
  fill(view);
  const ctx = context(query);
  Promise.resolve(r.render(ctx, m)).catch(ctx.fail);
}

async function boot() {
  try {
    const response = await fetch('config.json');
    if (response.ok) config = await response.json();
  } catch {
    // No config: token sign-in only.
  }
  // A token link opened in a tab that already shows the console changes only the fragment.
  window.addEventListener('hashchange', signInAndRoute);
  await signInAndRoute();
}

async function signInAndRoute() {
  try {
    if (await auth.resume(config)) {
      if (window.location.hash === '#/runs' && auth.hasRole('platform-admin') && !auth.claims().tenant) {
        history.replaceState(null, '', `${window.location.pathname}#/tenants`);
      }
    }
  } catch (error) {
    showSignIn(error.message);
    return;
  }
  route();
}

boot();
