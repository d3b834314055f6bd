/** What the firewall knows about programs other than the container CLIs. */

/** Programs that run another program or change how one runs: never run, whatever the rules (call the program directly). */
export const WRAPPERS = new Set([
  'env', 'sudo', 'su', 'doas', 'pkexec', 'runuser', 'sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'fish', 'csh', 'tcsh', 'busybox',
  'xargs', 'parallel', 'nohup', 'timeout', 'nice', 'ionice', 'time', 'stdbuf', 'setsid', 'watch', 'flock', 'chroot', 'unshare',
  'nsenter', 'exec', 'eval', 'source', '.', 'command', 'builtin', 'script', 'strace', 'ltrace', 'gdb', 'chrt', 'taskset', 'expect',
  'alias', 'unalias', 'trap', 'coproc', 'noglob', 'nocorrect', 'caffeinate', 'systemd-run', 'setpriv', 'capsh', 'firejail', 'fakeroot',
  'proot', 'torsocks', 'proxychains', 'proxychains4', 'faketime', 'catchsegv', 'valgrind', 'entr', 'inotifywait', 'direnv', 'mise',
  'devbox', 'asdf', 'npx', 'pnpx', 'bunx', 'uvx', 'pipx',
]);

/**
 * Programs that interpret a script or have options that run commands or write files (`find -exec`, `sed w`, `awk system()`,
 * `rg --pre`, `git -c`, `tar --to-command`, pagers and editors with shell escapes). A prefix rule does not approve them:
 * only a rule that matches the exact command does.
 */
export const EXEC_CAPABLE = new Set([
  'find', 'sed', 'gsed', 'awk', 'gawk', 'mawk', 'nawk', 'perl', 'python', 'python3', 'ruby', 'node', 'deno', 'bun', 'php', 'lua',
  'tclsh', 'rg', 'git', 'tar', 'less', 'more', 'most', 'man', 'vi', 'vim', 'nvim', 'nano', 'emacs', 'ed', 'ex', 'dd', 'tee', 'zip',
  'unzip', 'rsync', 'scp', 'ssh', 'make', 'cmake', 'ninja', 'jq', 'yq', 'openssl', 'curl', 'wget', 'nc', 'ncat', 'socat', 'telnet',
]);

/** What a stdin-only filter accepts: options (and whether each takes a value) and how many plain arguments. */
interface FilterSpec {
  options: Record<string, boolean>;
  /** Positional arguments allowed (patterns for grep), never file names. */
  positionals: number;
}

/**
 * Filters that read only stdin and write only stdout, used after `|` (`docker ps | grep web`, `kubectl get po | wc -l`).
 * They are read-only; file arguments and options outside these lists are refused.
 */
export const STDIN_FILTERS: Record<string, FilterSpec> = {
  grep: { options: { '-i': false, '-v': false, '-c': false, '-E': false, '-F': false, '-w': false, '-x': false, '-n': false, '-o': false, '-e': true, '-A': true, '-B': true, '-C': true, '-m': true, '-q': false, '-s': false, '--color=never': false }, positionals: 1 },
  head: { options: { '-n': true, '-c': true }, positionals: 0 },
  tail: { options: { '-n': true, '-c': true }, positionals: 0 },
  wc: { options: { '-l': false, '-c': false, '-w': false, '-m': false }, positionals: 0 },
  sort: { options: { '-r': false, '-n': false, '-h': false, '-u': false, '-k': true, '-t': true, '-V': false, '-f': false }, positionals: 0 },
  uniq: { options: { '-c': false, '-d': false, '-u': false, '-i': false }, positionals: 0 },
  cut: { options: { '-d': true, '-f': true, '-c': true, '-b': true }, positionals: 0 },
  tr: { options: { '-d': false, '-s': false, '-c': false }, positionals: 2 },
  column: { options: { '-t': false, '-s': true }, positionals: 0 },
};

/** Checks a stdin filter's arguments; a reason when they are not allowed. */
export function checkStdinFilter(argv: readonly string[]): string | undefined {
  const spec = STDIN_FILTERS[argv[0]];
  if (!spec) return `${argv[0]} is not a stdin filter`;
  let positionals = 0;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-') && a !== '-') {
      const short = /^-(\d+)$/.test(a) && (argv[0] === 'head' || argv[0] === 'tail');
      if (short) continue;
      const name = a.length > 2 && !a.startsWith('--') && spec.options[a.slice(0, 2)] === true ? a.slice(0, 2) : a;
      const takesValue = spec.options[name];
      if (takesValue === undefined) return `${argv[0]} ${a}: only ${Object.keys(spec.options).join(' ')} are allowed in a pipeline filter`;
      if (takesValue && name === a) i++;
      continue;
    }
    positionals++;
  }
  if (positionals > spec.positionals) return `${argv[0]} in a pipeline reads stdin only; file arguments are not allowed`;
  return undefined;
}

/** Environment prefixes that only change output or naming (`DOCKER_BUILDKIT=1 docker build .`). */
export const SAFE_ENV_PREFIXES = new Set([
  'DOCKER_BUILDKIT', 'BUILDKIT_PROGRESS', 'COMPOSE_PROJECT_NAME', 'COMPOSE_PROFILES', 'COMPOSE_PARALLEL_LIMIT', 'COMPOSE_ANSI',
  'COMPOSE_STATUS_STDOUT', 'COMPOSE_MENU', 'DOCKER_CLI_HINTS', 'DOCKER_SCAN_SUGGEST', 'DOCKER_DEFAULT_PLATFORM',
  'BUILDX_NO_DEFAULT_ATTESTATIONS', 'BUILDX_NO_DEFAULT_LOAD', 'NO_COLOR', 'FORCE_COLOR', 'TERM', 'LANG', 'LC_ALL', 'TZ',
  'KUBECTL_COMMAND_HEADERS',
]);

/** Environment prefixes that point a CLI at another daemon, cluster or credential store: host escapes. */
export const CONNECTION_ENV = new Set([
  'DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY', 'DOCKER_TLS', 'CONTAINER_HOST',
  'CONTAINER_CONNECTION', 'CONTAINER_SSHKEY', 'CONTAINERS_CONF', 'CONTAINERS_STORAGE_CONF', 'CONTAINERS_REGISTRIES_CONF',
  'REGISTRY_AUTH_FILE', 'KUBECONFIG', 'KUBERC', 'BUILDX_CONFIG', 'BUILDKIT_HOST',
]);

/** `rm`/`rmdir` targets never approved by a rule: the root, its direct children, $HOME, the project and its parents. */
export function criticalRemovalTarget(target: string, home: string, cwd: string): boolean {
  const clean = target.replace(/\/+$/, '') || '/';
  if (clean === '/' || /^\/[^/]+$/.test(clean)) return true;
  if (clean === home) return true;
  return cwd === clean || cwd.startsWith(`${clean}/`);
}
