import { beforeAll, describe, expect, it } from 'vitest';
import { loadBashParser } from '../../shell/parser.js';
import type { TsParser } from '../../shell/parser.js';
import { MAX_COMMAND_CHARS, MAX_SUBCOMMANDS, planCommand } from '../../shell/plan.js';

const env = { PWD: '/proj', HOME: '/home/u' };
let parser: TsParser;
beforeAll(async () => {
  parser = await loadBashParser();
});

function plan(cmd: string) {
  const r = planCommand(parser, cmd, env);
  if (!r.ok) throw new Error(r.reason);
  return r.plan;
}
function reason(cmd: string): string {
  const r = planCommand(parser, cmd, env);
  if (r.ok) throw new Error(`expected a refusal for ${cmd}: ${JSON.stringify(r.plan)}`);
  return r.reason;
}

describe('planCommand', () => {
  it('unquotes words the way bash does', () => {
    const p = plan(`docker ps --format '{{.Names}}' "a$HOME\${PWD}b"'c' \\; ~/x r''m`);
    expect(p.steps[0].pipeline.stages[0].argv).toEqual(['docker', 'ps', '--format', '{{.Names}}', 'a/home/u/projbc', ';', '/home/u/x', 'rm']);
  });

  it('keeps connectors and pipelines in order', () => {
    const p = plan('docker ps -a | grep web && kubectl get po || docker images; docker info');
    expect(p.steps.map((s) => [s.connector, s.pipeline.stages.map((c) => c.argv[0])])).toEqual([
      [null, ['docker', 'grep']],
      ['&&', ['kubectl']],
      ['||', ['docker']],
      [';', ['docker']],
    ]);
  });

  it('binds trailing redirections to the last simple command, as bash does', () => {
    const p = plan('docker ps && kubectl get po 2>&1 >/dev/null');
    expect(p.steps[0].pipeline.stages[0].redirections).toEqual({ stdout: { kind: 'inherit' }, stderr: { kind: 'inherit' } });
    const r = p.steps[1].pipeline.stages[0].redirections;
    expect(r.stdout).toEqual({ kind: 'null' });
    expect(r.stderr).toEqual({ kind: 'inherit' });
  });

  it('applies >file 2>&1 so both go to the file', () => {
    const r = plan('docker build . > out.log 2>&1').steps[0].pipeline.stages[0].redirections;
    expect(r.stdout).toEqual({ kind: 'file', path: 'out.log', append: false });
    expect(r.stderr).toBe(r.stdout);
  });

  it('passes a quoted here-document as literal stdin', () => {
    const p = plan("kubectl apply --dry-run=client -f x.yaml <<'EOF'\nkind: Pod\n$(id)\nEOF");
    expect(p.steps[0].pipeline.stages[0].redirections.stdin).toEqual({ kind: 'text', text: 'kind: Pod\n$(id)\n' });
  });

  it.each([
    ['docker ps $(id)', /command substitution/],
    ['docker ps `id`', /command substitution/],
    ['docker ps <(id)', /process substitution/],
    ['docker $IFS ps', /variable expansion/],
    ['docker ps${IFS}-a', /variable expansion/],
    ['docker ps ${HOME:-x}', /variable expansion/],
    ["docker ps $'\\x41'", /ANSI-C/],
    ['docker ps {a,b}', /brace expansion/],
    ['docker ps {1..3}', /brace expansion/],
    ['docker ps *', /glob/],
    ['docker ps a~b', /~/],
    ['docker ps ~root', /only '~'/],
    ['docker ps &', /background/],
    ['(docker ps)', /subshells/],
    ['{ docker ps; }', /command groups/],
    ['f() { docker ps; }; f', /function/],
    ['if true; then docker ps; fi', /if statements/],
    ['X=1', /bare variable assignment/],
    ['docker ps 3>x', /descriptor 3/],
    ['docker ps >&x', /descriptor copies/],
    ['docker ps\r', /control character/],
    ['kubectl apply -f - <<EOF\nx\nEOF', /skipped/],
    ["cat <<EOF\n$(id)\nEOF", /quoted delimiter/],
    ['docker ps "$(id)"', /not allowed/],
  ])('refuses %j', (cmd, why) => {
    expect(reason(cmd)).toMatch(why);
  });

  it(`denies commands over ${MAX_COMMAND_CHARS} characters and accepts one at the limit`, () => {
    const base = 'docker ps --filter name=';
    const atLimit = base + 'a'.repeat(MAX_COMMAND_CHARS - base.length);
    expect(planCommand(parser, atLimit, env).ok).toBe(true);
    expect(reason(atLimit + 'a')).toMatch(/10000/);
  });

  it(`denies more than ${MAX_SUBCOMMANDS} subcommands and accepts exactly ${MAX_SUBCOMMANDS}`, () => {
    const chain = (n: number) => Array.from({ length: n }, () => 'docker ps').join(' && ');
    expect(planCommand(parser, chain(MAX_SUBCOMMANDS), env).ok).toBe(true);
    expect(reason(chain(MAX_SUBCOMMANDS + 1))).toMatch(/51 subcommands/);
  });
});

describe('planCommand on arbitrary input', () => {
  it('always answers with a plan or a reason, never an exception (1,500 generated commands)', () => {
    const alphabet = ['docker', ' ', 'ps', '-a', '|', '&', ';', '(', ')', '{', '}', '$', '`', '"', "'", '\\', '\n', '<', '>', '=', '*', '~', '#', '!', 'x', '<<', 'EOF', '$(', '${', '2>&1', '[', ']'];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    let plans = 0;
    for (let n = 0; n < 1500; n++) {
      const len = 1 + (next() % 12);
      const cmd = Array.from({ length: len }, () => alphabet[next() % alphabet.length]).join('');
      const r = planCommand(parser, cmd, env);
      expect(r.ok ? typeof r.plan : typeof r.reason).toBe(r.ok ? 'object' : 'string');
      if (r.ok) {
        plans++;
        for (const s of r.plan.steps) for (const c of s.pipeline.stages) expect(c.argv.length).toBeGreaterThan(0);
      }
    }
    expect(plans).toBeGreaterThan(0);
  });
});
