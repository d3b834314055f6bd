import type { AssistantMessage, ContentBlock, Message, ToolResultBlock, ToolUseBlock } from '../types.js';

/** One model turn of the offline expert: tool calls to make, or a final text. */
export type Turn = { calls: { name: string; input: unknown }[]; text?: string } | { final: string };

export interface CallResult {
  content: string;
  isError: boolean;
}

/** A scripted expert: yields turns and receives the results of each turn's calls, in order. */
export type Script = AsyncGenerator<Turn, string, CallResult[]>;

/**
 * The offline expert keeps no state of its own: for every request it replays its script against the transcript (the
 * turns it already took and the results they got), so a resumed session continues exactly where it stopped.
 */
export async function nextTurn(makeScript: () => Script, messages: Message[], setLive: (live: boolean) => void = () => {}): Promise<{ turn: Turn; index: number }> {
  const past = pastTurns(messages);
  const script = makeScript();
  // `live` is true while the script computes the turn it will actually take (waits happen then, not on replay).
  setLive(past.length === 0);
  let step = await script.next(undefined as unknown as CallResult[]);
  for (let i = 0; ; i++) {
    if (step.done) return { turn: { final: step.value }, index: i };
    if (i >= past.length) return { turn: step.value, index: i };
    setLive(i + 1 >= past.length);
    step = await script.next(past[i]);
  }
}

/** The results each past assistant turn received, matched by tool_use id (a missing result counts as an error). */
function pastTurns(messages: Message[]): CallResult[][] {
  const turns: CallResult[][] = [];
  messages.forEach((m, i) => {
    if (m.role !== 'assistant' || typeof m.content === 'string') return;
    const uses = m.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
    if (uses.length === 0) return;
    const next = messages[i + 1];
    const results = next && typeof next.content !== 'string' ? next.content.filter((b): b is ToolResultBlock => b.type === 'tool_result') : [];
    turns.push(
      uses.map((u) => {
        const r = results.find((x) => x.tool_use_id === u.id);
        if (!r) return { content: 'no result (interrupted)', isError: true };
        const content = typeof r.content === 'string' ? r.content : r.content.map((c) => c.text).join('');
        return { content, isError: r.is_error === true };
      }),
    );
  });
  return turns;
}

export function toAssistantMessage(turn: Turn, index: number, model: string): AssistantMessage {
  const content: ContentBlock[] = [];
  if ('final' in turn) {
    content.push({ type: 'text', text: turn.final });
  } else {
    if (turn.text) content.push({ type: 'text', text: turn.text });
    turn.calls.forEach((c, k) => content.push({ type: 'tool_use', id: `toolu_offline_${String(index).padStart(3, '0')}_${k}`, name: c.name, input: c.input }));
  }
  return {
    id: `msg_offline_${String(index).padStart(3, '0')}`,
    role: 'assistant',
    model,
    content,
    stop_reason: 'final' in turn ? 'end_turn' : 'tool_use',
    usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}
