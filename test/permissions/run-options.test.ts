/**
 * Every option of `docker run` / `podman run` that checkRunOptions judges (permissions/container/run-options.ts),
 * each with its exact finding: reach, reason and the flags a rule must name.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyContainerCommand } from '../../permissions/container/index.js';
import type { HostContext, ReachFinding } from '../../permissions/container/index.js';
import { checkMountSpec, checkVolumeSpec } from '../../permissions/container/run-options.js';
import { makeFixture } from '../firewall/fixture.js';
import type { Fixture } from '../firewall/fixture.js';

let fx: Fixture;
let ctx: HostContext;
let server: net.Server;
beforeAll(async () => {
  fx = makeFixture();
  ctx = { cwd: fx.proj, roots: [fx.proj], home: fx.home };
  mkdirSync(path.join(fx.proj, 'repo', '.git'), { recursive: true });
  mkdirSync(path.join(fx.proj, 'agentdir', '.claude'), { recursive: true });
  writeFileSync(path.join(fx.proj, 'engine.sock'), '');
  writeFileSync(path.join(fx.proj, 'app.env'), 'A=1\n');
  server = net.createServer();
  await new Promise<void>((resolve) => server.listen(path.join(fx.proj, 'ctl'), resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fx.cleanup();
});

/** The findings of `<program> run <options> alpine` other than the two every run has. */
function run(options: string[], program: 'docker' | 'podman' = 'docker'): ReachFinding[] {
  const c = classifyContainerCommand([program, 'run', ...options, 'alpine'], ctx);
  if (!c) throw new Error('not classified');
  return c.findings.filter((f) => !(f.reach === 'read' && /^(docker|podman) run (of alpine without|creates and starts)/.test(f.reason)));
}
const escape = (reason: string, flags: string[]) => [{ reach: 'escape', reason, flags }];

describe('privileges, capabilities, security options', () => {
  it('--privileged (unless =false)', () => {
    expect(run(['--privileged'])).toEqual(escape('--privileged gives the container every capability and every host device', ['--privileged']));
    expect(run(['--privileged=false'])).toEqual([]);
  });

  it('--cap-add: docker default capabilities are harmless (any case, CAP_ prefix, lists); anything else escapes', () => {
    for (const cap of ['CHOWN', 'cap_chown', 'net_bind_service', 'CAP_SETFCAP', 'KILL,MKNOD', ' AUDIT_WRITE ']) expect(run(['--cap-add', cap]), cap).toEqual([]);
    expect(run(['--cap-add', 'SYS_ADMIN'])).toEqual(escape("--cap-add SYS_ADMIN grants a capability beyond docker's default set", ['--cap-add']));
    expect(run(['--cap-add=ALL'])).toEqual(escape("--cap-add ALL grants a capability beyond docker's default set", ['--cap-add']));
    // Only a leading CAP_ is dropped.
    expect(run(['--cap-add=CHOWNCAP_'])).toEqual(escape("--cap-add CHOWNCAP_ grants a capability beyond docker's default set", ['--cap-add']));
    expect(run(['--cap-add', 'CHOWN,NET_ADMIN,SYS_PTRACE']).map((f) => f.reason)).toEqual([
      "--cap-add NET_ADMIN grants a capability beyond docker's default set",
      "--cap-add SYS_PTRACE grants a capability beyond docker's default set",
    ]);
  });

  it.each([
    ['seccomp=unconfined', 'removes a kernel confinement'],
    ['seccomp:unconfined', 'removes a kernel confinement'],
    ['SECCOMP=Unconfined', 'removes a kernel confinement'],
    ['apparmor=unconfined', 'removes a kernel confinement'],
    ['systempaths=unconfined', 'removes a kernel confinement'],
    ['label=disable', 'disables SELinux separation'],
    ['label=type:spc_t', 'disables SELinux separation'],
    ['label:type:unconfined_t', 'disables SELinux separation'],
    ['unmask=ALL', 'exposes masked /proc and /sys paths'],
    ['unmask=/proc/kcore', 'exposes masked /proc and /sys paths'],
    ['bogus=1', 'is not an option this firewall knows'],
    ['seccomp=./allow-all.json', 'loads a seccomp profile of its own, which can allow every system call'],
    ['seccomp=un:confined', 'loads a seccomp profile of its own, which can allow every system call'],
    ['seccomp', 'loads a seccomp profile of its own, which can allow every system call'],
  ])('--security-opt %s escapes: %s', (opt, why) => {
    expect(run(['--security-opt', opt])).toEqual(escape(`--security-opt ${opt} ${why}`, ['--security-opt']));
  });

  it.each(['no-new-privileges', 'no-new-privileges=true', 'no-new-privileges:true', 'apparmor=docker-default', 'label=level:s0:c100,c200', 'label=user:USER', 'mask=/proc/x', 'proc-opts=subset=pid', 'seccomp=builtin'])(
    '--security-opt %s keeps the confinement',
    (opt) => {
      expect(run(['--security-opt', opt])).toEqual([]);
    },
  );
});

