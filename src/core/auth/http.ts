import { SpecKittyError } from "../errors.ts";

export interface JsonResponse {
  status: number;
  /** Parsed body, or undefined when the body was not JSON. */
  body: unknown;
}

/**
 * POSTs JSON and returns status + parsed body. Transport failures become typed errors whose messages
 * name the server and the failure but never the request body (which carries passwords or tokens).
 */
export async function postJson(
  url: string,
  payload: unknown,
  options: { timeoutMs: number; bearer?: string },
): Promise<JsonResponse> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: "error", // a redirect could carry the token to another host
    });
  } catch (error) {
    throw transportError(url, error, options.timeoutMs);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw transportError(url, error, options.timeoutMs);
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}

function transportError(url: string, error: unknown, timeoutMs: number): SpecKittyError {
  const origin = new URL(url).origin;
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return new SpecKittyError("SERVER_TIMEOUT", `${origin} did not answer within ${timeoutMs / 1000}s`, {
      fix: "check your network or the server status, then retry; your session was kept",
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new SpecKittyError("SERVER_UNREACHABLE", `cannot reach ${origin}: ${detail}`, {
    fix: "check your network and the server URL, then retry; your session was kept",
  });
}

/** A non-success HTTP status as a typed error (never includes the response body). */
export function serverError(url: string, status: number): SpecKittyError {
  return new SpecKittyError("SERVER_ERROR", `${new URL(url).origin} answered HTTP ${status}`, {
    fix: "retry later; your session was kept",
    details: { status },
  });
}
