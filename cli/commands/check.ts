import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { readStdinText } from '../stdin.js';
import { parseCommandArgs, wholeNumber } from '../args.js';

const HELP = `Usage: docker-expert check [paths...] [options]

Offline analysis of Dockerfiles, Compose files and Kubernetes manifests (no model, no network).
Folders are walked (node_modules and .git skipped); YAML is recognised by content.
\`check -\` analyzes one file read from stdin (its kind from --kind, else from its content; no --fix).

Options:
  --format text|json|sarif          output (default text; sarif is SARIF 2.1.0 for code scanning)
  --failure-threshold LEVEL         error|warning|info|style|none: lowest severity that exits 1
                                    (default: .hadolint.yaml failure-threshold, else warning)
  --fix                             apply the safe fixes in place and report each change
  --max-files N                     stop a folder walk after N files (default 2000)
  --max-file-bytes N                skip files bigger than N bytes (default 2097152)
  --enable ID                       turn on an optional check (repeatable), e.g. K8S-IMG-PULL-POLICY
  --trusted-registry HOST           allowed image registry (repeatable; turns on K8S-IMG-REGISTRY)
  --target-kubernetes-version V     Kubernetes version the manifests are for (e.g. 1.29): K8S-API-DEPRECATED
                                    reports apiVersions deprecated or removed by then (default: the newest)
  --explain ID                      describe a rule (by id or alias such as KSV-0017) and exit
  --list-rules                      list every rule (id, kind, severity, equivalents) and exit
  --cwd DIR                         resolve and report paths against DIR (default: current folder)
  --kind dockerfile|compose|kubernetes
                                    what the files named on the command line are, whatever their names
                                    (without it, a named file is recognised by its name, else by its content)
  --no-shellcheck                   do not run ShellCheck on Dockerfile RUN scripts (SC#### findings); it runs
                                    when a shellcheck binary is on PATH or DOCKER_EXPERT_SHELLCHECK names one

Exit codes: 0 nothing at or above the threshold, 1 findings at or above it, 2 bad usage or config.
`;

const FORMATS = ['text', 'json', 'sarif'] as const;
const KINDS = ['dockerfile', 'compose', 'kubernetes'] as const;
const THRESHOLDS = ['error', 'warning', 'info', 'style', 'none'] as const;

function packageVersion(): string {
  let dir = path.dirname(new URL(import.meta.url).pathname);
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'docker-expert') return pkg.version ?? '0.0.0';
    } catch {
      /* not here: keep going up */
    }
    const parent = path.dirname(dir);
    if (parent === dir) return '0.0.0';
    dir = parent;
  }
}

