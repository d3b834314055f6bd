/**
 * The chat loop: read a line, run it as the next message of the session, show the run as it goes, repeat.
 * Each message is a run of its own on the same session (same id, same journal): the conversation goes on, and the
 * workflow starts over once the previous task handed off (a message before that continues the same workflow).
 * Ctrl-C cancels the turn in progress (its tools are killed through the run's abort signal); the session goes on.
 * MCP servers start at the first message that needs them and stay up for the whole chat (McpPool).
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { STEPS } from '../../handoffs/steps.js';
import { McpPool } from '../../agent/mcp/pool.js';
import { loadSession, sessionsDirFor, startSession, type SessionStartOptions, type StartedSession } from '../../agent/session/start-session.js';
import { currentWorkflowSteps } from '../../agent/session/workflow-state.js';
import type { CliIO } from '../io.js';
import { chatApprover } from './approver.js';
import { LineQueue } from './line-queue.js';
import { chatPrinter } from './render.js';
import { terminalStyle } from './terminal.js';

export interface ChatOptions {
  io: CliIO;
  /** Run options shared by every message (agent, model, permissions, limits, sessionsDir). */
  base: Omit<SessionStartOptions, 'task' | 'resume' | 'onEvent' | 'approver' | 'signal'>;
  firstMessage?: string;
  resume?: string;
}

const HELP = '/cost (what the session has cost), /steps (the workflow), /resume ID (switch to a saved session), /exit';

export async function runChat(options: ChatOptions): Promise<number> {
  const { io, base } = options;
  const cwd = realpathSync(path.resolve(base.cwd));
  const sessionsDir = sessionsDirFor(cwd, base.sessionsDir);
  const printer = chatPrinter((s) => io.stdout.write(s), terminalStyle(io.stdout, io.env));
  const say = printer.line;
  const tty = Boolean(io.stdin.isTTY);
  const queue = new LineQueue();
  const echoes = tty && Boolean(io.stdout.isTTY);
  const rl = readline.createInterface({ input: io.stdin, terminal: echoes, ...(tty ? { output: io.stdout } : {}) });
  rl.on('line', (l) => queue.push(l));
  rl.on('close', () => queue.end());

  let sessionId = options.resume;
  let current: StartedSession | undefined;
  let quitArmed = false;
  let turnCancelled = false;
  const mcpPool = new McpPool();
  const always = new Set<string>();
  const approver = chatApprover({
    cwd,
    always,
    say,
    cancelled: () => turnCancelled,
    ask: async (question) => {
      printer.breakLine();
      io.stdout.write(question);
      const answer = await queue.next();
      // A terminal echoes the answer and its Enter; piped input does not, so end the question's line here.
      if (!echoes) io.stdout.write('\n');
      return answer;
    },
  });

  const onInterrupt = () => {
    if (current) {
      say('^C cancelling this turn');
      turnCancelled = true;
      queue.cancel();
      current.abort('cancelled by Ctrl-C');
    } else if (quitArmed) queue.end();
    else {
      quitArmed = true;
      say('(Ctrl-C again, or /exit, to quit)');
    }
  };
  rl.on('SIGINT', onInterrupt);
  process.on('SIGINT', onInterrupt);

  const send = async (text: string): Promise<void> => {
    turnCancelled = false;
    try {
      current = await startSession({ ...base, cwd, task: text, resume: sessionId, approver, mcpPool, onEvent: printer.onEvent, onNotice: printer.notice });
    } catch (err) {
      say(`error: ${(err as Error).message}`);
      return;
    }
    sessionId = current.sessionId;
    try {
      printer.onResult(await current.result);
    } finally {
      current = undefined;
    }
  };

  const commands: Record<string, (arg: string) => Promise<boolean | void> | boolean | void> = {
    exit: () => true,
    quit: () => true,
    help: () => say(HELP),
    cost: () => {
      if (!sessionId) return say('$0.0000 (nothing sent yet)');
      const { rebuilt } = loadSession(sessionsDir, sessionId);
      say(`session ${sessionId}: $${rebuilt.costUsd.toFixed(4)} over ${rebuilt.runs} run(s)`);
    },
    steps: () => {
      if (!sessionId) return say('no task yet');
      const { steps, handedOff, previous } = currentWorkflowSteps(loadSession(sessionsDir, sessionId).rebuilt.messages);
      const shown = steps.length === 0 && handedOff ? previous : steps;
      if (steps.length === 0 && handedOff) say('the last task handed off; the next message starts a new workflow. Its steps were:');
      for (const name of STEPS) {
        const s = shown.find((x) => x.step === name);
        say(`  ${name.padEnd(9)} ${s ? `${s.status}: ${s.summary}` : 'pending'}`);
      }
    },
    resume: async (id) => {
      if (!id) return say('usage: /resume ID (see docker-expert sessions)');
      let loaded;
      try {
        loaded = loadSession(sessionsDir, id);
      } catch (err) {
        return say(`error: ${(err as Error).message}`);
      }
      loaded.notices.forEach(printer.notice);
      sessionId = id;
      const { rebuilt } = loaded;
      say(`resumed session ${id}: ${rebuilt.messages.length} message(s), task: ${rebuilt.lastTask ?? '(none)'}`);
      // A session cut off in the middle of a run (no result) goes on at once; a finished one waits for the next message.
      if (rebuilt.lastTask !== undefined && (!rebuilt.lastResult || rebuilt.unanswered.length > 0)) await send('');
    },
  };

  say(`docker-expert chat in ${cwd}. ${HELP}`);
  if (options.resume) await commands.resume(options.resume);
  if (options.firstMessage) await send(options.firstMessage);
  try {
    for (;;) {
      if (tty) io.stdout.write('> ');
      const line = await queue.next();
      if (line === null) break;
      quitArmed = false;
      const text = line.trim();
      if (text === '') continue;
      if (text.startsWith('/')) {
        const [name, ...rest] = text.slice(1).split(/\s+/);
        const handler = commands[name];
        if (!handler) say(`unknown command /${name}; ${HELP}`);
        else if ((await handler(rest.join(' '))) === true) break;
        continue;
      }
      await send(text);
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    rl.close();
    await mcpPool.close();
  }
  return 0;
}
