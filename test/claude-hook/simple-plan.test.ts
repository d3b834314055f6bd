import { describe, expect, it } from 'vitest';
import { loadBashParser } from '../../shell/parser.js';
import { planCommand } from '../../shell/plan.js';
import { simplePlan } from '../../shell/simple-plan.js';
import { ATTACKS } from '../firewall/attack-corpus.js';
import { BENIGN } from '../firewall/benign-corpus.js';

const env = { PWD: '/proj', HOME: '/home/u' };
/** Pipelines, lists and single-quoted words: planned without the parser too. */
const PLANNED_TOO = [
  "docker ps | grep 'web'", 'docker ps|grep web', 'docker ps && docker images', 'docker ps || true', 'docker ps ; docker images', 'docker ps;docker images',
  'a | b | c', 'docker logs web | tail -n 50', "docker ps --format '{{.Names}}'", "grep '' x", "grep 'a b  c' x", "grep 'a|b;c&&d' x", "grep '$HOME `id` \\' x",
  "docker ps && kubectl get pods | grep -v 'Running' || echo none", "echo 'x' 'y'", 'a|b&&c||d;e', "docker run --rm alpine sh -c 'cat /etc/os-release'", "docker 'ps'",
  // Redirections after a stage's words.
  'docker logs web 2>&1 | tail -n 20', 'docker logs web 2>&1|tail', 'docker ps > out.txt', 'docker ps >out.txt', 'docker ps >> log', 'docker ps 2> err',
  'docker ps 2>/dev/null', 'docker ps > /dev/null 2>&1', 'docker ps 2>&1 >/dev/null', 'docker ps &> all.log', 'docker ps &>> all.log', 'docker ps&>x',
  'kubectl apply -f - < deploy.yaml', 'docker load < image.tar | tail -1', 'docker ps >&2', 'docker ps 1>&2', 'docker ps 1> out', 'docker ps 1>> out',
  'docker build . 2>&1 | tee build.log && docker images', 'docker ps > ../x', 'docker ps > /etc/passwd', 'docker ps 2>&1 2>/dev/null > o',
  'docker ps >/dev/null && echo up || echo down', 'echo 2>x', 'echo a 2 >x',
  // Double quotes around nothing that expands or escapes.
  'docker exec web sh -c "cat /etc/hosts"', 'grep "a b" x', 'echo ""', 'echo "it\'s"', 'echo \'say "hi"\'', 'docker ps --format "{{.Names}}"', 'echo "a#b"',
  'echo "a|b;c&&d>e<f"', 'echo "*"', 'echo "~"', 'grep "web" x', 'docker logs "web" 2>&1 | grep "error"',
];
const LEFT_TO_PARSER = [
  'docker ps |& cat', 'docker ps &', 'docker ps ;; x', 'docker ps;', 'docker ps |', '| cat', '&& x', "a'b'", "'a'b", "'a''b'", "'docker' ps", 'docker ps | if x',
  'docker ps && then', 'docker ps | X=1 cat', "grep 'unterminated", "grep 'a\nb' x", "docker ps | grep '\u00e9'", 'docker ps & & x', 'a && && b',
  "grep 'a\tb' x", 'docker ps ;& x', 'docker ps || | x', "docker ps | grep 'web' # c", 'docker ps | grep ~',
  'docker ps 3> x', 'docker ps >| x', 'docker ps <<EOF', 'docker ps <<< x', 'docker ps <& 3', 'docker ps <> x', 'docker ps >(cat)', 'docker ps 2>&12',
  'docker ps >', 'docker ps > | x', "docker ps > 'x'", 'docker ps > a b', '> x docker ps', 'docker ps < a < b', 'docker ps 2>&1x', 'docker ps >>> x',
  'docker ps > ~/x', 'docker ps > $HOME/x', 'docker ps>x',
  'echo "$HOME"', 'echo "`id`"', 'echo "a\\"b"', 'echo "hi!"', 'echo "unterminated', 'echo "a"b', 'echo a"b"', '"docker" ps', 'echo "\u00e9"', 'echo "a\nb"',
  'echo "a\\nb"', 'docker ps > "x"', 'echo "$(id)"',
];
const EXTRA = [
  'docker ps', '  docker ps  ', 'docker\tps', 'docker run --rm -p 127.0.0.1:8080:80 nginx:1.27', 'kubectl get pods -n kube-system -o wide',
  'docker build -t app:dev -f docker/Dockerfile.prod .', 'podman image ls --format=json', 'a=b', 'X=1 docker ps', 'docker ps # note',
  'docker ps *', 'docker ps ~', 'docker ps ~/x', '%1', '-x', 'if', 'time docker ps', 'docker ps\nid', 'docker ps & id',
  'docker ps{,}', 'docker ps [a]', 'docker ps ?', 'docker ps!', 'docker $X', 'docker ps > out', 'in', '.', '. x', 'docker ps --filter=name=a,b',
  ...PLANNED_TOO,
  ...LEFT_TO_PARSER,
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

  it.each(['a=b', 'X=1 docker ps', 'docker ps # note', 'docker ps *', 'docker ps ~', '%1', '-x', 'if', 'time docker ps', 'docker ps\nid', 'docker $X', 'docker ps 3> out', '', ...LEFT_TO_PARSER])(
    '%j is left to the parser',
    (command) => {
      expect(simplePlan(command)).toBeUndefined();
    },
  );

  it.each(PLANNED_TOO)('%j is planned without the parser', (command) => {
    expect(simplePlan(command)).toBeDefined();
  });

  it('a command over the length limit is left to the parser, which refuses it', () => {
    const long = `docker ps --filter name=${'a'.repeat(100)}`;
    expect(simplePlan(long, { maxCommandChars: 50, maxSubcommands: 50 })).toBeUndefined();
    expect(simplePlan(long, { maxCommandChars: 200, maxSubcommands: 50 })).toBeDefined();
  });
});
