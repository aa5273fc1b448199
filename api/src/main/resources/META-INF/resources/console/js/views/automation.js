// What starts runs and what hears of them: schedules with their state, inbound triggers, and
// outbound webhooks with their delivery logs.

import { badge, fill, h, when } from '../dom.js';

export async function automationView(ctx) {
  const { api, view } = ctx;
  const [schedules, triggers, webhooks] = await Promise.all([
    api.get('/v1/schedules', { limit: 100 }),
    api.get('/v1/triggers'),
    api.get('/v1/webhooks'),
  ]);
  const deliveries = h('div', { id: 'deliveries', 'aria-live': 'polite' });
  fill(
    view,
    h('h1', {}, 'Automation'),
    h('h2', {}, 'Schedules'),
    table(
      'Schedules',
      ['Name', 'Agent', 'When', 'State', 'Next fires', 'Fires (missed)'],
      schedules.items.map((s) => [
        s.name,
        `${s.agentName}${s.version ? ` v${s.version}` : ''}`,
        s.timing.cron ? `cron ${s.timing.cron} ${s.timing.timeZone || ''}` : `every ${s.timing.interval}`,
        s.state.paused ? [badge('paused'), s.state.note ? ` ${s.state.note}` : ''] : badge('active'),
        (s.state.nextFireTimes || []).slice(0, 3).map(when).join(', '),
        `${s.state.fires} (${s.state.missedFires})`,
      ]),
    ),
    h('h2', {}, 'Triggers'),
    table(
      'Triggers',
      ['Name', 'Agent', 'Preset', 'Enabled', 'Delivery URL'],
      triggers.map((t) => [t.name, t.agentName, t.preset || '', t.enabled ? 'yes' : 'no', h('code', {}, t.deliveryUrl)]),
    ),
    h('h2', {}, 'Webhooks'),
    table(
      'Webhooks',
      ['Name', 'URL', 'Events', 'State', 'Log'],
      webhooks.map((w) => [
        w.name,
        h('code', {}, w.url),
        (w.eventTypes || []).join(', '),
        w.enabled ? badge('enabled') : [badge('disabled'), w.disabledReason ? ` ${w.disabledReason}` : ''],
        h('button', { type: 'button', onClick: () => showDeliveries(ctx, w, deliveries).catch(ctx.fail) }, 'Deliveries'),
      ]),
    ),
    deliveries,
  );
}

async function showDeliveries(ctx, webhook, target) {
  const page = await ctx.api.get(`/v1/webhooks/${webhook.id}/deliveries`, { limit: 100 });
  fill(
    target,
    h('h3', {}, `Deliveries of ${webhook.name}`),
    table(
      `Deliveries of ${webhook.name}`,
      ['Message', 'Event', 'Run', 'Status', 'Attempts', 'Last answer', 'Created', 'Delivered'],
      page.items.map((d) => [
        h('code', {}, d.messageId),
        d.type,
        d.runId ? h('a', { href: `#/runs/${d.runId}` }, d.runId.slice(0, 8)) : '',
        badge(d.status),
        String(d.attempts),
        d.lastStatusCode ? `${d.lastStatusCode}${d.lastLatencyMs != null ? ` in ${d.lastLatencyMs} ms` : ''}` : d.lastError || '',
        when(d.createdAt),
        when(d.deliveredAt),
      ]),
    ),
  );
}

export function table(label, columns, rows) {
  if (!rows.length) return h('p', {}, `No ${label.toLowerCase()}.`);
  return h(
    'table',
    { class: 'list', 'aria-label': label },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c))))),
  );
}
