// For platform administrators: the tenants and their policies (limits, retention, budgets).

import { badge, fields, fill, h, json, when } from '../dom.js';

export async function tenantsView(ctx) {
  const { api, view } = ctx;
  const tenants = await api.get('/v1/tenants');
  fill(
    view,
    h('h1', {}, 'Tenants'),
    tenants.length ? null : h('p', {}, 'No tenants yet.'),
    tenants.map((t) => {
      const policy = h('div', {});
      return h(
        'details',
        {
          class: 'tenant',
          'data-tenant': t.id,
          onToggle: (event) => {
            if (event.target.open && !policy.childElementCount) {
              api
                .get(`/v1/tenants/${t.id}/policy`)
                .then((p) => fill(policy, h('h3', {}, 'Policy'), h('pre', {}, json(p))))
                .catch(ctx.fail);
            }
          },
        },
        h('summary', {}, `${t.id} · ${t.displayName} `, t.suspendedAt ? badge('suspended') : badge('active')),
        fields([
          ['Created', `${when(t.createdAt)} by ${t.createdBy}`],
          ['Suspended', t.suspendedAt ? `${when(t.suspendedAt)} by ${t.suspendedBy}: ${t.suspensionReason || ''}` : null],
          ['Usage', h('a', { href: `#/usage?tenant=${encodeURIComponent(t.id)}` }, 'by day and agent')],
        ]),
        policy,
      );
    }),
  );
}
