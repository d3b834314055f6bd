import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Programs the attack and benign corpora name: each is a shim that logs its argv and touches the canary. */
export const SHIMMED_PROGRAMS = [
  'docker', 'podman', 'kubectl', 'docker-compose', 'podman-compose', 'sh', 'bash', 'zsh', 'dash', 'env', 'xargs', 'nohup',
  'timeout', 'sudo', 'su', 'nice', 'time', 'stdbuf', 'setsid', 'watch', 'cat', 'rm', 'curl', 'wget', 'nc', 'find', 'sed', 'awk',
  'gawk', 'perl', 'python', 'python3', 'node', 'ruby', 'git', 'tar', 'less', 'vi', 'dd', 'tee', 'cp', 'mv', 'chmod', 'ls', 'echo',
  'id', 'whoami', 'base64', 'grep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'column', 'ssh', 'rsync', 'make', 'jq',
  'helm', 'kustomize', 'nerdctl', 'buildah', 'true', 'false', 'test', 'sleep', 'eval', 'exec', 'source', 'kill', 'busybox', 'rg',
  'nsenter', 'chroot', 'command', 'builtin', 'cd', 'printf', 'mkdir', 'touch', 'docker-credential-desktop', 'kubectl-evil', 'ln',
];

export interface Fixture {
  /** Canonical temp folder holding everything. */
  root: string;
  /** The project (`--cwd`). */
  proj: string;
  /** A fake `$HOME` with credentials in it. */
  home: string;
  /** Folder of shim programs; PATH for the Bash tool. */
  shims: string;
  log: string;
  canary: string;
  env: NodeJS.ProcessEnv;
  /** The argv of every shim run so far, one array per run (from `logFile`, default the shared log). */
  runs(logFile?: string): string[][];
  reset(): void;
  cleanup(): void;
}

const SHIM = `#!/bin/sh
printf '%s\\037' "\${0##*/}" "$@" >> "$SHIM_LOG"
printf '\\036' >> "$SHIM_LOG"
: > "$SHIM_CANARY"
`;

export function makeFixture(): Fixture {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'de-firewall-')));
  const proj = path.join(root, 'proj');
  const home = path.join(root, 'home');
  const shims = path.join(root, 'shims');
  const log = path.join(root, 'shim.log');
  const canary = path.join(root, 'CANARY');
  const files: Record<string, string> = {
    'proj/Dockerfile': 'FROM alpine:3.20\nCMD ["true"]\n',
    'proj/docker/Dockerfile.prod': 'FROM alpine:3.20\n',
    'proj/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    volumes:\n      - ./html:/usr/share/nginx/html:ro\n',
    'proj/compose-evil.yaml': 'services:\n  web:\n    image: nginx\n    privileged: true\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
    'proj/compose-hostnet.yaml': 'services:\n  web:\n    image: nginx\n    network_mode: host\n',
    'proj/k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    'proj/k8s/evil-hostpath.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: evil}\nspec:\n  containers: [{name: c, image: alpine}]\n  volumes:\n    - name: root\n      hostPath: {path: /}\n',
    'proj/k8s/evil-privileged.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: evil}\nspec:\n  hostPID: true\n  containers:\n    - name: c\n      image: alpine\n      securityContext: {privileged: true}\n',
    'proj/html/index.html': '<h1>hi</h1>\n',
    'proj/.env': 'DB_PASSWORD=hunter2\n',
    'proj/.env.example': 'DB_PASSWORD=\n',
    'proj/certs/server.key': 'KEY\n',
    'proj/notes.txt': 'notes\n',
    'proj_evil/x.txt': 'outside\n',
    'proj_evil/compose.yaml': 'services:\n  a:\n    image: alpine\n',
    'home/.kube/config': 'apiVersion: v1\nkind: Config\n',
    'home/.ssh/id_rsa': 'PRIVATE\n',
    'home/.docker/config.json': '{"auths":{}}\n',
    'home/.bashrc': '# rc\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(root, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  symlinkSync('/etc', path.join(proj, 'link-out'));
  symlinkSync(path.join(home, '.ssh', 'id_rsa'), path.join(proj, 'key-link'));
  symlinkSync(path.join(root, 'proj_evil'), path.join(proj, 'evil-dir'));
  symlinkSync(path.join(proj, 'notes.txt'), path.join(proj, 'notes-link'));
  mkdirSync(shims);
  for (const name of SHIMMED_PROGRAMS) {
    const p = path.join(shims, name);
    writeFileSync(p, SHIM);
    chmodSync(p, 0o755);
  }
  const env: NodeJS.ProcessEnv = { PATH: shims, HOME: home, SHIM_LOG: log, SHIM_CANARY: canary };
  return {
    root,
    proj,
    home,
    shims,
    log,
    canary,
    env,
    runs(logFile = log) {
      if (!existsSync(logFile)) return [];
      return readFileSync(logFile, 'utf8').split('\x1e').filter((r) => r !== '').map((r) => r.split('\x1f').slice(0, -1));
    },
    reset() {
      rmSync(log, { force: true });
      rmSync(canary, { force: true });
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
