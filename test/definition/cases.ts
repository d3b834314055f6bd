/**
 * Definition files written for the loader tests: each is the whole file text (or bytes) and what loading it must give.
 * `line` is the 1-based line the error must name.
 */
export interface DefinitionCase {
  name: string;
  content: string | Uint8Array;
  ok?: {
    name?: string;
    tools?: string[] | 'all';
    targets?: string[];
    body?: RegExp;
    warnings?: RegExp[];
    check?: (def: any) => void;
  };
  error?: { line: number; match: RegExp };
}

const fm = (yaml: string, body = 'You are a test agent.') => `---\n${yaml}\n---\n${body}\n`;

export const CASES: DefinitionCase[] = [
  { name: 'minimal', content: fm('name: mini\ndescription: A minimal agent'), ok: { name: 'mini', tools: 'all', targets: [] } },
  { name: 'tools as comma string', content: fm('name: a\ndescription: d\ntools: Read, Grep, Glob'), ok: { tools: ['Read', 'Grep', 'Glob'] } },
  { name: 'tools as YAML list', content: fm('name: a\ndescription: d\ntools:\n  - Read\n  - Bash(docker:*)'), ok: { tools: ['Read', 'Bash(docker:*)'] } },
  { name: 'tools as flow list', content: fm('name: a\ndescription: d\ntools: ["Read", "Write"]'), ok: { tools: ['Read', 'Write'] } },
  { name: 'tools star means all', content: fm('name: a\ndescription: d\ntools: ["*"]'), ok: { tools: 'all' } },
  { name: 'tools folded over lines', content: fm('name: a\ndescription: d\ntools: Read, Bash(docker:*),\n  Bash(podman:*), mcp__Ref__*'), ok: { tools: ['Read', 'Bash(docker:*)', 'Bash(podman:*)', 'mcp__Ref__*'] } },
  { name: 'Agent folds into Task', content: fm('name: a\ndescription: d\ntools: Agent, Read'), ok: { check: (d) => { if (d.tools[0].tool !== 'Task') throw new Error('Agent not folded'); } } },
  { name: 'comma inside parentheses', content: fm('name: a\ndescription: d\ntools: Task(worker, researcher), Read'), ok: { tools: ['Task(worker, researcher)', 'Read'] } },
  { name: 'CRLF line endings', content: '---\r\nname: crlf\r\ndescription: d\r\ntools: Read\r\n---\r\nBody line\r\n', ok: { name: 'crlf', tools: ['Read'], body: /^Body line$/ } },
  { name: 'UTF-8 BOM', content: '\uFEFF---\nname: bom\ndescription: d\n---\nbody\n', ok: { name: 'bom' } },
  { name: 'quoted colons in description', content: fm('name: a\ndescription: "Use when: things: happen"'), ok: { check: (d) => { if (d.description !== 'Use when: things: happen') throw new Error(d.description); } } },
  { name: 'multi-line single-quoted description with routing (seed style)', content: fm("name: a\ndescription: 'ALWAYS use when: x\n\n  NEVER use when: y\n\n  Runs AFTER: z\n\n  Hands off to: workflow-orchestrator, terminal'"), ok: { targets: ['workflow-orchestrator', 'terminal'], check: (d) => { if (d.routing.runsAfter !== 'z' || d.routing.neverUseWhen !== 'y') throw new Error(JSON.stringify(d.routing)); } } },
  { name: 'block literal description', content: fm('name: a\ndescription: |\n  Does things.\n  Hands off to: None (terminal agent)'), ok: { targets: ['terminal'] } },
  { name: 'folded description', content: fm('name: a\ndescription: >\n  one\n  two'), ok: { check: (d) => { if (d.description.trim() !== 'one two') throw new Error(d.description); } } },
  { name: 'empty body', content: '---\nname: a\ndescription: d\n---\n', ok: { body: /^$/ } },
  { name: 'all Claude Code fields', content: fm('name: full\ndescription: d\ntools: Read\ndisallowedTools: Write\nmodel: opus\npermissionMode: plan\nmaxTurns: 7\nmcpServers: [Ref, {local: {command: x}}]\nskills: a, b\nhooks: {PreToolUse: []}\nmemory: project\neffort: high\nbackground: false\nisolation: worktree\ninitialPrompt: hi\ncolor: blue'), ok: { check: (d) => { if (d.maxTurns !== 7 || d.permissionMode !== 'plan' || d.skills.join() !== 'a,b' || d.disallowedTools[0].raw !== 'Write' || d.isolation !== 'worktree') throw new Error('fields'); } } },
  { name: 'unknown field kept and warned', content: fm('name: a\ndescription: d\nmode: fast'), ok: { warnings: [/:4: unknown field 'mode'/], check: (d) => { if (d.extra.mode !== 'fast') throw new Error('extra lost'); } } },
  { name: 'Claude Code only tool warned', content: fm('name: a\ndescription: d\ntools: Read, WebFetch'), ok: { tools: ['Read'], warnings: [/WebFetch/] } },
  { name: 'mcp server forms', content: fm('name: a\ndescription: d\ntools: mcp__Ref, mcp__serena__find_symbol, mcp__sequential_thinking__*'), ok: { tools: ['mcp__Ref', 'mcp__serena__find_symbol', 'mcp__sequential_thinking__*'] } },
  { name: 'tabs in body are fine', content: fm('name: a\ndescription: d', '\tindented\tbody'), ok: { body: /^indented\tbody$/ } },
  { name: 'huge body under the limit', content: fm('name: a\ndescription: d', 'x'.repeat(900_000)), ok: { name: 'a' } },
  // errors
  { name: 'invalid YAML', content: fm('name: a\ndescription: d\ntools: [Read,\nmodel: x'), error: { line: 5, match: /invalid YAML/ } },
  { name: 'tab-indented YAML', content: fm('name: a\ndescription: d\ntools:\n\t- Read'), error: { line: 5, match: /invalid YAML/ } },
  { name: 'missing name', content: fm('description: d'), error: { line: 2, match: /missing required field 'name'/ } },
  { name: 'missing description', content: fm('name: a'), error: { line: 2, match: /missing required field 'description'/ } },
  { name: 'tools wrong type', content: fm('name: a\ndescription: d\ntools: 42'), error: { line: 4, match: /field 'tools'/ } },
  { name: 'unknown tool name', content: fm('name: a\ndescription: d\nmodel: sonnet\ntools: Read, Raed'), error: { line: 5, match: /unknown tool 'Raed'/ } },
  { name: 'maxTurns not a number', content: fm('name: a\ndescription: d\nmaxTurns: many'), error: { line: 4, match: /field 'maxTurns'/ } },
  { name: 'bad permissionMode', content: fm('name: a\ndescription: d\n\npermissionMode: yolo'), error: { line: 5, match: /permissionMode/ } },
  { name: 'name with colon', content: fm('name: "plug:agent"\ndescription: d'), error: { line: 2, match: /may not contain ':'/ } },
  { name: 'no frontmatter', content: 'just markdown\n', error: { line: 1, match: /missing YAML frontmatter/ } },
  { name: 'unclosed frontmatter', content: '---\nname: a\ndescription: d\n', error: { line: 1, match: /never closed/ } },
  { name: 'frontmatter is a list', content: '---\n- a\n- b\n---\n', error: { line: 2, match: /mapping/ } },
  { name: 'duplicate key', content: fm('name: a\ndescription: d\nname: b'), error: { line: 4, match: /invalid YAML/ } },
  { name: 'non-UTF-8 bytes', content: Uint8Array.from([...Buffer.from('---\nname: a\ndescription: caf'), 0xe9, ...Buffer.from('\n---\n')]), error: { line: 3, match: /not valid UTF-8/ } },
  { name: 'huge file over the limit', content: fm('name: a\ndescription: d', 'x'.repeat(1_100_000)), error: { line: 1, match: /over the limit/ } },
  { name: 'empty specifier', content: fm('name: a\ndescription: d\ntools: Bash()'), error: { line: 4, match: /empty specifier/ } },
  { name: 'malformed mcp name', content: fm('name: a\ndescription: d\ntools: mcp__'), error: { line: 4, match: /not an MCP tool name/ } },
];
