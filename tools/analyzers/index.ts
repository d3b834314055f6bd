import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { collectFiles, DEFAULT_MAX_FILE_BYTES, detectKind, FILE_KIND_RULE, FILE_LIMIT_RULE, FILE_READ_RULE } from './detect.js';
import type { CollectedFile } from './detect.js';
import { SEVERITIES } from './types.js';
import type { FileKind, Finding, Severity } from './types.js';

export { detectKind, collectFiles, DEFAULT_MAX_FILES, DEFAULT_MAX_FILE_BYTES } from './detect.js';

export type Threshold = Severity | 'none';

export interface CheckOptions {
  /** Paths are resolved against it and reported relative to it (default: process.cwd()). */
  cwd?: string;
  /** Lowest severity that makes the report fail (default: `.hadolint.yaml` failure-threshold, else `info`, as hadolint). */
  threshold?: Threshold;
  /** Apply the safe fixes to the files before reporting what is left. */
  fix?: boolean;
  maxFiles?: number;
  maxFileBytes?: number;
  /** Optional checks to turn on, by id (K8S-IMG-PULL-POLICY, K8S-RES-EPHEMERAL). */
  enable?: string[];
  /** Registries images may come from (turns on K8S-IMG-REGISTRY). */
  trustedRegistries?: string[];
  /** Kubernetes version the manifests are for (`1.29`): what K8S-API-DEPRECATED reports (default: the newest). */
  targetKubernetesVersion?: string;
  /** `false`: do not read the project beside each Dockerfile (the app-aware rules DE1017-DE1021 stay silent). */
  project?: boolean;
  /** `--kind`: the kind of the files named explicitly. */
  kind?: 'dockerfile' | 'compose' | 'kubernetes';
  /** ShellCheck on Dockerfile RUN scripts (`SC####`): where the binary is; `false` (`--no-shellcheck`) turns it off. */
  shellcheck?: ShellcheckOptions | false;
}

export interface FileChange {
  file: string;
  rule: string;
  line: number;
  description: string;
}

export interface CheckSummary {
  files: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  byKind: Record<FileKind, number>;
  threshold: Threshold;
  /** True when some finding is at or above the threshold (exit code 1). */
  failed: boolean;
  /** Changes `--fix` made. */
  fixed: number;
}

/** The `docker-expert check --format json` document (CONTRACT.md). */
export interface CheckReport {
  findings: Finding[];
  files: { path: string; kind: FileKind }[];
  summary: CheckSummary;
  /** Present with `fix`: each change made. */
  changes?: FileChange[];
  /** What was not checked and why (no ShellCheck binary: the SC checks were skipped), each said once; not findings. */
  notices?: string[];
}

/** Decision: warning, so info and style findings (digest pinning, NetworkPolicy hints) are reported without failing. */
export const DEFAULT_THRESHOLD: Threshold = 'warning';

