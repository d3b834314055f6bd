/** Issue 14.13: chat output fits the terminal, never puts a question after streamed text, and colours only when wanted. */
import tty from 'node:tty';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { chatPrinter, MAX_NOTICE_LINES, wrap } from '../../cli/chat/render.js';
import { useColor } from '../../cli/colour.js';
import { FALLBACK_COLUMNS, fitLine, plainStyle, terminalStyle } from '../../cli/chat/terminal.js';
import { startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';
import { BIN, cliEnv, finishTurn, project, waitFor } from '../sessions/helpers.js';

const printed = (columns: number, colour = false) => {
  let out = '';
  const style = colour ? terminalStyle({ isTTY: true, columns, hasColors: () => true } as never, {}) : plainStyle(columns);
  return { printer: chatPrinter((s) => (out += s), style), out: () => out };
};
const longCommand = `docker build --tag app:dev --build-arg A=${'x'.repeat(200)} .`;

describe('chat printer', () => {
  it.each([40, 80, 200])('status lines take at most the terminal width (%i), the cut ending in an ellipsis', (columns) => {
    const { printer, out } = printed(columns);
    printer.onEvent({ type: 'tool_start', tool_use_id: 't', name: 'Bash', input: { command: longCommand } });
    printer.onEvent({ type: 'permission', tool_use_id: 't', tool_name: 'Bash', behavior: 'deny', asked: false, reason: `because ${'y'.repeat(300)}` });
    const lines = out().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      expect([...l].length).toBeLessThanOrEqual(columns);
      expect(l.endsWith('…')).toBe(true);
    }
    expect(lines[0]).toMatch(/^ {2}-> Bash docker build --tag app:dev/);
  });

  it('a short status line is not cut; whitespace runs become one space', () => {
    expect(fitLine('docker   ps\n -a', 20)).toBe('docker ps -a');
    expect(fitLine('abcdef', 6)).toBe('abcdef');
    expect(fitLine('abcdefg', 6)).toBe('abcde…');
  });

  it('a long notice (an MCP server start-up error) takes at most MAX_NOTICE_LINES lines of the width, and is shown once', () => {
    const { printer, out } = printed(60);
    const message = `MCP server 'serena': MCP error -32000: Connection closed (stderr: ${'trace line '.repeat(100)})`;
    printer.onEvent({ type: 'notice', message });
    printer.onEvent({ type: 'notice', message });
    const lines = out().trimEnd().split('\n');
    expect(lines).toHaveLength(MAX_NOTICE_LINES);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(60);
    expect(lines[0]).toMatch(/^ {2}\.\. MCP server 'serena'/);
    expect(lines[1]).toMatch(/^ {5}\S/);
    expect(lines[2]!.endsWith('…')).toBe(true);
  });

  it('wraps notices at word boundaries, splitting only a word longer than the width', () => {
    expect(wrap('tools not available: mcp__Ref__*, mcp__serena__*', 24, 3)).toEqual(['tools not available:', 'mcp__Ref__*,', 'mcp__serena__*']);
    expect(wrap('x'.repeat(25), 10, 3)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    expect(wrap('a b c d e f', 3, 2)).toEqual(['a b', 'c …']);
  });

  it('breakLine ends streamed text so a question starts on its own line', () => {
    const { printer, out } = printed(80);
    printer.onEvent({ type: 'text_delta', text: 'I will remove the old container' });
    printer.breakLine();
    printer.breakLine();
    expect(out()).toBe('I will remove the old container\n');
  });

  it('colours denials red and the end green when colour is on, and writes no escape codes when it is off', () => {
    const on = printed(80, true);
    on.printer.onEvent({ type: 'permission', tool_use_id: 't', tool_name: 'Bash', behavior: 'deny', asked: false, reason: 'no' });
    expect(on.out()).toBe('\u001b[31m  !! Bash denied: no\u001b[39m\n');
    const off = printed(80);
    off.printer.onEvent({ type: 'permission', tool_use_id: 't', tool_name: 'Bash', behavior: 'deny', asked: false, reason: 'no' });
    expect(off.out()).not.toContain('\u001b[');
  });
});

describe('when to colour', () => {
  // Node's own tty.WriteStream#hasColors, which reads NO_COLOR, NODE_DISABLE_COLORS and TERM from the env it is given.
  const hasColors = (env: NodeJS.ProcessEnv) => tty.WriteStream.prototype.hasColors.call({} as never, env as never);
  const terminal = { isTTY: true, columns: 120, hasColors } as never;
  const pipe = { isTTY: false } as never;

  it.each([
    ['a terminal', terminal, { TERM: 'xterm-256color' }, true],
    ['a terminal with NO_COLOR', terminal, { TERM: 'xterm-256color', NO_COLOR: '1' }, false],
    ['a dumb terminal', terminal, { TERM: 'dumb' }, false],
    ['a terminal with FORCE_COLOR=0', terminal, { TERM: 'xterm-256color', FORCE_COLOR: '0' }, false],
    ['a pipe', pipe, {}, false],
    ['a pipe with FORCE_COLOR=1', pipe, { FORCE_COLOR: '1' }, true],
    ['a pipe with FORCE_COLOR and NO_COLOR (the opt-out wins, as check has always done)', pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, false],
    ['a pipe with FORCE_COLOR=false', pipe, { FORCE_COLOR: 'false' }, false],
  ])('%s', (_name, out, env, want) => {
    expect(useColor(out, env)).toBe(want);
  });

  it('the width is the terminal\'s, or FALLBACK_COLUMNS off a terminal', () => {
    expect(terminalStyle(terminal, {}).columns()).toBe(120);
    expect(terminalStyle(pipe, {}).columns()).toBe(FALLBACK_COLUMNS);
  });
});

describe('chat output through the CLI', () => {
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('puts the approval question on a line of its own after streamed text; colour only with FORCE_COLOR', async () => {
    const dir = project();
    const outputs: string[] = [];
    for (const colour of [{ FORCE_COLOR: '1', NO_COLOR: '' }, { FORCE_COLOR: '', NO_COLOR: '1' }]) {
      server = await startScriptedServer([
        toolTurn([toolUse('WorkflowStep', { step: 'analyze', status: 'done', summary: 'x' })]),
        toolTurn([toolUse('Bash', { command: 'docker rm old-app' })], 'Removing the old container now'),
        finishTurn('Done.'),
      ]);
      const child = execa(process.execPath, [BIN, 'chat', '--cwd', dir, '--strict-mcp-config'], { env: { ...cliEnv(server.url), ...colour }, reject: false });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stdin!.write('remove it\n');
      await waitFor(() => out.includes('[y]es / [n]o / [a]lways'), 20_000, 'the approval question');
      child.stdin!.end('n\n/exit\n');
      const r = await child;
      expect(r.exitCode, r.stderr).toBe(0);
      outputs.push(out);
      await server.close();
      server = undefined;
    }
    const [coloured, plain] = outputs as [string, string];
    expect(plain).toMatch(/Removing the old container now\n {2}\? Allow Bash docker rm old-app\n/);
    expect(plain).toMatch(/\[y\]es \/ \[n\]o \/ \[a\]lways: \n {2}!! Bash denied: the user declined/);
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[31m  !! Bash denied: the user declined');
  }, 60_000);
});
