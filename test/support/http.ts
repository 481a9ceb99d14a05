/**
 * HTTP as an attacker would send it: raw bytes over a socket, so the request target and the Host header
 * reach the server exactly as written (fetch would normalise `..`, re-encode paths and set Host itself).
 * Plus a reader for server-sent event streams.
 */
import { connect } from "node:net";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `GET target` (or another method) with exactly the given headers; `Connection: close` is added. */
export function rawRequest(
  port: number,
  target: string,
  headers: Record<string, string>,
  method = "GET",
  version = "1.1",
): Promise<RawResponse> {
  const lines = [
    `${method} ${target} HTTP/${version}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  const request = `${lines.join("\r\n")}\r\nConnection: close\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    socket.on("data", (chunk) => chunks.push(Buffer.from(chunk)));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const head = (split === -1 ? text : text.slice(0, split)).split("\r\n");
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? "")?.[1] ?? 0);
      const parsed: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const colon = line.indexOf(":");
        if (colon > 0) parsed[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status, headers: parsed, body: split === -1 ? "" : text.slice(split + 4) });
    });
  });
}

export interface SseEvent {
  event: string;
  data: string;
}

/** An open event stream: `next(match)` waits for the next event that matches (no timeouts: the test's own). */
export class EventStream {
  private buffer = "";
  private readonly reader: { read(): Promise<{ value?: Uint8Array; done: boolean }> };
  private readonly decoder = new TextDecoder();
  private readonly controller: AbortController;

  private constructor(body: ReadableStream<Uint8Array>, controller: AbortController) {
    this.reader = body.getReader();
    this.controller = controller;
  }

  static async open(url: string): Promise<EventStream> {
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`event stream ${url}: HTTP ${response.status}`);
    return new EventStream(response.body, controller);
  }

  /** The next event for which `match` is true; null when the stream ends first. */
  async next(match: (event: SseEvent) => boolean = () => true): Promise<SseEvent | null> {
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end !== -1) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const event: SseEvent = { event: "message", data: "" };
        for (const line of block.split("\n")) {
          if (line.startsWith("event: ")) event.event = line.slice(7);
          else if (line.startsWith("data: ")) event.data += line.slice(6);
        }
        if (block.split("\n").every((line) => line.startsWith(":") || line.startsWith("retry:"))) continue;
        if (match(event)) return event;
        continue;
      }
      const { value, done } = await this.reader.read();
      if (done) return null;
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }

  close(): void {
    this.controller.abort();
  }
}
