// The approvals inbox across the tenant: pending first, each with the arguments and hash the
// decision binds to; decided ones on a second tab.

import { fill, h } from '../dom.js';
import { approvalCard } from './approval-card.js';

const POLL_MS = 5000;

export async function approvalsView(ctx) {
  const { api, view, query } = ctx;
  const status = query.get('status') || 'pending';
  const list = h('div', { id: 'approvals-list', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', hidden: true }, 'Older approvals');
  fill(
    view,
    h('h1', {}, 'Approvals'),
    h(
      'nav',
      { 'aria-label': 'Approval status', class: 'tabs' },
      ['pending', 'approved', 'denied', 'expired', 'cancelled'].map((s) =>
        h('a', { href: `#/approvals?status=${s}`, 'aria-current': s === status ? 'page' : null }, s),
      ),
    ),
    list,
    more,
  );
  let cursor = null;
  const shown = new Set();
  const page = async (after, reset) => {
    const answer = await api.get('/v1/approvals', { status, limit: 50, cursor: after });
    if (reset) {
      fill(list);
      shown.clear();
    }
    for (const approval of answer.items) {
      if (shown.has(approval.id)) continue;
      shown.add(approval.id);
      list.append(approvalCard(api, approval));
    }
    if (!shown.size) fill(list, h('p', {}, `No ${status} approvals.`));
    cursor = answer.nextCursor;
    more.hidden = !cursor;
  };
  more.addEventListener('click', () => page(cursor, false).catch(ctx.fail));
  await page(null, true);
  if (status === 'pending') {
    // New requests appear without a reload; cards being decided are left alone.
    const timer = setInterval(async () => {
      try {
        const answer = await api.get('/v1/approvals', { status, limit: 50 });
        const fresh = answer.items.filter((a) => !shown.has(a.id));
        if (fresh.length && !shown.size) fill(list);
        fresh.reverse().forEach((a) => {
          shown.add(a.id);
          list.prepend(approvalCard(api, a));
        });
      } catch {
        // The next tick tries again.
      }
    }, POLL_MS);
    ctx.onLeave(() => clearInterval(timer));
  }
}
