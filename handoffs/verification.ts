import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../tools/analyzers/types.js';
import type { ArtifactRecord, VerificationRecord } from './schemas.js';

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
