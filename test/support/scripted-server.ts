/**
 * A scripted Messages API for tests: node:http on 127.0.0.1, the JSON and SSE frames of anthropic-api.md §4/§10,
 * one script entry per request, faults on demand, and a log of every request.
 *
 *   const server = await startScriptedServer([
 *     toolTurn([toolUse('Read', { file_path: '/x' })]),
 *     { ...endTurn('done'), fault: { type: 'error_event', afterEvents: 3 } },   // mid-stream error, then...
 *     endTurn('done'),                                                        // ...the retry gets this
 *   ]);
 *   process.env.ANTHROPIC_BASE_URL = server.url;
 *   ...
 *   server.requests[0].body.system; await server.close();
 *
 * Every request consumes one entry; an entry may be a function of the request. Requests that break what the
 * real API rejects (a tool_use without its tool_result, text before tool_results, more than 4 cache_control
 * blocks, an empty `messages`) get the real 400 and consume nothing. Prompt caching is simulated: each block
 * counts ceil(JSON length / 4) tokens; a breakpoint writes its prefix; a later breakpoint reads the longest
 * written prefix found within 20 blocks before it (the API's lookback).
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  index: number;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
  /** The reply given (after a function entry was called), or undefined for a validation 400. */
  reply?: Reply;
}

export type ReplyBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id?: string; name: string; input: unknown; /** Raw partial JSON instead of `input` (a cut call). */ rawJson?: string }
  | { type: 'thinking'; thinking: string; signature?: string };

export type StreamFault =
  /** `event: error` after `afterEvents` frames, then the connection closes. */
  | { type: 'error_event'; afterEvents?: number; errorType?: string; message?: string }
  /** Headers and `afterEvents` frames, then silence until the client gives up. */
  | { type: 'stall'; afterEvents?: number }
  /** The socket is destroyed after `afterEvents` frames (0: before any byte of the response). */
  | { type: 'drop'; afterEvents?: number };

export interface MessageReply {
  kind?: 'message';
  content: ReplyBlock[];
  stop_reason?: string;
  stop_details?: unknown;
  /** Overrides of the simulated usage. */
  usage?: Partial<{ input_tokens: number; output_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number }>;
  fault?: StreamFault;
  /** Before the response headers. */
  latencyMs?: number;
  /** Between SSE frames. */
  eventDelayMs?: number;
}

export interface HttpErrorReply {
  kind: 'http_error';
  status: number;
  errorType?: string;
  message?: string;
  retryAfterMs?: number;
  headers?: Record<string, string>;
}

export type Reply = MessageReply | HttpErrorReply;
export type ScriptEntry = Reply | ((request: LoggedRequest) => Reply | Promise<Reply>);

export interface ScriptedServerOptions {
  /** When set, requests must carry this key (x-api-key or Bearer) or get 401. */
  apiKey?: string;
  /** Model id reported when the request has none. */
  model?: string;
  /** Prompts shorter than this are not cached (the API's minimum cacheable length). */
  minCacheTokens?: number;
  /** Total input tokens above this get the API's "prompt is too long" 400. */
  maxInputTokens?: number;
  /** What to answer when the script is used up (default: a 500 that says so, which fails the test loudly). */
  whenDone?: ScriptEntry;
}

