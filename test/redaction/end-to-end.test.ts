/**
 * The redaction corpus through a real run: the CLI bundle against the scripted Messages API, every case read by the
 * model with Read (one case also with Bash), the run exporting OpenTelemetry with content capture on to an OTLP/HTTP
 * receiver on loopback (protobuf, then JSON). No secret of the corpus may reach the next model request, the session
 * journal (blobs and saved outputs included), the stream-json events or the exported telemetry (its bytes, and every
 * string decoded out of them); every look-alike must reach them intact. With --no-redact the secrets do go through
 * (the test can fail), and the run says so.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.js';
import { writeReaderAgents } from '../support/reader-agents.js';
import { endTurn, startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';
import { LOOKALIKES, SECRETS } from './corpus.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/docker-expert.js');
let server: ScriptedServer | undefined;
let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await server?.close();
  await receiver?.close();
  server = receiver = undefined;
});

/** A project holding one file per corpus case. */
export function corpusProject(): { dir: string; secretFiles: string[]; lookalikeFiles: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'de-redact-'));
  mkdirSync(path.join(dir, 'cases'));
  writeReaderAgents(dir);
  const secretFiles = SECRETS.map((s, i) => {
    const f = path.join(dir, 'cases', `secret-${String(i).padStart(2, '0')}.txt`);
    writeFileSync(f, s.text);
    return f;
  });
  const lookalikeFiles = LOOKALIKES.map((l, i) => {
    const f = path.join(dir, 'cases', `plain-${String(i).padStart(2, '0')}.txt`);
    writeFileSync(f, l.text);
    return f;
  });
  return { dir, secretFiles, lookalikeFiles };
}

/** Every file under a folder, as one string (journal, meta, blobs, saved tool outputs). */
export function allText(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    const f = path.join(dir, name);
    out += statSync(f).isDirectory() ? allText(f) : readFileSync(f, 'utf8');
  }
  return out;
}

/** How the look-alike text appears inside a JSON string (the request body and journal are JSON). */
export const asJson = (s: string) => JSON.stringify(s).slice(1, -1);

/** Each line of a case as Read shows it (JSON-escaped), which the destination must hold. */
export function lookalikeLines(): string[] {
  return LOOKALIKES.flatMap((l) => l.text.split('\n').filter((line) => line.trim() !== '').map(asJson));
}

/** One turn reading `files` and `cat`-ing `bashFile`; with `childFiles`, a Task sub-agent (`helper`) reads those too. */
export function corpusScript(files: string[], bashFile: string, childFiles: string[] = []) {
  const task = childFiles.length ? [toolUse('Task', { description: 'read some cases', prompt: 'Read the cases you are given.', subagent_type: 'helper' })] : [];
  const child = childFiles.length ? [toolTurn(childFiles.map((f) => toolUse('Read', { file_path: f }))), endTurn('Read them.')] : [];
  return [
    toolTurn([...files.map((f) => toolUse('Read', { file_path: f })), toolUse('Bash', { command: `cat cases/${path.basename(bashFile)}`, description: 'show a case' }), ...task]),
    ...child,
    endTurn('Read every case.'),
  ];
}

/** Every string exported in the spans and metric points (names, attribute and event values, status messages), JSON
 * values (the captured messages and tool arguments) unpacked down to their strings. */
export function telemetryStrings(r: OtlpReceiver): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      out.push(v);
      if (/^\s*[[{]/.test(v)) {
        try {
          walk(JSON.parse(v));
        } catch {
          // Not JSON after all: the string itself is in.
        }
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const s of r.spans) walk([s.name, s.attributes, s.events, s.status.message ?? '', s.resource]);
  for (const p of r.points) walk([p.metric, p.attributes]);
  return out.join('\n');
}

/** The OTLP variables for a run exporting to `r`, prompts and tool results included. */
function otel(r: OtlpReceiver, protocol: 'http/protobuf' | 'http/json'): Record<string, string> {
  return { OTEL_EXPORTER_OTLP_ENDPOINT: r.url, OTEL_EXPORTER_OTLP_PROTOCOL: protocol, OTEL_GENAI_CAPTURE_CONTENT: 'true', OTEL_SERVICE_NAME: 'de-redaction-test' };
}

function run(dir: string, extra: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, [BIN, 'run', '--strict-mcp-config', '--no-verify', '--output-format', 'stream-json', '--agent', 'reader', '--cwd', dir, ...extra, 'Read the cases'], {
    env: { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: server!.url, OTEL_SDK_DISABLED: undefined, OTEL_TRACES_EXPORTER: undefined, ...env },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
    timeout: 60_000,
  });
}

