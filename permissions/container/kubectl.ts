import path from 'node:path';
import { existsSync } from 'node:fs';
import { readRegularFile } from '../read-regular.js';
import { resolvePath } from '../paths.js';
import { defineOptions, parseOptions } from './flags.js';
import { checkKubernetesObjects, parseManifests, readManifestSources } from './manifest.js';
import type { Classification, HostContext, ReachFinding } from './types.js';
import { checkHostPath, classification, limitsOf } from './types.js';

/** Options that send kubectl to another cluster, identity or trust setting: always an escape. */
const CONNECTION = new Map<string, string>([
  ['server', 'talks to another API server'],
  ['kubeconfig', 'uses another kubeconfig'],
  ['token', 'authenticates with a given token'],
  ['as', 'impersonates another user'],
  ['as-group', 'impersonates another group'],
  ['as-uid', 'impersonates another uid'],
  ['insecure-skip-tls-verify', 'turns off server certificate checks'],
  ['certificate-authority', 'trusts another CA'],
  ['client-certificate', 'uses another client certificate'],
  ['client-key', 'uses another client key'],
  ['username', 'authenticates as another user'],
  ['password', 'authenticates with a password'],
  ['tls-server-name', 'changes the server name checked'],
  ['context', 'switches to another kubeconfig context'],
  ['cluster', 'switches to another cluster'],
  ['user', 'switches to another kubeconfig user'],
  ['kuberc', 'loads another kubectl preferences file'],
  ['cache-dir', 'uses another cache folder'],
]);

/** Long options known to take a value (a value is never mistaken for an option or the verb). */
const VALUE_LONG = new Set([
  'namespace', 'output', 'filename', 'selector', 'field-selector', 'template', 'kustomize', 'container', 'label-columns', 'sort-by',
  'server', 'kubeconfig', 'token', 'as', 'as-group', 'as-uid', 'certificate-authority', 'client-certificate', 'client-key', 'username',
  'password', 'tls-server-name', 'context', 'cluster', 'user', 'kuberc', 'cache-dir', 'request-timeout', 'v', 'vmodule', 'profile',
  'profile-output', 'log-flush-frequency', 'image', 'replicas', 'port', 'type', 'patch', 'overrides', 'field-manager', 'since',
  'since-time', 'tail', 'timeout', 'for', 'output-directory', 'namespaces', 'chunk-size', 'subresource',
  'grace-period', 'cascade', 'limit-bytes', 'pod-running-timeout', 'max-log-requests', 'prefix', 'address', 'target', 'copy-to',
  'env', 'labels', 'restart', 'attach', 'image-pull-policy', 'name', 'protocol', 'target-port', 'external-ip', 'session-affinity',
  'min', 'max', 'cpu-percent', 'to-revision', 'resource-version', 'current-replicas', 'api-group', 'api-version', 'from-literal',
  'from-file', 'from-env-file', 'docker-server', 'docker-username', 'docker-password', 'docker-email', 'cert', 'key', 'schedule',
  'from', 'verb', 'resource', 'resource-name', 'role', 'clusterrole', 'serviceaccount', 'group', 'duration', 'audience', 'bound-object-kind',
  'bound-object-name', 'bound-object-uid', 'prune-allowlist', 'wait-for', 'selector-column', 'sort',
]);

/** Short options across kubectl's verbs (`-p` is per verb: a value for patch, a boolean for logs; taken as a boolean). */
const KUBECTL_OPTIONS = defineOptions(
  [...VALUE_LONG].map((name) => `${name}=`).join(' '),
  'n|namespace= o|output= f|filename= l|selector= c|container= s|server= k|kustomize= L|label-columns= v|v=',
  'A|all-namespaces i|stdin t|tty w|watch R|recursive q|quiet h|help a|all r|replicas-flag p|previous P|short-p F|short-f',
  'e|short-e d|short-d x|short-x b|short-b',
);

const READ_VERBS = new Set([
  'get', 'describe', 'logs', 'top', 'explain', 'version', 'api-resources', 'api-versions', 'cluster-info', 'diff', 'kustomize', 'events',
  'wait', 'completion', 'options', 'help',
]);
const CHANGE_VERBS = new Set([
  'apply', 'create', 'delete', 'patch', 'replace', 'edit', 'scale', 'rollout', 'set', 'label', 'annotate', 'taint', 'cordon', 'uncordon',
  'drain', 'expose', 'run', 'autoscale', 'exec', 'cp', 'port-forward', 'proxy', 'attach', 'debug', 'certificate',
]);
/** Verbs whose `--dry-run=client|server` makes them read-only (kubectl refuses the flag elsewhere). */
const DRY_RUN_VERBS = new Set(['apply', 'create', 'delete', 'patch', 'replace', 'scale', 'set', 'label', 'annotate', 'taint', 'cordon', 'uncordon', 'drain', 'expose', 'run', 'autoscale', 'rollout']);
/** Verbs whose `-f` manifests create or change objects: their contents are checked. */
const MANIFEST_VERBS = new Set(['apply', 'create', 'replace', 'diff']);
const CONFIG_READ = new Set(['view', 'get-contexts', 'current-context', 'get-clusters', 'get-users']);

