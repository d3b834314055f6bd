import type { Severity } from '../types.js';
import type { DockerfileModel, Instr, RunShell, Stage } from './model.js';
import type { ShellCommand, ShellWord } from './shell/types.js';
import type { ProjectContext } from './project.js';

/** hadolint's levels plus `ignore`: a rule that is off unless configured. */
export type RuleSeverity = Severity | 'ignore';

export interface TextEdit {
  /** Offsets into the Dockerfile text; `start === end` inserts. */
  start: number;
  end: number;
  text: string;
}

export interface RuleFix {
  /** What the fix changes, in a few words (`ADD -> COPY`). */
  description: string;
  edits: TextEdit[];
}

/** One problem a rule found. */
export interface RuleHit {
  /** Offset of the problem in the file (line and column derive from it). */
  offset: number;
  /** The instruction the hit belongs to: pragmas above it apply. */
  instr?: Instr;
  message?: string;
  /** Data the rule's `fix` needs. */
  data?: unknown;
}

export interface LabelSchema {
  [label: string]: 'text' | 'url' | 'semver' | 'hash' | 'rfc3339' | 'spdx' | 'email';
}

/** Settings some rules read (from `.hadolint.yaml`). */
export interface RuleSettings {
  trustedRegistries: string[];
  labelSchema: LabelSchema;
  strictLabels: boolean;
}

export interface RuleContext {
  file: string;
  text: string;
  model: DockerfileModel;
  settings: RuleSettings;
  /** The project the Dockerfile builds, when `check` sees it: the app-aware rules (DE1017-DE1021) need it. */
  project?: ProjectContext;
}

export interface Rule {
  id: string;
  severity: RuleSeverity;
  /** One line for `explain` and the default message. */
  description: string;
  /** Equivalents elsewhere: BuildKit check names, Trivy `DS-…`/`AVD-DS-…`, Checkov `CKV_DOCKER_…`. */
  aliases: string[];
  check(ctx: RuleContext): RuleHit[];
  /** Safe automatic repair of one hit, or undefined when it cannot be done safely. */
  fix?(ctx: RuleContext, hit: RuleHit): RuleFix | undefined;
}

export function hitAt(instr: Instr, message?: string, data?: unknown): RuleHit {
  return { offset: instr.start, instr, message, data };
}

/** A hit on a shell word or command inside a RUN. */
export function hitInRun(run: RunShell, at: { start: number }, message?: string, data?: unknown): RuleHit {
  return { offset: run.toFile(at.start), instr: run.instr, message, data };
}

export type { DockerfileModel, Instr, RunShell, Stage, ShellCommand, ShellWord };