describe('namespaces and networks', () => {
  it.each(['pid', 'ipc', 'uts', 'userns', 'cgroupns'])('--%s=host and --%s=ns:<path> join a host namespace; other values do not', (ns) => {
    expect(run([`--${ns}=host`])).toEqual(escape(`--${ns}=host joins a host namespace`, [`--${ns}`]));
    expect(run([`--${ns}`, 'HOST'])).toEqual(escape(`--${ns}=HOST joins a host namespace`, [`--${ns}`]));
    expect(run([`--${ns}=ns:/proc/1/ns/${ns}`], 'podman')).toEqual(escape(`--${ns}=ns:/proc/1/ns/${ns} joins a host namespace`, [`--${ns}`]));
    for (const v of ['container:web', 'private', 'shareable', 'hostile']) expect(run([`--${ns}=${v}`]), v).toEqual([]);
  });

  it('--network host / ns: share the host stack, allow_host_loopback reaches its loopback, others are fine', () => {
    const flags = ['--network', '--net'];
    expect(run(['--network', 'host'])).toEqual(escape("--network=host shares the host's network stack", flags));
    expect(run(['--net=HOST'])).toEqual(escape("--network=HOST shares the host's network stack", flags));
    expect(run(['--network=ns:/proc/1/ns/net'], 'podman')).toEqual(escape("--network=ns:/proc/1/ns/net shares the host's network stack", flags));
    expect(run(['--network=slirp4netns:allow_host_loopback=true'], 'podman')).toEqual(escape("--network=slirp4netns:allow_host_loopback=true lets the container reach the host's loopback", flags));
    for (const v of ['bridge', 'none', 'container:web', 'my-net', 'slirp4netns:allow_host_loopback=false']) expect(run([`--network=${v}`]), v).toEqual([]);
  });
});

