import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

/** Where the server lists what it received (GET, JSON array of ReceivedEnvelope). */
export const RECEIVED_PATH = '/__received';

/** How the server answers envelope requests. */
export type EnvelopeServerMode = 'ok' | '500' | '429' | 'hang';

/** One item of a received envelope. */
export interface EnvelopeItem {
  header: Record<string, unknown>;
  /** Parsed JSON payload (undefined when the payload is not JSON). */
  payload: unknown;
  /** Raw payload bytes (uncompressed). */
  bytes: number;
}

/** One received envelope request. */
export interface ReceivedEnvelope {
  url: string;
  contentEncoding: string | undefined;
  /** Body size as sent over the wire (possibly compressed) and after decompression. */
  wireBytes: number;
  rawBytes: number;
  header: Record<string, unknown>;
  items: EnvelopeItem[];
  /** The whole body after decompression, as text (to search every byte that was sent). */
  raw: string;
}

/** A streamed (v2) or transaction-embedded span, flattened. */
export type ReceivedSpan = Record<string, unknown> & { span_id: string; trace_id: string; name?: string; description?: string; parent_span_id?: string };

function parseEnvelope(body: Buffer): { header: Record<string, unknown>; items: EnvelopeItem[] } {
  let pos = 0;
  const readLine = (): Buffer => {
    const nl = body.indexOf(0x0a, pos);
    const end = nl === -1 ? body.length : nl;
    const line = body.subarray(pos, end);
    pos = end + 1;
    return line;
  };
  const header = JSON.parse(readLine().toString('utf8') || '{}') as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (pos < body.length) {
    const headerLine = readLine();
    if (headerLine.length === 0) continue;
    const itemHeader = JSON.parse(headerLine.toString('utf8')) as Record<string, unknown>;
    let payloadBuf: Buffer;
    if (typeof itemHeader.length === 'number') {
      payloadBuf = body.subarray(pos, pos + itemHeader.length);
      pos += itemHeader.length + 1;
    } else {
      payloadBuf = readLine();
    }
    let payload: unknown;
    try {
      payload = JSON.parse(payloadBuf.toString('utf8'));
    } catch {
      payload = undefined;
    }
    items.push({ header: itemHeader, payload, bytes: payloadBuf.length });
  }
  return { header, items };
}

/** Queries over received envelopes (the server's own log, or a copy fetched from `GET /__received` in another process). */
export class EnvelopeLog {
  constructor(readonly envelopes: ReceivedEnvelope[] = []) {}

  /** Every item of every envelope received. */
  items(): EnvelopeItem[] {
    return this.envelopes.flatMap((e) => e.items);
  }

  /** Error/message event payloads. */
  events(): Array<Record<string, unknown>> {
    return this.items()
      .filter((i) => i.header.type === 'event')
      .map((i) => i.payload as Record<string, unknown>);
  }

  /** Transaction payloads (static trace lifecycle). */
  transactions(): Array<Record<string, unknown>> {
    return this.items()
      .filter((i) => i.header.type === 'transaction')
      .map((i) => i.payload as Record<string, unknown>);
  }

  /** Every span received: streamed span items (v1 or v2 containers) and the spans of transactions, with the transaction's root. */
  spans(): ReceivedSpan[] {
    const out: ReceivedSpan[] = [];
    for (const item of this.items()) {
      const p = item.payload as Record<string, unknown> | undefined;
      if (!p) continue;
      if (item.header.type === 'span') {
        if (Array.isArray(p.items)) out.push(...(p.items as ReceivedSpan[]));
        else out.push(p as ReceivedSpan);
      } else if (item.header.type === 'transaction') {
        const trace = (p.contexts as Record<string, Record<string, unknown>> | undefined)?.trace ?? {};
        out.push({ ...trace, name: p.transaction, is_segment: true } as unknown as ReceivedSpan);
        if (Array.isArray(p.spans)) out.push(...(p.spans as ReceivedSpan[]));
      }
    }
    return out;
  }

  /** Envelope items whose payload carries this event id or trace. */
  eventItems(): EnvelopeItem[] {
    return this.items().filter((i) => i.header.type === 'event');
  }
}

/**
 * A local stand-in for Sentry's ingest endpoint (POST /api/<project>/envelope/), with fault modes. It answers
 * browsers too (CORS), and `GET /__received` returns what it received as JSON, for tests running in another process.
 */
export class EnvelopeServer extends EnvelopeLog {
  mode: EnvelopeServerMode;
  /** Requests answered so far (any mode) and requests held open ('hang'). */
  requests = 0;
  private readonly server: http.Server;
  private readonly emitter = new EventEmitter();
  private readonly hanging = new Set<http.ServerResponse>();

  private constructor(mode: EnvelopeServerMode) {
    super();
    this.mode = mode;
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  /** Start a server on 127.0.0.1, on `port` or an ephemeral one. */
  static async start(mode: EnvelopeServerMode = 'ok', port = 0): Promise<EnvelopeServer> {
    const s = new EnvelopeServer(mode);
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.server.listen(port, '127.0.0.1', () => {
        s.server.off('error', reject);
        resolve();
      });
    });
    return s;
  }

  /** Port the server listens on. */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** A DSN that points the SDK at this server. */
  dsn(project = 1): string {
    return `http://public@127.0.0.1:${this.port}/${project}`;
  }

  /** Resolve once `predicate` holds over what was received (re-checked on every request), or reject after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.emitter.off('received', check);
        reject(new Error(`envelope server: condition not met within ${timeoutMs} ms (${this.envelopes.length} envelopes)`));
      }, timeoutMs);
      const check = (): void => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.emitter.off('received', check);
        resolve();
      };
      this.emitter.on('received', check);
    });
  }

  /** Forget what was received. */
  clear(): void {
    this.envelopes.length = 0;
  }

  /** Stop the server, dropping any held-open requests. */
  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    // Browsers post envelopes cross-origin (the page's origin is the app, not this server).
    res.setHeader('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-methods': 'POST', 'access-control-allow-headers': '*' }).end();
      return;
    }
    if (req.method === 'GET' && req.url === RECEIVED_PATH) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.envelopes));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.requests += 1;
      if (this.mode === 'hang') {
        this.hanging.add(res);
        return;
      }
      if (this.mode === '500') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        return;
      }
      if (this.mode === '429') {
        res.writeHead(429, { 'retry-after': '60', 'x-sentry-rate-limits': '60::organization' }).end();
        return;
      }
      if (req.method !== 'POST' || !/^\/api\/[^/]+\/envelope\/?/.test(req.url ?? '')) {
        res.writeHead(404).end();
        return;
      }
      const wire = Buffer.concat(chunks);
      const encoding = req.headers['content-encoding'];
      let raw: Buffer;
      try {
        raw =
          encoding === 'gzip'
            ? zlib.gunzipSync(wire)
            : encoding === 'deflate'
              ? zlib.inflateSync(wire)
              : encoding === 'br'
                ? zlib.brotliDecompressSync(wire)
                : wire;
        const parsed = parseEnvelope(raw);
        this.envelopes.push({
          url: req.url ?? '',
          contentEncoding: encoding,
          wireBytes: wire.length,
          rawBytes: raw.length,
          ...parsed,
          raw: raw.toString('utf8'),
        });
      } catch (err) {
        res.writeHead(400).end(String(err));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      this.emitter.emit('received');
    });
  }
}

/** A 127.0.0.1 port nothing listens on (connections are refused). */
export async function refusedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