export async function command(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'failure-threshold': { type: 'string' },
      fix: { type: 'boolean' },
      'max-files': { type: 'string' },
      'max-file-bytes': { type: 'string' },
      enable: { type: 'string', multiple: true },
      'trusted-registry': { type: 'string', multiple: true },
      'target-kubernetes-version': { type: 'string' },
      explain: { type: 'string' },
      'list-rules': { type: 'boolean' },
      cwd: { type: 'string' },
      kind: { type: 'string' },
      'no-shellcheck': { type: 'boolean' },
    },
  }, HELP, io);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${format}'`);
  const threshold = values['failure-threshold'];
  if (threshold !== undefined && !(THRESHOLDS as readonly string[]).includes(threshold)) {
    throw new UsageError(`--failure-threshold must be one of ${THRESHOLDS.join(', ')}, not '${threshold}'`);
  }
  const targetKubernetesVersion = values['target-kubernetes-version'];
  if (targetKubernetesVersion !== undefined && !/^v?\d+\.\d+(\.\d+)?$/.test(targetKubernetesVersion)) {
    throw new UsageError(`--target-kubernetes-version takes a version such as 1.29 or v1.29.3, not '${targetKubernetesVersion}'`);
  }
  const maxFiles = wholeNumber('--max-files', values['max-files'], 1, Number.MAX_SAFE_INTEGER);
  const maxFileBytes = wholeNumber('--max-file-bytes', values['max-file-bytes'], 1, Number.MAX_SAFE_INTEGER);
  const cwd = path.resolve(io.cwd, values.cwd ?? '.');
  const kind = values.kind;
  if (kind !== undefined && !(KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}, not '${kind}'`);
  // `check -` reads one file from stdin; `-` cannot be mixed with paths.
  const stdin = positionals.includes('-');
  if (stdin && positionals.length > 1) throw new UsageError('`-` (a file on stdin) cannot be combined with other paths');
  if (stdin && values.fix) throw new UsageError('--fix needs files to write: it does not apply to stdin');
  // A path that does not exist is a usage mistake (exit 2), not a finding about a file.
  for (const p of stdin ? [] : positionals) {
    if (!existsSync(path.resolve(cwd, p))) throw new UsageError(`${p}: no such file or folder`);
  }

  const analyzers = await import('../../tools/analyzers/index.js');
  if (values.explain !== undefined) {
    const rule = await analyzers.explainRule(values.explain);
    if (!rule) {
      io.stderr.write(`docker-expert check: no rule or alias '${values.explain}'\n`);
      return 2;
    }
    io.stdout.write(format === 'json' ? JSON.stringify(rule, null, 2) + '\n' : explainText(rule));
    return 0;
  }

  if (values['list-rules']) {
    const rules = await analyzers.listRules();
    if (format === 'json') io.stdout.write(JSON.stringify(rules, null, 2) + '\n');
    else {
      const w = Math.max(...rules.map((r) => r.id.length));
      io.stdout.write(rules.map((r) => `${r.id.padEnd(w)}  ${r.kind.padEnd(10)}  ${r.severity.padEnd(7)}  ${r.title}${r.aliases.length ? ` [${r.aliases.join(', ')}]` : ''}\n`).join(''));
    }
    return 0;
  }

  // ShellCheck is found on the PATH this command was given (or DOCKER_EXPERT_SHELLCHECK there).
  const shellcheck = values['no-shellcheck'] ? (false as const) : { env: io.env };
  let report;
  try {
    report = stdin ? await analyzers.checkStdin(await readStdinText(io.stdin, maxFileBytes ?? analyzers.DEFAULT_MAX_FILE_BYTES, `stdin is larger than ${maxFileBytes ?? analyzers.DEFAULT_MAX_FILE_BYTES} bytes (--max-file-bytes)`), {
      kind: kind as (typeof KINDS)[number] | undefined,
      threshold: threshold as (typeof THRESHOLDS)[number] | undefined,
      enable: values.enable,
      trustedRegistries: values['trusted-registry'],
      targetKubernetesVersion,
      shellcheck,
    }) : await analyzers.checkPaths(positionals, {
      cwd,
      threshold: threshold as (typeof THRESHOLDS)[number] | undefined,
      fix: values.fix === true,
      maxFiles,
      maxFileBytes,
      enable: values.enable,
      trustedRegistries: values['trusted-registry'],
      targetKubernetesVersion,
      kind: kind as (typeof KINDS)[number] | undefined,
      shellcheck,
    });
  } catch (err) {
    if ((err as Error).name === 'HadolintConfigError') {
      io.stderr.write(`docker-expert check: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }

  // Notices (checks that could not run) go to stderr in every format: stdout stays the report.
  for (const n of report.notices ?? []) io.stderr.write(`docker-expert check: ${n}\n`);
  if (format === 'json') {
    const { formatJson } = await import('../../tools/analyzers/report/json.js');
    io.stdout.write(formatJson(report));
  } else if (format === 'sarif') {
    const { formatSarif } = await import('../../tools/analyzers/report/sarif.js');
    io.stdout.write(formatSarif(report, { cwd, toolVersion: packageVersion(), rules: await analyzers.listRules() }));
  } else {
    const { formatText } = await import('../../tools/analyzers/report/text.js');
    const { useColor } = await import('../colour.js');
    io.stdout.write(formatText(report, { color: useColor(io.stdout, io.env) }));
  }
  return report.summary.failed ? 1 : 0;
}

function explainText(rule: { id: string; kind: string; severity: string; title: string; aliases: string[]; helpUri?: string; fixable: boolean; optional: boolean }): string {
  const lines = [
    `${rule.id} (${rule.kind}, ${rule.severity}${rule.optional ? ', off unless enabled' : ''}${rule.fixable ? ', fixable' : ''})`,
    `  ${rule.title}`,
  ];
  if (rule.aliases.length) lines.push(`  equivalents: ${rule.aliases.join(', ')}`);
  if (rule.helpUri) lines.push(`  more: ${rule.helpUri}`);
  return lines.join('\n') + '\n';
}