describe('devices, sockets, other containers, runtimes, host environment', () => {
  it('--device, --device-cgroup-rule and --gpus hand over host devices', () => {
    expect(run(['--device', '/dev/sda'])).toEqual(escape('--device /dev/sda hands a host device to the container', ['--device']));
    expect(run(['--device-cgroup-rule=c 1:3 mr'])).toEqual(escape('--device-cgroup-rule c 1:3 mr hands a host device to the container', ['--device-cgroup-rule']));
    expect(run(['--gpus', 'all'])).toEqual(escape('--gpus all hands a host device to the container', ['--gpus']));
  });

  it('--volumes-from, --use-api-socket, --cgroup-parent, --init-path', () => {
    expect(run(['--volumes-from', 'other'])).toEqual(escape("--volumes-from other mounts another container's volumes, which may be host paths", ['--volumes-from']));
    expect(run(['--use-api-socket'])).toEqual(escape('--use-api-socket mounts the engine socket into the container', ['--use-api-socket']));
    expect(run(['--use-api-socket=false'])).toEqual([]);
    expect(run(['--cgroup-parent=/'])).toEqual(escape('--cgroup-parent / places the container in a host cgroup', ['--cgroup-parent']));
    expect(run(['--init-path=/tmp/init'], 'podman')).toEqual(escape('--init-path /tmp/init runs a host binary as init', ['--init-path']));
  });

  it('podman: --env-host, --rootfs, --hooks-dir, --group-add keep-groups', () => {
    expect(run(['--env-host'], 'podman')).toEqual(escape("--env-host copies the host's environment (API keys, tokens) into the container", ['--env-host']));
    expect(run(['--rootfs'], 'podman')).toEqual(escape('--rootfs runs a host folder as the container root', ['--rootfs']));
    expect(run(['--hooks-dir', '/etc/hooks'], 'podman')).toEqual(escape('--hooks-dir /etc/hooks runs host hooks', ['--hooks-dir']));
    expect(run(['--group-add', 'keep-groups'], 'podman')).toEqual(escape('--group-add keep-groups keeps host groups', ['--group-add']));
    expect(run(['--group-add', 'audio'])).toEqual([]);
  });

  it('--runtime: only known OCI runtimes', () => {
    for (const r of ['runc', 'crun', 'runsc', 'kata', 'kata-runtime', 'youki', 'io.containerd.runc.v2']) expect(run([`--runtime=${r}`]), r).toEqual([]);
    expect(run(['--runtime', '/tmp/evil'])).toEqual(escape('--runtime /tmp/evil is not a known OCI runtime', ['--runtime']));
  });

  it('-e NAME copies a host variable; -e NAME=value does not', () => {
    expect(run(['-e', 'ANTHROPIC_API_KEY'])).toEqual(escape("-e ANTHROPIC_API_KEY copies the host's ANTHROPIC_API_KEY into the container", ['-e', '--env']));
    expect(run(['--env=A=1', '-e', 'B='])).toEqual([]);
  });
});

describe('host files read or written by run options', () => {
  it('--env-file and --label-file must be inside the project (a secret env file feeds the container, not the model)', () => {
    expect(run(['--env-file', '/etc/environment'])).toEqual(escape('/etc/environment (/etc/environment) is outside the project: a read there reaches the host', ['--env-file']));
    expect(run(['--label-file=../proj_evil/x.txt'])).toEqual(escape(`../proj_evil/x.txt (${fx.root}/proj_evil/x.txt) is outside the project: a read there reaches the host`, ['--label-file']));
    expect(run(['--env-file', 'app.env', '--label-file', 'app.env'])).toEqual([]);
    expect(run(['--env-file', '.env'])).toEqual([]);
    expect(run(['--env-file', 'engine.sock'])).toEqual(escape('engine.sock is a container engine socket: whoever holds it controls the host', ['--env-file']));
  });

  it('--cidfile, --pidfile and --conmon-pidfile are writes: inside the project only, never into guarded files', () => {
    expect(run(['--cidfile', '/tmp/cid'])).toEqual(escape('/tmp/cid (/tmp/cid) is outside the project: a write there reaches the host', ['--cidfile']));
    expect(run(['--pidfile=/tmp/pid'], 'podman')).toEqual(escape('/tmp/pid (/tmp/pid) is outside the project: a write there reaches the host', ['--pidfile']));
    expect(run(['--conmon-pidfile', '~/pid'], 'podman')).toEqual(escape(`~/pid (${fx.home}/pid) is outside the project: a write there reaches the host`, ['--conmon-pidfile']));
    expect(run(['--cidfile', 'out/cid'])).toEqual([]);
    expect(run(['--cidfile', '.git/hooks/post-checkout'])).toEqual([
      { reach: 'refuse', reason: ".git/hooks/post-checkout: .git/ is protected (it can run code on the host or change this agent's permissions)" },
    ]);
    expect(run(['--cidfile', '.bashrc'])).toEqual([{ reach: 'change', reason: '.bashrc: .bashrc is a startup or tool configuration file that can run code' }]);
  });
});

