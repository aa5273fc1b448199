// What the tenant spent: tokens and cost by day and by agent over a range (UTC days, as the API
// counts them), as a chart and as the numbers.

import { hasRole, claims } from '../auth.js';
import { barChart } from '../chart.js';
import { fill, h } from '../dom.js';
import { table } from './automation.js';

const DAY = 86_400_000;

export async function usageView(ctx) {
  const { api, view, query } = ctx;
  const days = Number(query.get('days')) || 30;
  const to = new Date(Math.ceil(Date.now() / DAY) * DAY);
  const from = new Date(to.getTime() - days * DAY);
  const tenant = hasRole('platform-admin') ? query.get('tenant') || undefined : claims().tenant;
  const ask = (groupBy) => api.get('/v1/usage', { from: from.toISOString(), to: to.toISOString(), groupBy, tenant });
  const [byDay, byAgent] = await Promise.all([ask('day'), ask('agent')]);
  const tokens = (g) => g.totals.inputTokens + g.totals.outputTokens;
  const rows = (groups) =>
    groups.map((g) => [g.key, String(g.totals.calls), String(g.totals.inputTokens), String(g.totals.outputTokens), g.totals.cost == null ? '' : `${g.totals.cost} ${byDay.currency}`]);
  const columns = (first) => [first, 'Model calls', 'Input tokens', 'Output tokens', 'Cost'];
  fill(
    view,
    h('h1', {}, 'Usage'),
    h(
      'nav',
      { class: 'tabs', 'aria-label': 'Range' },
      [7, 30, 90].map((d) => h('a', { href: `#/usage?days=${d}`, 'aria-current': d === days ? 'page' : null }, `${d} days`)),
    ),
    h(
      'p',
      {},
      `${byDay.tenant}, ${from.toISOString().slice(0, 10)} to ${to.toISOString().slice(0, 10)}: `,
      `${byDay.total.calls} model calls, ${byDay.total.inputTokens + byDay.total.outputTokens} tokens`,
      byDay.total.cost == null ? '' : `, ${byDay.total.cost} ${byDay.currency}`,
    ),
    h('h2', {}, 'Tokens by day'),
    barChart('Tokens by day', byDay.groups.map((g) => ({ label: g.key, value: tokens(g) }))),
    table('Usage by day', columns('Day'), rows(byDay.groups)),
    h('h2', {}, 'Tokens by agent'),
    barChart('Tokens by agent', byAgent.groups.map((g) => ({ label: g.key, value: tokens(g) }))),
    table('Usage by agent', columns('Agent'), rows(byAgent.groups)),
  );
}