/** Classifies one kubectl command. */
export function classifyKubectl(argv: readonly string[], ctx: HostContext): Classification {
  const program = argv[0];
  const parsed = parseOptions(argv.slice(1), KUBECTL_OPTIONS, true, 'boolean');
  if (parsed.error) return classification(program, [], [{ reach: 'refuse', reason: `kubectl: ${parsed.error}` }], [...argv]);
  const verb = parsed.positionals[0];
  const findings: ReachFinding[] = [];
  for (const o of parsed.options) {
    const why = CONNECTION.get(o.name);
    if (why) findings.push({ reach: 'escape', reason: `kubectl ${o.raw} ${why}`, flags: [`--${o.name}`, ...(o.name === 'server' ? ['-s'] : [])] });
  }
  const canonicalArgv = [program, ...parsed.positionals, ...parsed.options.flatMap((o) => o.raw.split(' '))];
  if (!verb) {
    const info = parsed.options.some((o) => o.name === 'help' || o.name === 'version');
    findings.push(info ? { reach: 'read', reason: 'kubectl --help' } : { reach: 'refuse', reason: 'kubectl without a verb' });
    return classification(program, [], findings, canonicalArgv);
  }
  const sub = parsed.positionals[1];
  const words = verb === 'config' || verb === 'auth' || verb === 'rollout' || verb === 'set' || verb === 'create' || verb === 'plugin' ? [verb, sub ?? ''] : [verb];
  const opt = (name: string): string[] => parsed.options.filter((o) => o.name === name).map((o) => o.value ?? '');
  const flag = (name: string): boolean => parsed.options.some((o) => o.name === name && o.value !== 'false');
  const dryRun = opt('dry-run').some((v) => v === 'client' || v === 'server');

  for (const f of [...opt('filename'), ...opt('kustomize')]) {
    if (f === '-' || /^[a-z]+:\/\//i.test(f)) continue;
    const bad = checkHostPath(f, 'read', ctx, ['-f', '--filename']);
    if (bad) findings.push(bad);
  }
  if (verb === 'config') {
    if (sub && CONFIG_READ.has(sub)) {
      findings.push({ reach: 'read', reason: `kubectl config ${sub} (credentials redacted)` });
      if (flag('raw')) findings.push({ reach: 'escape', reason: 'kubectl config view --raw prints credentials', flags: ['--raw'] });
    } else findings.push({ reach: 'change', reason: `kubectl config ${sub ?? ''} changes the kubeconfig` });
  } else if (verb === 'auth') {
    findings.push(sub === 'can-i' || sub === 'whoami' ? { reach: 'read', reason: `kubectl auth ${sub}` } : { reach: 'change', reason: `kubectl auth ${sub ?? ''}` });
  } else if (verb === 'plugin') {
    findings.push(sub === 'list' ? { reach: 'read', reason: 'kubectl plugin list' } : { reach: 'refuse', reason: `kubectl plugin ${sub ?? ''}` });
  } else if (verb === 'kustomize') {
    findings.push(...kustomizeFindings(parsed.positionals[1] ?? '.', parsed.options.map((o) => o.name), ctx, false));
  } else if (verb === 'cluster-info') {
    findings.push({ reach: 'read', reason: 'kubectl cluster-info' });
    for (const d of opt('output-directory')) {
      const bad = checkHostPath(d, 'write', ctx, ['--output-directory']);
      if (bad) findings.push(bad);
    }
  } else if (READ_VERBS.has(verb)) {
    findings.push({ reach: 'read', reason: `kubectl ${verb} only looks` });
  } else if (CHANGE_VERBS.has(verb)) {
    if (dryRun && DRY_RUN_VERBS.has(verb)) findings.push({ reach: 'read', reason: `kubectl ${verb} --dry-run=${opt('dry-run')[0]} changes nothing` });
    else findings.push({ reach: 'change', reason: `kubectl ${words.join(' ')} changes the cluster` });
  } else {
    findings.push({ reach: 'refuse', reason: `kubectl ${verb}: not a verb this firewall knows (kubectl plugins run arbitrary programs)` });
  }

  // A dry run creates nothing, so only the paths are checked (above), not what the manifests would run.
  if (MANIFEST_VERBS.has(verb) && !(dryRun || verb === 'diff')) {
    for (const f of opt('filename')) findings.push(...manifestFindings(f, ctx));
    for (const k of opt('kustomize')) findings.push(...kustomizeFindings(k, [], ctx, true));
  }
  if (verb === 'run') {
    if (flag('privileged')) findings.push({ reach: 'escape', reason: 'kubectl run --privileged', flags: ['--privileged'] });
    for (const o of opt('overrides')) {
      try {
        findings.push(...checkKubernetesObjects([JSON.parse(o)], '--overrides'));
      } catch {
        findings.push({ reach: 'refuse', reason: '--overrides is not valid JSON' });
      }
    }
  }
  if (verb === 'debug') {
    const target = parsed.positionals[1] ?? '';
    const profile = opt('profile')[0] ?? 'legacy';
    if (target.startsWith('node/') || target.startsWith('nodes/')) findings.push({ reach: 'escape', reason: `kubectl debug ${target} runs a pod in the node's host namespaces`, flags: ['debug node'] });
    if (['sysadmin', 'netadmin', 'legacy'].includes(profile) && !dryRun) {
      findings.push({ reach: 'escape', reason: `kubectl debug --profile=${profile} grants privileged or network-admin rights`, flags: ['--profile'] });
    }
  }
  if (verb === 'cp') {
    for (const p of parsed.positionals.slice(1)) {
      if (/^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.-]+)?:/.test(p)) continue;
      const bad = checkHostPath(p, 'tree', ctx, ['cp']);
      if (bad) findings.push(bad);
    }
  }
  return classification(program, words, findings, canonicalArgv);
}