describe('-v / --volume', () => {
  const vol = (spec: string) => checkVolumeSpec(spec, ctx, ['-v', '--volume']);

  it('named and anonymous volumes are fine; an unreadable source is refused', () => {
    expect(vol('data:/d')).toEqual([]);
    expect(vol('my.vol-1_x:/d:ro')).toEqual([]);
    expect(vol('/anon')).toEqual([]);
    expect(vol('$X:/d')).toEqual([{ reach: 'refuse', reason: "cannot tell what the volume source '$X' is" }]);
    expect(vol('-x:/d')).toEqual([{ reach: 'refuse', reason: "cannot tell what the volume source '-x' is" }]);
    // A name must be a volume name as a whole: 'data/../..' is none (docker refuses the '/' in a volume name).
    expect(vol('data/../..:/d')).toEqual([{ reach: 'refuse', reason: "cannot tell what the volume source 'data/../..' is" }]);
  });

  it('host paths must stay in the project and be neither secrets nor engine sockets', () => {
    const flags = ['-v', '--volume'];
    expect(vol('./html:/h')).toEqual([]);
    expect(vol(`${fx.proj}/html:/h`)).toEqual([]);
    expect(vol('/:/h')).toEqual(escape('/ (/) is outside the project: a mount there reaches the host', flags));
    expect(vol('~/.ssh:/s')).toEqual(escape(`~/.ssh (${fx.home}/.ssh) is outside the project: a mount there reaches the host`, flags));
    expect(vol('./.env:/e:ro')).toEqual(escape('./.env is a secret file (credentials); exposing it needs an explicit rule', flags));
    expect(vol('./engine.sock:/var/run/docker.sock')).toEqual(escape('./engine.sock is a container engine socket: whoever holds it controls the host', flags));
    expect(vol('./ctl:/ctl')).toEqual(escape('./ctl is a container engine socket: whoever holds it controls the host', flags));
    expect(vol('/var/run/docker.sock:/var/run/docker.sock')).toEqual(escape('/var/run/docker.sock is a container engine socket: whoever holds it controls the host', flags));
  });

  it('a writable mount exposing .git/ or .claude/ changes the world; read-only does not', () => {
    const change = (source: string, guarded: string) => [{ reach: 'change', reason: `a writable mount of ${source} exposes ${guarded}/ (hooks run on the host); add :ro to mount it read-only` }];
    expect(vol('./repo:/r')).toEqual(change('./repo', '.git'));
    expect(vol('./repo:/r:rw')).toEqual(change('./repo', '.git'));
    expect(vol('./repo/.git:/g')).toEqual(change('./repo/.git', '.git'));
    expect(vol('./repo/.git/hooks:/g')).toEqual(change('./repo/.git/hooks', '.git'));
    expect(vol('./agentdir:/a')).toEqual(change('./agentdir', '.claude'));
    expect(vol('./agentdir/.claude:/a')).toEqual(change('./agentdir/.claude', '.claude'));
    for (const opts of ['ro', 'readonly', 'ro,z', 'z,ro', 'Z,readonly']) expect(vol(`./repo:/r:${opts}`), opts).toEqual([]);
    expect(vol('./html:/h:rw')).toEqual([]);
    // Options are the third field only: `ro:` is not `ro`.
    expect(vol('./repo:/r:ro:')).toEqual(change('./repo', '.git'));
  });
});