export interface ScriptedServer {
  url: string;
  /** Every request, in arrival order (including rejected ones). */
  requests: LoggedRequest[];
  /** Only the POST /v1/messages requests that consumed a script entry. */
  readonly messageRequests: LoggedRequest[];
  /** Entries not yet consumed. */
  readonly remaining: number;
  push(...entries: ScriptEntry[]): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- reply helpers

let idCounter = 0;
const nextId = (prefix: string) => `${prefix}01${(++idCounter).toString(36).padStart(22, 'x')}`;

export function text(t: string): ReplyBlock {
  return { type: 'text', text: t };
}

export function toolUse(name: string, input: unknown, id?: string): ReplyBlock {
  return { type: 'tool_use', name, input, id };
}

/** A final answer: stop_reason end_turn. */
export function endTurn(t: string, extra: Partial<MessageReply> = {}): MessageReply {
  return { content: [text(t)], stop_reason: 'end_turn', ...extra };
}

/** Tool calls (optionally after some text): stop_reason tool_use. */
export function toolTurn(calls: ReplyBlock[], preface?: string, extra: Partial<MessageReply> = {}): MessageReply {
  return { content: preface ? [text(preface), ...calls] : calls, stop_reason: 'tool_use', ...extra };
}

export function httpError(status: number, extra: Partial<HttpErrorReply> = {}): HttpErrorReply {
  return { kind: 'http_error', status, retryAfterMs: 1, ...extra };
}

// ---------------------------------------------------------------- server

export async function startScriptedServer(script: ScriptEntry[] = [], options: ScriptedServerOptions = {}): Promise<ScriptedServer> {
  const queue = [...script];
  const requests: LoggedRequest[] = [];
  const written = new Set<string>();
  const openResponses = new Set<http.ServerResponse>();

  const server = http.createServer(async (req, res) => {
    openResponses.add(res);
    res.on('close', () => openResponses.delete(res));
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const logged: LoggedRequest = { index: requests.length, method: req.method ?? '', path: url.pathname, headers: req.headers, body };
    requests.push(logged);

    const auth = checkAuth(req, options.apiKey);
    if (auth) return sendError(res, 401, 'authentication_error', auth);
    if (req.method === 'POST' && url.pathname === '/v1/messages/count_tokens') {
      return sendJson(res, 200, { input_tokens: countTokens(flattenPrompt(body)) });
    }
    if (req.method !== 'POST' || url.pathname !== '/v1/messages') return sendError(res, 404, 'not_found_error', `no route ${req.method} ${url.pathname}`);
    const invalid = validateRequest(body, options.maxInputTokens);
    if (invalid) return sendError(res, 400, 'invalid_request_error', invalid);

    const entry = queue.shift() ?? options.whenDone;
    if (!entry) return sendError(res, 500, 'api_error', `scripted server: script exhausted at request ${logged.index}`, { 'x-should-retry': 'false' });
    const reply = typeof entry === 'function' ? await entry(logged) : entry;
    logged.reply = reply;
    if (reply.kind === 'http_error') {
      const headers: Record<string, string> = { ...reply.headers };
      if (reply.retryAfterMs !== undefined) headers['retry-after-ms'] = String(reply.retryAfterMs);
      return sendError(res, reply.status, reply.errorType ?? errorTypeFor(reply.status), reply.message ?? defaultMessage(reply.status), headers);
    }
    if (reply.latencyMs) await delay(reply.latencyMs);
    const usage = { ...simulateCache(body, written, options.minCacheTokens ?? 0), output_tokens: 0, ...reply.usage };
    const frames = sseFrames(body.model ?? options.model ?? 'claude-sonnet-5-5', reply, usage);
    if (body.stream) await streamFrames(res, frames, reply);
    else sendJson(res, 200, finalMessageOf(frames));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get messageRequests() {
      return requests.filter((r) => r.reply !== undefined);
    },
    get remaining() {
      return queue.length;
    },
    push: (...entries) => queue.push(...entries),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of openResponses) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const requestId = () => `req_011C${createHash('sha1').update(String(Math.random())).digest('hex').slice(0, 20)}`;

function checkAuth(req: http.IncomingMessage, apiKey: string | undefined): string | undefined {
  if (!req.headers['anthropic-version']) return 'anthropic-version header is required';
  const key = (req.headers['x-api-key'] as string | undefined) ?? req.headers.authorization?.replace(/^Bearer /, '');
  if (!key) return 'x-api-key header is required';
  if (apiKey !== undefined && key !== apiKey) return 'invalid x-api-key';
  return undefined;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId(), ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: http.ServerResponse, status: number, type: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { type: 'error', error: { type, message }, request_id: requestId() }, headers);
}

function errorTypeFor(status: number): string {
  return (
    { 400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error', 408: 'timeout_error', 409: 'conflict_error', 413: 'request_too_large', 429: 'rate_limit_error', 500: 'api_error', 504: 'timeout_error', 529: 'overloaded_error' } as Record<number, string>
  )[status] ?? 'api_error';
}

function defaultMessage(status: number): string {
  return ({ 429: 'Number of request tokens has exceeded your per-minute rate limit', 529: 'Overloaded', 500: 'Internal server error' } as Record<number, string>)[status] ?? `error ${status}`;
}

// ---------------------------------------------------------------- validation (what the real API rejects)

function blocksOf(content: unknown): any[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : Array.isArray(content) ? content : [];
}

function validateRequest(body: any, maxInputTokens?: number): string | undefined {
  if (!body || typeof body !== 'object') return 'request body must be a JSON object';
  if (typeof body.model !== 'string') return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: at least one message is required';
  const marked = flattenPrompt(body).filter((b) => b.cache_control).length;
  if (marked > 4) return `A maximum of 4 blocks with cache_control may be provided. Found ${marked}.`;
  const names = new Set<string>();
  for (const t of body.tools ?? []) {
    if (names.has(t.name)) return `tools: Tool names must be unique (${t.name})`;
    names.add(t.name);
  }
  const msgs: any[] = body.messages;
  for (let i = 0; i < msgs.length; i++) {
    const m = msgs[i];
    if (m.role !== 'user' && m.role !== 'assistant') return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    const blocks = blocksOf(m.content);
    for (const b of blocks) if (b.type === 'text' && b.text === '' && b.cache_control) return `messages.${i}: cache_control cannot be set for empty text blocks`;
    if (m.role !== 'assistant') continue;
    const uses = blocks.filter((b) => b.type === 'tool_use').map((b) => b.id);
    if (uses.length === 0 || i === msgs.length - 1) continue;
    const next = msgs[i + 1];
    const results = next?.role === 'user' ? blocksOf(next.content) : [];
    const firstNonResult = results.findIndex((b) => b.type !== 'tool_result');
    const lastResult = results.map((b) => b.type).lastIndexOf('tool_result');
    if (firstNonResult !== -1 && firstNonResult < lastResult) return `messages.${i + 1}: tool_result blocks must come before any other content`;
    const answered = new Set(results.filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id));
    const missing = uses.filter((id) => !answered.has(id));
    if (missing.length)
      return `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    for (const id of answered) if (!uses.includes(id)) return `messages.${i + 1}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}`;
  }
  if (maxInputTokens !== undefined) {
    const total = countTokens(flattenPrompt(body));
    if (total > maxInputTokens) return `prompt is too long: ${total} tokens > ${maxInputTokens} maximum`;
  }
  return undefined;
}

// ---------------------------------------------------------------- caching simulation

/** The prompt as the cache sees it: tools, then system, then every message block, in order. */
function flattenPrompt(body: any): any[] {
  const system = typeof body?.system === 'string' ? [{ type: 'text', text: body.system }] : (body?.system ?? []);
  return [...(body?.tools ?? []), ...system, ...(body?.messages ?? []).flatMap((m: any) => blocksOf(m.content).map((b) => ({ ...b, role: m.role })))];
}

function blockTokens(block: any): number {
  const { cache_control: _ignored, ...rest } = block;
  return Math.ceil(JSON.stringify(rest).length / 4);
}

function countTokens(blocks: any[]): number {
  return blocks.reduce((n, b) => n + blockTokens(b), 0);
}

const CACHE_LOOKBACK_BLOCKS = 20;

function simulateCache(body: any, written: Set<string>, minTokens: number) {
  const blocks = flattenPrompt(body);
  const hashes: string[] = [];
  const tokensUpTo: number[] = [];
  let h = createHash('sha1').update(String(body.model)).digest('hex');
  let tokens = 0;
  for (const b of blocks) {
    const { cache_control: _ignored, ...rest } = b;
    h = createHash('sha1').update(h).update(JSON.stringify(rest)).digest('hex');
    tokens += blockTokens(b);
    hashes.push(h);
    tokensUpTo.push(tokens);
  }
  const breakpoints = blocks.map((b, i) => (b.cache_control ? i : -1)).filter((i) => i >= 0);
  let readTo = -1;
  for (const bp of breakpoints) {
    for (let i = bp; i >= 0 && i >= bp - CACHE_LOOKBACK_BLOCKS; i--) {
      if (written.has(hashes[i])) {
        readTo = Math.max(readTo, i);
        break;
      }
    }
  }
  const lastBp = breakpoints.length ? breakpoints[breakpoints.length - 1] : -1;
  for (const bp of breakpoints) if (tokensUpTo[bp] >= minTokens) written.add(hashes[bp]);
  const read = readTo >= 0 ? tokensUpTo[readTo] : 0;
  const creation = lastBp > readTo && tokensUpTo[lastBp] >= minTokens ? tokensUpTo[lastBp] - read : 0;
  return { input_tokens: tokens - read - creation, cache_creation_input_tokens: creation, cache_read_input_tokens: read };
}

// ---------------------------------------------------------------- SSE

interface Frame {
  event: string;
  data: any;
}

function sseFrames(model: string, reply: MessageReply, usage: Record<string, number>): Frame[] {
  const id = nextId('msg_');
  const frames: Frame[] = [];
  const startUsage = { ...usage, output_tokens: 1, cache_creation: { ephemeral_5m_input_tokens: usage.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 }, service_tier: 'standard' };
  frames.push({
    event: 'message_start',
    data: { type: 'message_start', message: { model, id, type: 'message', role: 'assistant', content: [], stop_reason: null, stop_sequence: null, stop_details: null, usage: startUsage } },
  });
  let outputChars = 0;
  reply.content.forEach((block, index) => {
    if (block.type === 'text') {
      frames.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } } });
      if (index === 0) frames.push({ event: 'ping', data: { type: 'ping' } });
      for (const piece of chunks(block.text, 40)) frames.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } } });
      outputChars += block.text.length;
    } else if (block.type === 'tool_use') {
      const toolId = block.id ?? nextId('toolu_');
      frames.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'tool_use', id: toolId, name: block.name, input: {}, caller: { type: 'direct' } } } });
      const json = block.rawJson ?? JSON.stringify(block.input ?? {});
      for (const piece of ['', ...chunks(json, Math.max(1, Math.ceil(json.length / 2)))])
        frames.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } } });
      outputChars += json.length;
    } else {
      frames.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } } });
      frames.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: block.thinking } } });
      frames.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: block.signature ?? 'EqQBsig' } } });
      outputChars += block.thinking.length;
    }
    frames.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  });
  const stopReason = reply.stop_reason ?? (reply.content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
  const finalUsage = { ...usage, output_tokens: reply.usage?.output_tokens ?? Math.max(1, Math.ceil(outputChars / 4)) };
  frames.push({ event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null, stop_details: reply.stop_details ?? null }, usage: finalUsage } });
  frames.push({ event: 'message_stop', data: { type: 'message_stop' } });
  return frames;
}

function chunks(s: string, size: number): string[] {
  if (s === '') return [''];
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}

async function streamFrames(res: http.ServerResponse, frames: Frame[], reply: MessageReply): Promise<void> {
  const fault = reply.fault;
  if (fault?.type === 'drop' && !fault.afterEvents) {
    res.socket?.destroy();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': requestId() });
  const limit = fault ? Math.min(fault.afterEvents ?? 1, frames.length) : frames.length;
  for (let i = 0; i < limit; i++) {
    if (res.destroyed) return;
    res.write(`event: ${frames[i].event}\ndata: ${JSON.stringify(frames[i].data)}\n\n`);
    if (reply.eventDelayMs) await delay(reply.eventDelayMs);
  }
  if (!fault) return void res.end();
  if (fault.type === 'error_event') {
    const data = { type: 'error', error: { type: fault.errorType ?? 'overloaded_error', message: fault.message ?? 'Overloaded' } };
    res.end(`event: error\ndata: ${JSON.stringify(data)}\n\n`);
  } else if (fault.type === 'drop') {
    // Let the frames reach the client first, so this is a cut stream and not a failed connection.
    await new Promise<void>((resolve) => res.write('', () => resolve()));
    await delay(10);
    res.socket?.destroy();
  }
  // 'stall': leave the response open; close() or the client's abort ends it.
}

function finalMessageOf(frames: Frame[]): any {
  const message = { ...frames[0].data.message, content: [] as any[] };
  const partial = new Map<number, string>();
  for (const { data } of frames.slice(1)) {
    if (data.type === 'content_block_start') {
      const { caller: _c, ...block } = data.content_block;
      message.content[data.index] = { ...block };
    } else if (data.type === 'content_block_delta') {
      const block = message.content[data.index];
      if (data.delta.type === 'text_delta') block.text += data.delta.text;
      else if (data.delta.type === 'input_json_delta') partial.set(data.index, (partial.get(data.index) ?? '') + data.delta.partial_json);
      else if (data.delta.type === 'thinking_delta') block.thinking += data.delta.thinking;
      else if (data.delta.type === 'signature_delta') block.signature = data.delta.signature;
    } else if (data.type === 'message_delta') {
      message.stop_reason = data.delta.stop_reason;
      message.usage = { ...message.usage, ...data.usage };
    }
  }
  for (const [index, json] of partial) {
    try {
      message.content[index].input = JSON.parse(json || '{}');
    } catch {
      message.content[index].input = {};
    }
  }
  return message;
}
