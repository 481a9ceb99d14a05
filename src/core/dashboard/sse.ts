/**
 * Server-sent events: every open page holds one stream; a change is written to all of them. A comment
 * line every `heartbeatMs` keeps idle connections open and finds the dead ones (a failed write drops
 * the client), so the set of clients never grows past the pages actually open.
 */
const encoder = new TextEncoder();

export class EventHub {
  private readonly clients = new Set<ReadableStreamDefaultController<Uint8Array>>();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(heartbeatMs = 20_000) {
    this.timer = setInterval(() => this.write(": ping\n\n"), heartbeatMs);
  }

  get size(): number {
    return this.clients.size;
  }

  /** The response for one page's stream; it ends when the page goes away or the hub closes. */
  open(signal: AbortSignal, first: string): Response {
    let mine: ReadableStreamDefaultController<Uint8Array> | null = null;
    const drop = () => {
      if (mine) this.clients.delete(mine);
      mine = null;
    };
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        mine = controller;
        this.clients.add(controller);
        controller.enqueue(encoder.encode(first));
      },
      cancel: drop,
    });
    signal.addEventListener("abort", () => {
      const controller = mine;
      drop();
      try {
        controller?.close();
      } catch {
        // already closed by the other side
      }
    });
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        "x-accel-buffering": "no",
      },
    });
  }

  /** Sends one event to every page. */
  send(event: string, data: string): void {
    this.write(`event: ${event}\ndata: ${data}\n\n`);
  }

  private write(text: string): void {
    const bytes = encoder.encode(text);
    for (const client of this.clients) {
      try {
        client.enqueue(bytes);
      } catch {
        this.clients.delete(client);
      }
    }
  }

  /** Ends every stream and stops the heartbeat. */
  close(): void {
    clearInterval(this.timer);
    for (const client of this.clients) {
      try {
        client.close();
      } catch {
        // already closed
      }
    }
    this.clients.clear();
  }
}