describe('--mount', () => {
  const mount = (spec: string) => checkMountSpec(spec, ctx);
  const change = (source: string) => [{ reach: 'change', reason: `a writable mount of ${source} exposes .git/ (hooks run on the host); add :ro to mount it read-only` }];

  it('bind mounts: source checked like -v, read-only by readonly/ro with a Go boolean', () => {
    expect(mount('type=bind,source=./html,target=/h')).toEqual([]);
    expect(mount('type=bind,src=/,dst=/h')).toEqual(escape('/ (/) is outside the project: a mount there reaches the host', ['--mount']));
    expect(mount('TYPE=BIND,SRC=./repo,DST=/r')).toEqual(change('./repo'));
    for (const ro of ['readonly', 'ro', 'readonly=true', 'ro=1', 'readonly=TRUE', 'ro=t']) expect(mount(`type=bind,src=./repo,dst=/r,${ro}`), ro).toEqual([]);
    for (const rw of ['readonly=false', 'ro=0', 'readonly=False', 'readonly=f', 'ro=F', 'readonly=FALSE']) expect(mount(`type=bind,src=./repo,dst=/r,${rw}`), rw).toEqual(change('./repo'));
    expect(mount('type=bind,src=./repo,dst=/r,readonly=maybe')).toEqual([{ reach: 'refuse', reason: "--mount readonly=maybe is not a boolean" }]);
  });

  it('refuses a bind without source, quoted fields, and a key given twice under any of its names', () => {
    expect(mount('type=bind,target=/h')).toEqual([{ reach: 'refuse', reason: '--mount type=bind,target=/h has no source' }]);
    expect(mount('type=bind,"src=/",dst=/h')).toEqual([{ reach: 'refuse', reason: `quoted --mount fields are not understood ('type=bind,"src=/",dst=/h')` }]);
    expect(mount("type=bind,src='/',dst=/h")).toEqual([{ reach: 'refuse', reason: `quoted --mount fields are not understood ('type=bind,src='/',dst=/h')` }]);
    expect(mount('type=bind,src=./ok,src=/,dst=/h')).toEqual([{ reach: 'refuse', reason: "--mount repeats 'source'" }]);
    expect(mount('type=bind,source=./ok,src=/,dst=/h')).toEqual([{ reach: 'refuse', reason: "--mount repeats 'source'" }]);
    expect(mount('type=bind,src=./repo,ro,readonly=false,dst=/r')).toEqual([{ reach: 'refuse', reason: "--mount repeats 'readonly'" }]);
    expect(mount('type=bind,src=./repo,dst=/r,target=/x')).toEqual([{ reach: 'refuse', reason: "--mount repeats 'target'" }]);
    expect(mount('type=volume,type=bind,src=/,dst=/h')).toEqual([{ reach: 'refuse', reason: "--mount repeats 'type'" }]);
  });

  it('volume mounts: fine unless a volume-opt backs them with a host path; tmpfs and image are fine; other types escape', () => {
    expect(mount('type=volume,src=data,dst=/d')).toEqual([]);
    expect(mount('src=data,dst=/d')).toEqual([]);
    expect(mount('type=volume,src=data,dst=/d,volume-opt=type=nfs,volume-opt=o=addr=10.0.0.1')).toEqual([]);
    expect(mount('type=volume,src=data,dst=/d,volume-opt=foo=bind')).toEqual([]);
    for (const opts of ['volume-opt=device=/', 'volume-opt=o=bind', 'volume-opt=type=none,volume-opt=o=rbind', 'volume-opt=o=ro,volume-opt=device=/etc', 'volume-opt=device=/,volume-opt=o=ro', 'volume-opt=o=nobind']) {
      const spec = `type=volume,dst=/h,${opts}`;
      expect(mount(spec), opts).toEqual(escape(`--mount ${spec} backs the volume with a host path`, ['--mount']));
    }
    expect(mount('type=tmpfs,dst=/t')).toEqual([]);
    expect(mount('type=image,src=alpine,dst=/i')).toEqual([]);
    expect(mount('type=npipe,src=/x,dst=/y')).toEqual(escape('--mount type=npipe is not a mount type this firewall allows', ['--mount']));
    expect(mount('type=cluster,src=x,dst=/y')).toEqual(escape('--mount type=cluster is not a mount type this firewall allows', ['--mount']));
  });

  it('is what docker run --mount uses', () => {
    expect(run(['--mount', 'type=bind,src=/etc,dst=/e'])).toEqual(escape('/etc (/etc) is outside the project: a mount there reaches the host', ['--mount']));
    expect(run(['-v', 'data:/d', '--mount', 'type=tmpfs,dst=/t'])).toEqual([]);
  });
});
