import { describe, expect, it } from 'vitest';
import { loadBashParser } from '../../shell/parser.js';
import { planCommand } from '../../shell/plan.js';
import { simplePlan } from '../../shell/simple-plan.js';
import { ATTACKS } from '../firewall/attack-corpus.js';
import { BENIGN } from '../firewall/benign-corpus.js';

const env = { PWD: '/proj', HOME: '/home/u' };
const EXTRA = [
  'docker ps', '  docker ps  ', 'docker\tps', 'docker run --rm -p 127.0.0.1:8080:80 nginx:1.27', 'kubectl get pods -n kube-system -o wide',
  'docker build -t app:dev -f docker/Dockerfile.prod .', 'podman image ls --format=json', 'a=b', 'X=1 docker ps', 'docker ps # note',
  'docker ps *', 'docker ps ~', 'docker ps ~/x', '%1', '-x', 'if', 'time docker ps', 'docker ps\nid', 'docker ps & id', "docker 'ps'",
  'docker ps{,}', 'docker ps [a]', 'docker ps ?', 'docker ps!', 'docker $X', 'docker ps > out', 'in', '.', '. x', 'docker ps --filter=name=a,b',
];

describe('simplePlan: the parser\'s plan for plain-word commands, nothing for anything else', () => {
  it('gives exactly planCommand\'s plan whenever it gives one (every corpus command and the edge cases)', async () => {
    const parser = await loadBashParser();
    let fast = 0;
    for (const command of [...ATTACKS.map((a) => a.command), ...BENIGN.map((b) => b.command), ...EXTRA]) {
      const simple = simplePlan(command);
      if (!simple) continue;
      fast++;
      const parsed = planCommand(parser, command, env);
      expect(parsed.ok ? parsed.plan : parsed.reason, command).toEqual(simple);
    }
    expect(fast).toBeGreaterThan(60);
  });

  it.each(['a=b', 'X=1 docker ps', 'docker ps # note', 'docker ps *', 'docker ps ~', '%1', '-x', 'if', 'time docker ps', 'docker ps\nid', "docker 'ps'", 'docker $X', 'docker ps > out', ''])(
    '%j is left to the parser',
    (command) => {
      expect(simplePlan(command)).toBeUndefined();
    },
  );

  it('a command over the length limit is left to the parser, which refuses it', () => {
    const long = `docker ps --filter name=${'a'.repeat(100)}`;
    expect(simplePlan(long, { maxCommandChars: 50, maxSubcommands: 50 })).toBeUndefined();
    expect(simplePlan(long, { maxCommandChars: 200, maxSubcommands: 50 })).toBeDefined();
  });
});
