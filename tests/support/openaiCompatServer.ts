import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { changes } from './deadline';

/** Token usage the test server reports, in OpenAI chat-completions terms. */
export interface CompatUsage {
  promptTokens: number;
  completionTokens: number;
  cachedTokens?: number;
  reasoningTokens?: number;
}

/** One request the server received. */
export interface CompatRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** What the server answers to a chat completion. */
export interface CompatReply {
  /** The structured answer; sent JSON-encoded as the assistant message content. */
  answer: unknown;
  usage: CompatUsage;
  /** Non-200 status to simulate an API error (the body is then an OpenAI error object). */
  status?: number;
  /** Error body sent with a non-200 status, JSON-encoded unless a string (default: a fixed OpenAI error object). */
  errorBody?: unknown;
  /** Raw assistant message content, sent instead of the JSON-encoded `answer` (e.g. text that is not JSON). */
  content?: string;
  /** Raw HTTP response body of a 200 reply, sent instead of a chat completion (e.g. a proxy's HTML page). */
  rawBody?: string;
  /** Extra response headers (e.g. `retry-after-ms` so the SDK retries at once). */
  headers?: Record<string, string>;
  /** Hold the response until the client goes away (for cancellation tests). */
  hang?: boolean;
}

/** A running local OpenAI-compatible server. */
export interface OpenAICompatServer {
  /** API root to use as baseURL, e.g. "http://127.0.0.1:40123/v1". */
  baseURL: string;
  requests: CompatRequest[];
  /** Resolve once `count` requests have arrived, or reject after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Start a tiny OpenAI chat-completions server on 127.0.0.1 (random port) that answers every completion with `reply`. */
export async function startOpenAICompatServer(reply: CompatReply | ((req: CompatRequest) => CompatReply)): Promise<OpenAICompatServer> {
  const requests: CompatRequest[] = [];
  const arrivals = changes();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const received: CompatRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      };
      requests.push(received);
      arrivals.changed();
      if (!received.path.split('?')[0]?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${received.path}`, type: 'invalid_request_error' } }));
        return;
      }
      const r = typeof reply === 'function' ? reply(received) : reply;
      if (r.hang) return;
      if (r.status !== undefined && r.status !== 200) {
        res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
        const errorBody = r.errorBody ?? { error: { message: 'simulated failure', type: 'server_error', code: null } };
        res.end(typeof errorBody === 'string' ? errorBody : JSON.stringify(errorBody));
        return;
      }
      if (r.rawBody !== undefined) {
        res.writeHead(200, { 'content-type': 'text/plain', ...r.headers });
        res.end(r.rawBody);
        return;
      }
      const body = {
        id: `chatcmpl-test-${requests.length}`,
        object: 'chat.completion',
        created: 1_700_000_000,
        model: typeof received.body.model === 'string' ? received.body.model : 'unknown',
        choices: [{ index: 0, message: { role: 'assistant', content: r.content ?? JSON.stringify(r.answer) }, finish_reason: 'stop' }],
        usage: {
          prompt_tokens: r.usage.promptTokens,
          completion_tokens: r.usage.completionTokens,
          total_tokens: r.usage.promptTokens + r.usage.completionTokens,
          prompt_tokens_details: { cached_tokens: r.usage.cachedTokens ?? 0 },
          completion_tokens_details: { reasoning_tokens: r.usage.reasoningTokens ?? 0 },
        },
      };
      res.writeHead(200, { 'content-type': 'application/json', ...r.headers });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    waitForRequests: (count, timeoutMs) => arrivals.until(() => requests.length >= count, `${count} requests to the model server`, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
