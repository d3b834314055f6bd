/**
 * The Messages API provider: `messages.stream` on @anthropic-ai/sdk (its Messages part only: anthropic-client.ts),
 * imported on first use, which a run that never reaches the API should not pay for.
 */
import type {
  AssistantMessage,
  ContentBlock,
  ModelCallOptions,
  ModelProvider,
  ModelRequest,
  ModelStreamEvent,
  Usage,
} from './types.js';
import { ModelError } from './types.js';
import { nodeHttpFetch } from './node-http-fetch.js';
import { LightHeaders } from './light-http.js';
import { requestBodyJson } from './request-body.js';

/** HTTP-level retries the SDK makes by itself (408/409/429/5xx/529, honouring retry-after). */
export const DEFAULT_SDK_MAX_RETRIES = 2;

export interface AnthropicProviderOptions {
  apiKey?: string;
  authToken?: string;
  /** Defaults to ANTHROPIC_BASE_URL, then the SDK's default endpoint. */
  baseURL?: string;
  maxRetries?: number;
  env?: NodeJS.ProcessEnv;
}

type Sdk = typeof import('./anthropic-client.js');
type Client = InstanceType<Sdk['MessagesClient']>;

/** Tags each request so the observing fetch knows whose callbacks to call; removed before the request leaves. */
const CALL_HEADER = 'x-docker-expert-call';

export function createAnthropicProvider(options: AnthropicProviderOptions = {}): ModelProvider {
  const env = options.env ?? process.env;
  const baseURL = options.baseURL ?? (env.ANTHROPIC_BASE_URL || undefined);
  const maxRetries = options.maxRetries ?? DEFAULT_SDK_MAX_RETRIES;
  const calls = new Map<string, ModelCallOptions>();
  let nextCall = 0;
  let loaded: Promise<{ sdk: Sdk; client: Client }> | undefined;

  const observingFetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = new LightHeaders(init?.headers as ConstructorParameters<typeof LightHeaders>[0]);
    const call = calls.get(headers.get(CALL_HEADER) ?? '');
    headers.delete(CALL_HEADER);
    // Each chunk of the answer, as it arrives, is the API being alive (the idle watchdog's activity).
    const response = await nodeHttpFetch(url, { ...init, headers: headers as unknown as Headers }, { onBodyChunk: call?.onActivity, onSent: call?.onSent });
    if (!call) return response;
    call.onActivity?.();
    const attempt = Number(headers.get('x-stainless-retry-count') ?? 0);
    if (!response.ok && isRetriedStatus(response) && attempt < maxRetries) {
      const ms = Number.parseFloat(response.headers.get('retry-after-ms') ?? '');
      call.onEvent?.({ type: 'http_retry', status: response.status, delayMs: Number.isFinite(ms) ? ms : undefined });
    }
    return response;
  };

  const load = () =>
    (loaded ??= import('./anthropic-client.js').then((sdk) => {
      const credentials = options.apiKey
        ? { apiKey: options.apiKey }
        : options.authToken
          ? { authToken: options.authToken }
          : env.ANTHROPIC_API_KEY
            ? { apiKey: env.ANTHROPIC_API_KEY }
            : env.ANTHROPIC_AUTH_TOKEN
              ? { authToken: env.ANTHROPIC_AUTH_TOKEN }
              : {};
      const client = new sdk.MessagesClient({ ...credentials, baseURL, maxRetries, fetch: observingFetch, ...(openTelemetryInert() ? { openTelemetry: false } : {}) });
      return { sdk, client };
    }));

  return {
    name: 'anthropic',
    async createMessage(request: ModelRequest, call: ModelCallOptions): Promise<AssistantMessage> {
      const { sdk, client } = await load();
      // Loading the SDK is not the API being silent: the idle watchdog starts from here.
      call.onActivity?.();
      const id = String(nextCall++);
      calls.set(id, call);
      try {
        const body = {
          model: request.model,
          max_tokens: request.max_tokens,
          system: request.system,
          messages: request.messages,
          ...(request.tools.length ? { tools: request.tools } : {}),
        };
        // The body goes out as text built from cached pieces (request-body.ts); the SDK sends a string body with a
        // content-type as it is, and still reads `body` for everything else (the stream helper, beta headers).
        const json = requestBodyJson({ ...body, stream: true });
        const stream = client.messages.stream(body as never, { signal: call.signal, body: json, headers: { [CALL_HEADER]: id, 'content-type': 'application/json' } });
        const onEvent = call.onEvent;
        if (onEvent) forwardStreamEvents(stream, onEvent);
        const message = await stream.finalMessage();
        return normalizeMessage(message as unknown as RawMessage);
      } catch (err) {
        throw toModelError(err, sdk, baseURL ?? 'https://api.anthropic.com', maxRetries);
      } finally {
        calls.delete(id);
      }
    },
  };
}

