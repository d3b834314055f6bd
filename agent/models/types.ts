/**
 * The model interface the loop talks to. Plain Anthropic-shaped types of our own (not SDK classes), so a provider
 * without the SDK (the offline expert) implements it with ordinary objects.
 */

export interface CacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

export interface TextBlock {
  type: 'text';
  text: string;
  cache_control?: CacheControl;
}

export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
  cache_control?: CacheControl;
}

export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string | TextBlock[];
  is_error?: boolean;
  cache_control?: CacheControl;
}

export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export type ContentBlock = TextBlock | ToolUseBlock | ToolResultBlock | ThinkingBlock | RedactedThinkingBlock;

export interface Message {
  role: 'user' | 'assistant';
  content: string | ContentBlock[];
}

export interface ToolSpec {
  name: string;
  description: string;
  input_schema: Record<string, unknown>;
  cache_control?: CacheControl;
}

export interface ModelRequest {
  /** Resolved model id (never an alias). */
  model: string;
  max_tokens: number;
  system: TextBlock[];
  tools: ToolSpec[];
  messages: Message[];
}

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export type StopReason =
  | 'end_turn'
  | 'tool_use'
  | 'max_tokens'
  | 'pause_turn'
  | 'refusal'
  | 'stop_sequence'
  | 'model_context_window_exceeded'
  | (string & {});

export interface AssistantMessage {
  id: string;
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason | null;
  stop_details?: { type?: string; category?: string | null; explanation?: string | null } | null;
  usage: Usage;
}

/** What a provider reports while a response streams in. */
export type ModelStreamEvent =
  | { type: 'text_delta'; index: number; text: string }
  | { type: 'block_done'; index: number; block: ContentBlock }
  /** The SDK is about to retry an HTTP error (429, 529, 5xx ...) by itself. */
  | { type: 'http_retry'; status: number; delayMs?: number };

export interface ModelCallOptions {
  signal: AbortSignal;
  onEvent?: (event: ModelStreamEvent) => void;
  /** Called whenever bytes arrive (the idle watchdog resets on it). */
  onActivity?: () => void;
  /** Called when a request has been handed to the connection (each attempt); providers that send nothing never call it. */
  onSent?: () => void;
}

export interface ModelProvider {
  /** `anthropic`, `offline`, ... */
  readonly name: string;
  createMessage(request: ModelRequest, options: ModelCallOptions): Promise<AssistantMessage>;
}

export type ModelErrorKind =
  /** `event: error` inside a 200 stream, or a stream cut before `message_stop`. */
  | 'stream_error'
  /** No bytes for longer than the idle timeout. */
  | 'stalled'
  /** The endpoint cannot be reached (after the SDK's own retries). */
  | 'connection'
  | 'auth'
  | 'bad_request'
  /** An HTTP error the SDK retried until it gave up (429, 529, 5xx). */
  | 'overloaded'
  | 'aborted'
  | 'other';

/** A failed model call, classified so the runtime knows whether a retry may help. */
export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ModelError';
  }

  /** Faults the runtime itself retries (the SDK does not retry a stream that failed after its 200). */
  get retryable(): boolean {
    return this.kind === 'stream_error' || this.kind === 'stalled';
  }
}

export function emptyUsage(): Usage {
  return { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
}

export function addUsage(total: Usage, u: Usage): Usage {
  total.input_tokens += u.input_tokens ?? 0;
  total.output_tokens += u.output_tokens ?? 0;
  total.cache_creation_input_tokens += u.cache_creation_input_tokens ?? 0;
  total.cache_read_input_tokens += u.cache_read_input_tokens ?? 0;
  return total;
}