function manifestFindings(value: string, ctx: HostContext): ReachFinding[] {
  const { texts, findings } = readManifestSources(value, ctx, ['-f', '--filename']);
  const out = [...findings];
  for (const t of texts) {
    const { docs, finding } = parseManifests(t.text, t.label);
    if (finding) out.push(finding);
    else out.push(...checkKubernetesObjects(docs, t.label === 'stdin' ? 'stdin' : path.relative(ctx.cwd, t.label) || t.label));
  }
  return out;
}

/**
 * A kustomization: plugins and helm run programs; resources outside the project are refused; with `checkContents` (apply -k)
 * the manifests in the folder are checked too.
 */
function kustomizeFindings(dir: string, optionNames: string[], ctx: HostContext, checkContents: boolean): ReachFinding[] {
  const out: ReachFinding[] = [{ reach: 'read', reason: 'kubectl kustomize renders manifests' }];
  for (const o of optionNames) {
    if (o === 'enable-alpha-plugins' || o === 'enable-exec' || o === 'enable-helm' || o === 'helm-command') {
      out.push({ reach: 'escape', reason: `--${o} lets kustomize run programs on the host`, flags: [`--${o}`] });
    }
  }
  if (/^[a-z]+:\/\//i.test(dir) || dir.includes('github.com')) return [...out, { reach: 'escape', reason: `remote kustomization ${dir} cannot be checked`, flags: ['-k'] }];
  const bad = checkHostPath(dir, 'read', ctx, ['-k']);
  if (bad) return [...out, bad];
  const abs = resolvePath(dir, { cwd: ctx.cwd, home: ctx.home }).canonical;
  const kfile = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((f) => path.join(abs, f)).find((f) => existsSync(f));
  if (kfile) {
    const { docs, finding } = parseManifests(readRegularFile(kfile, limitsOf(ctx).maxManifestBytes), kfile);
    if (finding) return [...out, finding];
    const k = docs[0] as Record<string, unknown> | null;
    for (const key of ['resources', 'bases', 'components', 'patches', 'patchesStrategicMerge', 'crds', 'configurations', 'generators', 'transformers', 'validators']) {
      const list = k && Array.isArray(k[key]) ? (k[key] as unknown[]) : [];
      for (const entry of list) {
        const ref = typeof entry === 'string' ? entry : typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).path : undefined;
        if (typeof ref !== 'string') continue;
        if (/^[a-z]+:\/\//i.test(ref) || ref.includes('github.com') || ref.startsWith('git@')) {
          out.push({ reach: 'escape', reason: `${kfile}: remote ${key} entry ${ref} cannot be checked`, flags: ['-k'] });
          continue;
        }
        const bad2 = checkHostPath(path.resolve(abs, ref), 'read', ctx, ['-k']);
        if (bad2) out.push({ ...bad2, reason: `${kfile}: ${bad2.reason}` });
      }
    }
    if (k && (k.helmCharts || k.helmGlobals)) out.push({ reach: 'escape', reason: `${kfile}: helmCharts run helm on the host`, flags: ['--enable-helm'] });
  }
  if (checkContents) out.push(...manifestFindings(dir, ctx));
  return out;
}