/** Whether `severity` is at or above `threshold` (`none` never is). */
export function atOrAbove(severity: Severity, threshold: Threshold): boolean {
  if (threshold === 'none') return false;
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

type DockerfileModule = typeof import('./dockerfile/index.js');
type HadolintConfig = import('./dockerfile/index.js').HadolintConfig;
type ShellcheckOptions = import('./dockerfile/index.js').ShellcheckOptions;

/** `.hadolint.yaml` for each folder, looked up from the file's folder up to cwd. */
function configLoader(dockerfile: DockerfileModule, cwd: string): (abs: string) => Promise<HadolintConfig | undefined> {
  const cache = new Map<string, Promise<HadolintConfig | undefined>>();
  return (abs) => {
    const dir = path.dirname(abs);
    const inside = !path.relative(cwd, dir).startsWith('..');
    let p = cache.get(dir);
    if (!p) {
      p = dockerfile.loadHadolintConfig(dir, { root: inside ? cwd : dir });
      cache.set(dir, p);
    }
    return p;
  };
}

/**
 * Analyzes files and folders: Dockerfiles, Compose files and Kubernetes manifests (all manifests together, so
 * cross-object checks see each other). Bad files are findings; a bad `.hadolint.yaml` throws HadolintConfigError.
 */
export async function checkPaths(paths: string[], opts: CheckOptions = {}): Promise<CheckReport> {
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const collection = await collectFiles(paths.length ? paths : ['.'], { cwd, maxFiles: opts.maxFiles, maxFileBytes: opts.maxFileBytes, kind: opts.kind });
  const findings: Finding[] = [...collection.findings];
  const changes: FileChange[] = [];
  const notices = new Set<string>();
  let threshold = opts.threshold;

  const dockerfiles = collection.files.filter((f) => f.kind === 'dockerfile' && f.text !== undefined);
  // The app-aware rules see the project in each Dockerfile's folder (its usual build context), read once per folder.
  const projects = new Map<string, Promise<import('./dockerfile/project.js').ProjectContext | undefined>>();
  const projectFor = (dir: string) => {
    let p = projects.get(dir);
    if (!p) projects.set(dir, (p = opts.project === false ? Promise.resolve(undefined) : import('./project-context.js').then((m) => m.projectContext(dir))));
    return p;
  };
  if (dockerfiles.length) {
    const dockerfile = await import('./dockerfile/index.js');
    const configFor = configLoader(dockerfile, cwd);
    for (const f of dockerfiles) {
      const config = await configFor(f.abs);
      if (threshold === undefined && config?.failureThreshold) threshold = config.failureThreshold;
      let text = f.text!;
      if (opts.fix) {
        const fixed = await dockerfile.fixDockerfile(text, { file: f.path, config });
        if (fixed.text !== text) {
          await writeFile(f.abs, fixed.text);
          text = fixed.text;
          for (const c of fixed.changes) changes.push({ file: f.path, rule: c.rule, line: c.line, description: c.description });
        }
      }
      // One size limit: what --max-file-bytes let through is analyzed whole.
      findings.push(
        ...(await dockerfile.analyzeDockerfile(text, {
          file: f.path,
          config,
          project: await projectFor(path.dirname(f.abs)),
          maxChars: opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
          shellcheck: opts.shellcheck,
          onNotice: (n) => notices.add(n),
        })),
      );
    }
  }

  const composeFiles = collection.files.filter((f) => f.kind === 'compose' && f.text !== undefined);
  if (composeFiles.length) {
    const { analyzeCompose } = await import('./compose/index.js');
    const { fixCompose } = opts.fix ? await import('./compose/fix.js') : { fixCompose: undefined };
    for (const f of composeFiles) {
      let text = f.text!;
      if (fixCompose) {
        const fixed = fixCompose(text);
        if (fixed.text !== text) {
          await writeFile(f.abs, fixed.text);
          text = fixed.text;
          for (const c of fixed.changes) changes.push({ file: f.path, ...c });
        }
      }
      findings.push(...analyzeCompose(text, { file: f.path }));
    }
  }

  const manifests = collection.files.filter((f) => f.kind === 'kubernetes' && f.text !== undefined);
  if (manifests.length) {
    const { analyzeKubernetes } = await import('./kubernetes/index.js');
    findings.push(...analyzeKubernetes(manifests.map((f) => ({ file: f.path, text: f.text! })), { enable: new Set(opts.enable ?? []), trustedRegistries: opts.trustedRegistries, targetKubernetesVersion: opts.targetKubernetesVersion }));
  }

  return buildReport(sortFindings(findings), collection.files, threshold ?? DEFAULT_THRESHOLD, opts.fix ? changes : undefined, [...notices]);
}

function buildReport(findings: Finding[], files: CollectedFile[], threshold: Threshold, changes: FileChange[] | undefined, notices: string[] = []): CheckReport {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity]++;
  const byKind: Record<FileKind, number> = { dockerfile: 0, compose: 0, kubernetes: 0, unknown: 0 };
  for (const f of files) byKind[f.kind]++;
  const report: CheckReport = {
    findings,
    files: files.map((f) => ({ path: f.path, kind: f.kind })),
    summary: {
      files: files.length,
      findings: findings.length,
      bySeverity,
      byKind,
      threshold,
      failed: findings.some((f) => atOrAbove(f.severity, threshold)),
      fixed: changes?.length ?? 0,
    },
  };
  if (changes) report.changes = changes;
  if (notices.length) report.notices = notices;
  return report;
}

export interface CheckTextOptions {
  /** Default: detected from `file` and the text. */
  kind?: FileKind;
  /** Path reported in findings. */
  file: string;
  enable?: string[];
  trustedRegistries?: string[];
  targetKubernetesVersion?: string;
  /** As CheckOptions.shellcheck. */
  shellcheck?: ShellcheckOptions | false;
  /** Told what was not checked and why (no ShellCheck binary); not findings. */
  onNotice?: (message: string) => void;
}

/** Analyzes one file's text. An unknown kind yields a single FILE-KIND finding. */
export async function checkText(text: string, opts: CheckTextOptions): Promise<Finding[]> {
  const kind = opts.kind ?? detectKind(opts.file, text);
  switch (kind) {
    case 'dockerfile': {
      const { analyzeDockerfile } = await import('./dockerfile/index.js');
      return sortFindings(await analyzeDockerfile(text, { file: opts.file, shellcheck: opts.shellcheck, onNotice: opts.onNotice }));
    }
    case 'compose': {
      const { analyzeCompose } = await import('./compose/index.js');
      return sortFindings(analyzeCompose(text, { file: opts.file }));
    }
    case 'kubernetes': {
      const { analyzeKubernetes } = await import('./kubernetes/index.js');
      return sortFindings(analyzeKubernetes([{ file: opts.file, text }], { enable: new Set(opts.enable ?? []), trustedRegistries: opts.trustedRegistries, targetKubernetesVersion: opts.targetKubernetesVersion }));
    }
    default:
      return [{ rule: FILE_KIND_RULE, severity: 'info', message: 'not a Dockerfile, Compose file or Kubernetes manifest: not analyzed', file: opts.file, line: 1, column: 1, aliases: [] }];
  }
}

