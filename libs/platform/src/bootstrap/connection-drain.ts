import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/**
 * A keep-alive connection with no request under way is closed only once it has been idle this long:
 * a client writes its request right after it connects or reuses a connection, so a connection used
 * this recently may carry a request that is on its way.
 */
export const IDLE_GRACE_MS = 1_000;
const SWEEP_EVERY_MS = 50;

interface Connection {
  /** Its next answer says `Connection: close`. */
  retire: boolean;
  /** Requests received on it and not yet answered. */
  inFlight: number;
  /** When it last became idle (accepted, or its last answer finished). */
  idleSince: number;
  /** Bytes read by then: more means a request has started arriving. */
  bytesReadWhenIdle: number;
}

/**
 * Stops an HTTP server without cutting a request that is already on its way.
 *
 * Node's `server.close()` (Node ≥ 19) also destroys every connection without a request under way,
 * including one whose next request the client has sent but the server has not read yet (it is still
 * in the socket's buffer while the event loop is busy): the client sees a reset, an unanswered
 * request. Here, instead:
 * - `startDraining()`: each connection open at that moment answers its next request with
 *   `Connection: close`, so its client takes the following one to a new connection (elsewhere, once
 *   the load balancer has moved on). Connections opened later are not closed that way: they came
 *   after the signal, and closing every connection from the server's side turns the load into one
 *   new connection per request, whose TIME_WAIT tuples stall the client's next SYNs for a second
 *   each (measured: 1,500 webhooks/s fell to ~150/s, hundreds of SYN retransmissions).
 * - `close(timeoutMs)`: the listener stops accepting; requests under way are answered, and so are
 *   requests still arriving on open connections; a connection is closed once it is idle, has been
 *   for IDLE_GRACE_MS, and still is after the event loop has read whatever its socket holds. From
 *   half of `timeoutMs` on every answer says `Connection: close`; what is left at `timeoutMs` is
 *   destroyed.
 */
export class ConnectionDrain {
  private readonly connections = new Map<Socket, Connection>();
  /** Every answer says `Connection: close` (the second half of `close()`). */
  private closingAll = false;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.connections.set(socket, {
        retire: false,
        inFlight: 0,
        idleSince: Date.now(),
        bytesReadWhenIdle: 0,
      });
      socket.once('close', () => this.connections.delete(socket));
    });
    // First in line, so the header is set before any handler has answered.
    server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
      const connection = this.connections.get(request.socket);
      if (this.closingAll || connection?.retire) response.setHeader('connection', 'close');
      if (!connection) return;
      connection.inFlight++;
      response.once('close', () => {
        connection.inFlight--;
        connection.idleSince = Date.now();
        connection.bytesReadWhenIdle = request.socket.bytesRead;
      });
    });
  }

  /** Open connections (tests and logs). */
  get openConnections(): number {
    return this.connections.size;
  }

  /** Each connection open now answers its next request with `Connection: close`; new ones are still accepted. */
  startDraining(): void {
    for (const connection of this.connections.values()) connection.retire = true;
  }

  /**
   * Stops accepting, lets every request under way (or arriving on a connection used within
   * IDLE_GRACE_MS) be answered, closes idle connections, and resolves once none is left. After
   * `timeoutMs` whatever is still open is destroyed.
   */
  async close(timeoutMs: number): Promise<void> {
    // net.Server's close: stops listening without http.Server's closing of every idle connection.
    const listenerClosed = new Promise<void>((resolve) =>
      NetServer.prototype.close.call(this.server, () => resolve()),
    );
    const deadline = Date.now() + timeoutMs;
    const closeAllFrom = Date.now() + timeoutMs / 2;
    while (this.connections.size > 0) {
      if (Date.now() >= closeAllFrom) this.closingAll = true;
      if (Date.now() >= deadline) {
        for (const socket of this.connections.keys()) socket.destroy();
        break;
      }
      const idle = this.idleFor(IDLE_GRACE_MS);
      // One turn of the event loop later (its poll phase reads every socket that has data), a
      // connection whose request had arrived unread is no longer idle.
      if (idle.length > 0) await new Promise((resolve) => setImmediate(resolve));
      for (const [socket, seen] of idle) {
        const connection = this.connections.get(socket);
        if (
          connection &&
          connection.inFlight === 0 &&
          connection.idleSince === seen &&
          !this.requestStarted(socket)
        )
          socket.destroy();
      }
      await new Promise((resolve) => setTimeout(resolve, SWEEP_EVERY_MS));
    }
    await listenerClosed;
  }

  /** Idle connections that have been so for at least `ms`, with the time each became idle. */
  private idleFor(ms: number): [Socket, number][] {
    const now = Date.now();
    return [...this.connections]
      .filter(([socket, c]) => c.inFlight === 0 && now - c.idleSince >= ms && !this.requestStarted(socket))
      .map(([socket, c]) => [socket, c.idleSince]);
  }

  /** Bytes read since it became idle: a request has started to arrive (its headers not complete yet). */
  private requestStarted(socket: Socket): boolean {
    const connection = this.connections.get(socket);
    return connection !== undefined && socket.bytesRead > connection.bytesReadWhenIdle;
  }
}
