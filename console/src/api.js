// The API over fetch: bearer token, JSON, problem+json errors as ApiError.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  get slug() {
    return (this.problem.type || "").split(":").pop();
  }
}

export function createApi(token, onUnauthorized) {
  async function request(method, path, { body, key } = {}) {
    const headers = { Authorization: `Bearer ${token}`, Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (key) headers["Idempotency-Key"] = key;
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
      });
    } catch {
      throw new ApiError(0, { title: "Offline", detail: "The server could not be reached." });
    }
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = { detail: text.slice(0, 200) };
    }
    if (!response.ok) {
      const error = new ApiError(response.status, data || {});
      if (response.status === 401) onUnauthorized(error);
      throw error;
    }
    return data;
  }
  return {
    get: (path) => request("GET", path),
    post: (path, options) => request("POST", path, options),
    put: (path, options) => request("PUT", path, options),
  };
}