/**
 * The SDK traces each request through the global OpenTelemetry API unless told not to. With nothing registered there
 * (no tracer provider, propagator or context manager: docker-expert's own telemetry registers none) every span it
 * starts is a no-op that still costs some 0.2 ms of CPU a request, so then it is told not to; with something
 * registered, the SDK decides as before (ANTHROPIC_OPEN_TELEMETRY and the rest). Read when the client is made.
 */
export function openTelemetryInert(): boolean {
  const api = (globalThis as Record<symbol, Record<string, unknown> | undefined>)[Symbol.for('opentelemetry.js.api.1')];
  return !api?.trace && !api?.propagation && !api?.context;
}

function isRetriedStatus(response: Response): boolean {
  const header = response.headers.get('x-should-retry');
  if (header === 'true') return true;
  if (header === 'false') return false;
  return [408, 409, 429].includes(response.status) || response.status >= 500;
}

interface StreamLike {
  on(event: 'streamEvent', fn: (event: { type: string; index?: number; delta?: { type: string; text?: string } }) => void): unknown;
  on(event: 'contentBlock', fn: (block: RawBlock) => void): unknown;
}

function forwardStreamEvents(stream: unknown, onEvent: (e: ModelStreamEvent) => void): void {
  const s = stream as StreamLike;
  let index = 0;
  s.on('streamEvent', (ev) => {
    if (ev.type === 'content_block_delta' && ev.delta?.type === 'text_delta' && ev.delta.text) {
      onEvent({ type: 'text_delta', index: ev.index ?? 0, text: ev.delta.text });
    }
  });
  s.on('contentBlock', (block) => onEvent({ type: 'block_done', index: index++, block: normalizeBlock(block) }));
}

type RawBlock = { type: string; [key: string]: unknown };
interface RawMessage {
  id: string;
  model: string;
  content: RawBlock[];
  stop_reason: string | null;
  stop_details?: AssistantMessage['stop_details'];
  usage: Partial<Usage> & Record<string, unknown>;
}

/** Our own shape: only the fields the API wants back, so the next request's prefix stays byte-identical. */
export function normalizeBlock(block: RawBlock): ContentBlock {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: String(block.text ?? '') };
    case 'tool_use':
      return { type: 'tool_use', id: String(block.id), name: String(block.name), input: block.input ?? {} };
    case 'thinking':
      return { type: 'thinking', thinking: String(block.thinking ?? ''), signature: String(block.signature ?? '') };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: String(block.data ?? '') };
    default:
      // Server-tool and newer blocks go back verbatim, as the API requires.
      return block as unknown as ContentBlock;
  }
}

function normalizeMessage(m: RawMessage): AssistantMessage {
  return {
    id: m.id,
    role: 'assistant',
    model: m.model,
    content: m.content.map(normalizeBlock),
    stop_reason: m.stop_reason,
    stop_details: m.stop_details ?? null,
    usage: {
      input_tokens: m.usage.input_tokens ?? 0,
      output_tokens: m.usage.output_tokens ?? 0,
      cache_creation_input_tokens: m.usage.cache_creation_input_tokens ?? 0,
      cache_read_input_tokens: m.usage.cache_read_input_tokens ?? 0,
    },
  };
}

function apiErrorText(err: { status?: number; type?: string | null; error?: unknown; message: string }): string {
  const body = err.error as { error?: { type?: string; message?: string } } | undefined;
  const type = body?.error?.type ?? err.type ?? 'error';
  const message = body?.error?.message ?? err.message;
  return `${err.status ?? 'stream'} ${type}: ${message}`;
}

export function toModelError(err: unknown, sdk: Sdk, baseURL: string, maxRetries: number): ModelError {
  if (err instanceof ModelError) return err;
  if (err instanceof sdk.APIUserAbortError) return new ModelError('aborted', 'the request was aborted', undefined, { cause: err });
  if (err instanceof sdk.APIConnectionError) {
    const cause = (err as { cause?: { message?: string; cause?: { code?: string; message?: string } } }).cause;
    const detail = cause?.cause?.code ?? cause?.cause?.message ?? cause?.message ?? err.message;
    return new ModelError('connection', `cannot reach the Messages API at ${baseURL} (${detail})`, undefined, { cause: err });
  }
  if (err instanceof sdk.APIError) {
    const status = err.status as number | undefined;
    const text = apiErrorText(err as never);
    if (status === undefined) return new ModelError('stream_error', `the API stream failed: ${text}`, undefined, { cause: err });
    if (status === 401 || status === 403)
      return new ModelError('auth', `the API refused the credentials (${text}); check ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN`, status, { cause: err });
    if ([408, 409, 429].includes(status) || status >= 500)
      return new ModelError('overloaded', `the API kept failing after ${maxRetries} retries (${text})`, status, { cause: err });
    return new ModelError('bad_request', `the API rejected the request (${text})`, status, { cause: err });
  }
  if (err instanceof sdk.AnthropicError) return new ModelError('stream_error', `the API stream broke off: ${err.message}`, undefined, { cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new ModelError('other', message, undefined, { cause: err });
}
