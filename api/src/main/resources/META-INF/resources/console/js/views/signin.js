// The sign-in screen: the realm's login page when the API names one (compose, ECS), and a token
// form always (standalone's dev tokens, service accounts).

import * as auth from '../auth.js';
import { fill, h } from '../dom.js';

export function signInView({ view, config, message, onSignedIn }) {
  const error = h('p', { class: 'problem', role: 'alert', hidden: !message }, message || '');
  const tokenInput = h('textarea', {
    id: 'token',
    name: 'token',
    rows: 4,
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
  const form = h(
    'form',
    {
      class: 'signin',
      onSubmit: (event) => {
        event.preventDefault();
        try {
          auth.useToken(tokenInput.value);
          tokenInput.value = '';
          if (!window.location.hash.startsWith('#/')) window.location.hash = '#/runs';
          onSignedIn();
        } catch (e) {
          fill(error, e.message);
          error.hidden = false;
        }
      },
    },
    h('label', { for: 'token' }, 'Access token (a JWT for this API)'),
    tokenInput,
    h('button', { type: 'submit' }, 'Use token'),
  );
  fill(
    view,
    h('h1', {}, 'Sign in'),
    error,
    config.oidc
      ? h(
          'p',
          {},
          h(
            'button',
            { type: 'button', id: 'oidc', onClick: () => auth.startOidc(config.oidc) },
            'Sign in with your organisation (OIDC)',
          ),
        )
      : h(
          'p',
          {},
          'Standalone: open the console link the launcher printed, or paste a token from ',
          h('code', {}, '.standalone/tokens/'),
          '.',
        ),
    form,
    h(
      'p',
      { class: 'hint' },
      'The token stays in this page\'s memory only: a reload asks again.',
    ),
  );
}
