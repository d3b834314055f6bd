import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../tools/analyzers/types.js';
import type { ArtifactRecord, VerificationRecord, VerifyRun } from './schemas.js';

/** The part of the analyzers' report verification reads (tools/analyzers/index.ts `checkPaths`). */
export interface CheckReportLike {
  findings: Finding[];
  files: { path: string; kind: string }[];
}
export type CheckFn = (paths: string[]) => Promise<CheckReportLike>;

/**
 * Every file the run created or changed, with its content hash, plus the existing files the model named in its handoff
 * (marked changed: false). Names outside the project or that do not exist are dropped: the runtime lists only what it can hash.
 */
export async function collectArtifacts(cwd: string, changed: Iterable<string>, claimed: string[] = []): Promise<ArtifactRecord[]> {
  const records = new Map<string, ArtifactRecord>();
  const add = async (abs: string, wasChanged: boolean) => {
    const rel = path.relative(cwd, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel) || records.has(rel)) return;
    try {
      const bytes = await readFile(abs);
      records.set(rel, { path: rel, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, changed: wasChanged });
    } catch {
      /* deleted since, or never existed: nothing to hash */
    }
  };
  for (const abs of changed) await add(abs, true);
  for (const p of claimed) await add(path.resolve(cwd, p), false);
  return [...records.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** Runs the project's analyzers on the Dockerfiles, compose files and manifests among the artifacts. */
export async function verifyArtifacts(cwd: string, artifacts: ArtifactRecord[], check: CheckFn): Promise<VerificationRecord[]> {
  if (artifacts.length === 0) return [];
  const report = await check(artifacts.map((a) => path.join(cwd, a.path)));
  const records: VerificationRecord[] = [];
  for (const file of report.files) {
    if (file.kind === 'unknown') continue;
    const abs = path.resolve(cwd, file.path);
    const findings = report.findings
      .filter((f) => path.resolve(cwd, f.file) === abs)
      .map(({ rule, severity, message, line, column }) => ({ rule, severity, message, line, column }));
    const counts: Record<string, number> = { error: 0, warning: 0, info: 0, style: 0 };
    for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
    records.push({ file: path.relative(cwd, abs), kind: file.kind, findings, counts });
  }
  return records;
}

/** A Bash call of this run and what it returned (from the tool result's `[exit code N]` trailer). */
export interface ObservedCommand {
  command: string;
  exitCode: number;
}

/** `[exit code N]` at the end of a Bash result, 0 when it succeeded; undefined when it never ran (refused). */
export function observedExitCode(content: string, isError: boolean): number | undefined {
  if (!isError) return 0;
  if (/^(Permission denied:|Refused:)/.test(content)) return undefined;
  const m = /\[exit code (\d+)\]\s*$/.exec(content);
  return m ? Number(m[1]) : -1;
}

/**
 * The agent's account of its build-run-probe rounds, checked against what really ran: every command gets the exit
 * code the runtime saw, or `ran: false` when no such call was made (a claim the runtime cannot back).
 */
export function runRecords(runs: VerifyRun[], observed: ObservedCommand[], dockerfile = 'Dockerfile'): VerificationRecord[] {
  const pool = [...observed];
  return runs.map((r) => ({
    file: dockerfile,
    kind: 'run',
    findings: [],
    counts: {},
    round: r.round,
    outcome: r.outcome,
    detail: r.detail,
    ...(r.repair ? { repair: r.repair } : {}),
    commands: r.commands.map((command) => {
      const i = pool.findIndex((o) => o.command === command);
      if (i < 0) return { command, ran: false };
      const [o] = pool.splice(i, 1);
      return { command, exit_code: o.exitCode, ran: true };
    }),
  }));
}
