// A run's timeline, live. EventSource cannot send an Authorization header, so the stream is read
// with fetch: frames are parsed here, and after a dropped connection (a restarted API, a proxy, the
// stream's lifetime) it reconnects with Last-Event-ID = the last seq received. Because seq is the
// event's id and the timeline is gapless, nothing is missed and nothing repeated.

import { ApiProblem } from './api.js';

export const TERMINAL = new Set(['run.succeeded', 'run.failed', 'run.timed_out', 'run.cancelled']);

/**
 * Follows a run's events until its terminal event or until `signal` aborts.
 * onEvent(event) gets each event once, in seq order; onState(text) a connection state.
 */
export async function follow(api, runId, { onEvent, onState, signal }) {
  let last = 0;
  let delay = 500;
  for (;;) {
    if (signal.aborted) return;
    let ended = false;
    try {
      const headers = { Accept: 'text/event-stream' };
      if (last > 0) headers['Last-Event-ID'] = String(last);
      const response = await api.fetch(`/v1/runs/${encodeURIComponent(runId)}/events`, {
        headers,
        signal,
      });
      onState('live');
      delay = 500;
      await frames(response.body, signal, (event) => {
        if (event.seq <= last) return; // never twice, whatever a proxy replays
        last = event.seq;
        onEvent(event);
        if (TERMINAL.has(event.type)) ended = true;
      });
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiProblem && [401, 403, 404].includes(error.status)) {
        onState(`stopped: ${error.status} ${error.title || ''}`.trim());
        return;
      }
      if (error instanceof ApiProblem && error.retryAfter) delay = error.retryAfter * 1000;
    }
    if (ended) {
      onState('ended');
      return;
    }
    onState('reconnecting');
    await sleep(delay, signal);
    delay = Math.min(delay * 2, 10_000);
  }
}

/** Reads SSE frames from a byte stream, calling onEvent with each frame's parsed data. */
async function frames(body, signal, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || signal.aborted) return;
      buffer += value;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '') {
          if (data.length) onEvent(JSON.parse(data.join('\n')));
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).replace(/^ /, ''));
        }
        // id: and event: repeat what data carries (seq, type); comments (:) are keep-alives.
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

function sleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
