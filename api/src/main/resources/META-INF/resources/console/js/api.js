// The API, called with the signed-in user's token (held in memory only). Refusals are thrown as
// ApiProblem carrying the problem+json fields, so every screen can show the API's own words.

export class ApiProblem extends Error {
  constructor(status, problem) {
    super((problem && problem.title) || `HTTP ${status}`);
    this.status = status;
    this.type = problem && problem.type;
    this.title = problem && problem.title;
    this.detail = problem && problem.detail;
    this.violations = (problem && problem.violations) || [];
    this.retryAfter = null;
  }
}

export class Api {
  constructor(tokenSource) {
    this.tokenSource = tokenSource;
  }

  async fetch(path, { method = 'GET', query, body, headers = {}, signal } = {}) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(query || {})) {
      if (v !== null && v !== undefined && v !== '') url.searchParams.set(k, v);
    }
    const all = { Authorization: `Bearer ${this.tokenSource()}`, ...headers };
    let payload;
    if (body !== undefined) {
      all['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(url, { method, headers: all, body: payload, signal });
    if (!response.ok) {
      throw await ApiProblem.from(response);
    }
    return response;
  }

  async json(path, options) {
    const response = await this.fetch(path, options);
    return response.status === 204 ? null : response.json();
  }

  get(path, query) {
    return this.json(path, { query });
  }

  post(path, body, headers) {
    return this.json(path, { method: 'POST', body, headers });
  }

  /** Saves an artifact through the browser's download, with the name the API gave it. */
  async download(runId, name) {
    const response = await this.fetch(
      `/v1/runs/${encodeURIComponent(runId)}/artifacts/${encodeURIComponent(name)}/content`,
    );
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return blob.size;
  }
}

ApiProblem.from = async function from(response) {
  let problem = null;
  try {
    problem = await response.json();
  } catch {
    problem = { title: response.statusText || `HTTP ${response.status}` };
  }
  const error = new ApiProblem(response.status, problem);
  const retry = Number(response.headers.get('Retry-After'));
  error.retryAfter = Number.isFinite(retry) && retry > 0 ? retry : null;
  return error;
};