/**
 * `check -`: one text read from stdin, reported as the file `-`; its kind is `kind`, else a Dockerfile when it starts
 * like one, else what its YAML says.
 */
export async function checkStdin(
  text: string,
  opts: { kind?: 'dockerfile' | 'compose' | 'kubernetes'; threshold?: Threshold; enable?: string[]; trustedRegistries?: string[]; targetKubernetesVersion?: string; shellcheck?: ShellcheckOptions | false },
): Promise<CheckReport> {
  const kind: FileKind = opts.kind ?? (/^(?:\s*(?:#[^\n]*)?\n)*\s*(FROM|ARG)\s+\S/i.test(text) ? 'dockerfile' : detectKind('-.yaml', text));
  const notices = new Set<string>();
  const findings = await checkText(text, { file: '-', kind, enable: opts.enable, trustedRegistries: opts.trustedRegistries, targetKubernetesVersion: opts.targetKubernetesVersion, shellcheck: opts.shellcheck, onNotice: (n) => notices.add(n) });
  return buildReport(findings, [{ path: '-', abs: '-', kind, text }], opts.threshold ?? DEFAULT_THRESHOLD, undefined, [...notices]);
}

export interface RuleDescription {
  id: string;
  kind: FileKind | 'any';
  /** Default severity; `ignore` means off unless turned on. */
  severity: Severity | 'ignore';
  title: string;
  aliases: string[];
  helpUri?: string;
  fixable: boolean;
  /** Off unless enabled. */
  optional: boolean;
}

const GENERAL_RULES: RuleDescription[] = [
  { id: FILE_READ_RULE, kind: 'any', severity: 'error', title: 'File cannot be read, or is not UTF-8 text', aliases: ['DL1000'], fixable: false, optional: false },
  { id: FILE_LIMIT_RULE, kind: 'any', severity: 'warning', title: 'File or folder over a limit (--max-files, --max-file-bytes): not analyzed', aliases: [], fixable: false, optional: false },
  { id: FILE_KIND_RULE, kind: 'any', severity: 'info', title: 'Not a Dockerfile, Compose file or Kubernetes manifest', aliases: [], fixable: false, optional: false },
];

const HADOLINT_WIKI = 'https://github.com/hadolint/hadolint/wiki/';

/** Every rule of every analyzer. */
export async function listRules(): Promise<RuleDescription[]> {
  const [{ dockerfileRules }, { composeRuleInfo }, { kubernetesRuleInfo }] = await Promise.all([
    import('./dockerfile/index.js'),
    import('./compose/index.js'),
    import('./kubernetes/index.js'),
  ]);
  return [
    ...GENERAL_RULES,
    ...dockerfileRules.map((r) => ({
      id: r.id,
      kind: 'dockerfile' as const,
      severity: r.severity as Severity | 'ignore',
      title: r.description,
      aliases: r.aliases,
      helpUri: /^DL\d{4}$/.test(r.id) ? HADOLINT_WIKI + r.id : undefined,
      fixable: r.fixable,
      optional: r.severity === 'ignore',
    })),
    ...composeRuleInfo().map((r) => ({ ...r, kind: 'compose' as const, fixable: r.id === 'COMPOSE-VERSION-OBSOLETE', optional: false })),
    ...kubernetesRuleInfo().map((r) => ({ ...r, kind: 'kubernetes' as const, fixable: false, optional: r.optional ?? false })),
  ];
}

const SHELLCHECK_ID = /^SC\d{4}$/i;
const SHELLCHECK_WIKI = 'https://www.shellcheck.net/wiki/';

/** An `SC####` id: a ShellCheck check on RUN scripts, run when the `shellcheck` binary is installed. */
export function shellcheckRule(id: string): RuleDescription | undefined {
  if (!SHELLCHECK_ID.test(id.trim())) return undefined;
  const upper = id.trim().toUpperCase();
  return {
    id: upper,
    kind: 'dockerfile',
    severity: 'warning',
    title: `ShellCheck ${upper} on RUN scripts (severity from ShellCheck; run when shellcheck is installed)`,
    aliases: [],
    helpUri: SHELLCHECK_WIKI + upper,
    fixable: false,
    optional: false,
  };
}

/** What a rule checks, by id or by one of its aliases (`KSV-0017`, `CKV_K8S_16`, `polaris:runAsPrivileged`), or an `SC####` id. */
export async function explainRule(id: string): Promise<RuleDescription | undefined> {
  const sc = shellcheckRule(id);
  if (sc) return sc;
  const rules = await listRules();
  const wanted = id.trim().toLowerCase();
  return rules.find((r) => r.id.toLowerCase() === wanted) ?? rules.find((r) => r.aliases.some((a) => a.toLowerCase() === wanted));
}

/** Applies the safe fixes to the files under `paths` and reports what changed and what is left. */
export async function fixPaths(paths: string[], opts: Omit<CheckOptions, 'fix'> = {}): Promise<CheckReport> {
  return checkPaths(paths, { ...opts, fix: true });
}