describe('redaction end to end', () => {
  it.each(['http/protobuf', 'http/json'] as const)('keeps every corpus secret out of the model request, the journal, the events and the telemetry (%s), and every look-alike in', async (protocol) => {
    const { dir, secretFiles, lookalikeFiles } = corpusProject();
    const fileOf = (kind: string) => secretFiles[SECRETS.findIndex((s) => s.kind === kind)];
    const dockerInspect = fileOf('env-secret');
    // A sub-agent reads three kinds as well: its own chat spans carry what it read.
    const childKinds = ['env-secret', 'private-key', 'kubernetes-secret'];
    server = await startScriptedServer(corpusScript([...secretFiles, ...lookalikeFiles], dockerInspect, childKinds.map(fileOf)));
    receiver = await startOtlpReceiver();
    const res = await run(dir, [], otel(receiver, protocol));
    expect(res.stderr).not.toContain('--no-redact');
    expect(res.exitCode, res.stderr).toBe(0);
    // The parent's second request (the sub-agent's two came between): every result of the first turn.
    const last = server.messageRequests.at(-1)!;
    expect(server.messageRequests).toHaveLength(4);
    const request = JSON.stringify(last.body.messages);
    const journal = allText(path.join(dir, '.docker-expert', 'sessions'));
    const events = res.stdout;
    // The exporter's own bytes (protobuf strings are their UTF-8 bytes as they are), and what decodes out of them.
    expect(receiver.spans.length).toBeGreaterThan(0);
    const wire = receiver.bodies.map((b) => b.toString('latin1')).join('\n');
    const exported = telemetryStrings(receiver);
    for (const s of SECRETS) for (const secret of s.secrets) expect([wire.includes(secret), exported.includes(secret)], `telemetry: ${s.kind} ${secret}`).toEqual([false, false]);
    // Content was captured (so the check above looked at the tool results): every kind's placeholder, every look-alike line.
    for (const s of SECRETS) expect(exported, `telemetry: ${s.kind}`).toContain(`[REDACTED:${s.kind}]`);
    for (const l of LOOKALIKES) for (const line of l.text.split('\n').filter((x) => x.trim() !== '')) expect(exported, `telemetry: look-alike (${l.why})`).toContain(line);
    const [child] = receiver.spans.filter((sp) => sp.name === 'invoke_agent helper');
    const childInput = receiver.spans
      .filter((sp) => sp.parentSpanId === child.spanId && sp.name.startsWith('chat '))
      .map((sp) => String(sp.attributes['gen_ai.input.messages']))
      .join('\n');
    for (const kind of childKinds) expect(childInput, `sub-agent: ${kind}`).toContain(`[REDACTED:${kind}]`);
    // Each case answered, not refused.
    const results = last.body.messages.at(-1).content;
    expect(results).toHaveLength(secretFiles.length + lookalikeFiles.length + 2);
    for (const r of results) expect(r.is_error, String(r.content)).toBeUndefined();
    for (const [where, text] of Object.entries({ request, journal, events })) {
      for (const s of SECRETS) for (const secret of s.secrets) expect(text, `${where}: ${s.kind} ${secret}`).not.toContain(asJson(secret));
      for (const s of SECRETS) expect(text, `${where}: ${s.kind}`).toContain(`[REDACTED:${s.kind}]`);
      for (const line of lookalikeLines()) expect(text, `${where}: look-alike`).toContain(line);
    }
    // Each redacted result is reported with its count.
    const notices = events.split('\n').filter((l) => l.includes('"subtype":"notice"') && l.includes('redacted '));
    expect(notices.length).toBe(secretFiles.length + 1);
    expect(notices.some((l) => /redacted \d+ secrets? \(.*env-secret.*\) from the Bash result/.test(l))).toBe(true);
  }, 90_000);

  it('--no-redact lets the secrets through, to the telemetry too, and says so', async () => {
    const { dir, secretFiles } = corpusProject();
    server = await startScriptedServer(corpusScript(secretFiles.slice(0, 3), secretFiles[3]));
    receiver = await startOtlpReceiver();
    const res = await run(dir, ['--no-redact'], otel(receiver, 'http/protobuf'));
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stderr).toContain('--no-redact: secrets in tool output are NOT redacted in this run');
    const request = JSON.stringify(server.messageRequests[1].body.messages);
    for (const s of SECRETS.slice(0, 4)) for (const secret of s.secrets) expect(request, request.slice(-3000)).toContain(asJson(secret));
    expect(request).not.toContain('[REDACTED:');
    // The telemetry check of the test above can fail: unredacted, the secrets are in the exported bytes.
    const wire = receiver.bodies.map((b) => b.toString('latin1')).join('\n');
    const exported = telemetryStrings(receiver);
    for (const s of SECRETS.slice(0, 4)) for (const secret of s.secrets) expect([wire.includes(secret), exported.includes(secret)], `telemetry: ${s.kind} ${secret}`).toEqual([true, true]);
    expect(exported).not.toContain('[REDACTED:');
  }, 60_000);
});
