/**
 * Issue 14.1: plan mode and the read-only analyze step run nothing that changes state. Every container command gets two
 * verdicts, host reach and changes-state; plan mode refuses on the second (and says so), and still runs what only looks.
 * Each refused command is proven not run (the shims log every program they stand in for); each allowed one ran.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from '../firewall/fixture.js';
import { executeBash } from '../firewall/harness.js';
import { bashTool } from '../../tools/bash/index.js';

let fx: Fixture;
beforeAll(() => {
  fx = makeFixture();
});
afterAll(() => fx.cleanup());

/** Commands that change engine or cluster state (none of them reaches the host): refused in plan mode. */
const CHANGING = [
  'docker run -d --restart=always -p 8080:80 --name web nginx',
  'docker run --rm alpine:3.20 echo hi',
  'docker run -d --init --name api -p 127.0.0.1:3000:3000 app:dev',
  'docker container run --rm alpine:3.20 true',
  'docker create --name web nginx:1.27',
  'docker container create nginx:1.27',
  'docker build -t app:dev .',
  'docker build --no-cache -t app:dev -f Dockerfile .',
  'docker image build -t app:dev .',
  'docker buildx build -t app:dev .',
  'docker tag app:dev registry.example.com/app:prod',
  'docker image tag app:dev app:1.0',
  'docker start web',
  'docker stop web',
  'docker restart web',
  'docker kill web',
  'docker pause web',
  'docker unpause web',
  'docker rm web',
  'docker rm -f web',
  'docker rmi app:dev',
  'docker image rm app:dev',
  'docker image prune -f',
  'docker container prune -f',
  'docker system prune -f',
  'docker pull nginx:1.27',
  'docker push registry.example.com/app:prod',
  'docker commit web app:snapshot',
  'docker exec web ls /',
  'docker rename web web2',
  'docker update --memory 512m web',
  'docker network create backend',
  'docker network rm backend',
  'docker network prune -f',
  'docker network connect backend web',
  'docker volume create data',
  'docker volume rm data',
  'docker volume prune -f',
  'docker load -i image.tar',
  'docker save -o image.tar app:dev',
  'docker compose up -d',
  'docker compose down',
  'docker compose build',
  'docker compose pull',
  'docker compose rm -f',
  'docker compose restart api',
  'docker compose stop',
  'docker compose start',
  'podman run --rm alpine:3.20 true',
  'podman build -t app:dev .',
  'podman tag app:dev app:1.0',
  'podman rm -f web',
  'podman rmi app:dev',
  'podman pod create --name p',
  'kubectl apply -f k8s/deploy.yaml',
  'kubectl create deployment web --image=nginx:1.27',
  'kubectl delete pod web-0',
  'kubectl patch deployment web -p {"spec":{"replicas":3}}',
  'kubectl scale deployment web --replicas=3',
  'kubectl rollout restart deployment web',
  'kubectl rollout undo deployment web',
  'kubectl label pods web-0 tier=front',
  'kubectl annotate deployment web owner=team',
  'kubectl cordon node-1',
  'kubectl drain node-1 --ignore-daemonsets',
  'kubectl set image deployment/web web=nginx:1.28',
  'kubectl expose deployment web --port=80',
];

/** Commands that only look (or change nothing with --dry-run): allowed and run in plan mode. */
const LOOKING = [
  'docker version', 'docker --version', 'docker info', 'docker ps', 'docker ps -a', 'docker images', 'docker image ls',
  'docker image inspect alpine:3.20', 'docker image history app:dev', 'docker inspect web', 'docker logs --tail 50 web',
  'docker top web', 'docker port web', 'docker diff web', 'docker stats --no-stream', 'docker system df',
  'docker network ls', 'docker network inspect bridge', 'docker volume ls', 'docker volume inspect data',
  'docker context ls', 'docker history app:dev', 'docker compose ps', 'docker compose config', 'docker compose logs --tail 20',
  'docker compose images', 'docker compose --dry-run up -d', 'docker buildx ls', 'podman ps -a', 'podman images',
  'podman inspect web', 'podman logs web', 'podman pod ps', 'podman version',
  'kubectl get pods', 'kubectl get deploy -o yaml', 'kubectl describe pod web-0', 'kubectl logs web-0',
  'kubectl version --client', 'kubectl apply --dry-run=client -f k8s/deploy.yaml',
  'kubectl create deployment web --image=nginx:1.27 --dry-run=client -o yaml', 'kubectl kustomize k8s',
  'kubectl get events', 'kubectl top pods', 'kubectl explain pods',
];

describe('plan mode: the changes-state verdict', () => {
  it('the tables are as large as the issue asks', () => {
    expect(CHANGING.length).toBeGreaterThanOrEqual(60);
    expect(LOOKING.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CHANGING)('refuses and does not run: %s', async (command) => {
    const before = fx.runs().length;
    const { decision, result } = await executeBash(fx, command, { mode: 'plan' });
    expect(decision.behavior).toBe('deny');
    expect(decision.reason).toMatch(/plan mode is read-only/);
    expect(result).toBeUndefined();
    expect(fx.runs().length).toBe(before);
  });

  it.each(LOOKING)('runs: %s', async (command) => {
    const before = fx.runs().length;
    const { decision, result } = await executeBash(fx, command, { mode: 'plan' });
    expect(decision.behavior, decision.reason).toBe('allow');
    expect(result?.isError).toBeFalsy();
    expect(fx.runs().length).toBe(before + 1);
  });

  it('names the verdict that refused: changes-state for docker run, host reach for an escape', async () => {
    const run = await executeBash(fx, 'docker run -d --restart=always -p 8080:80 --name web nginx', { mode: 'plan' });
    expect(run.decision.reason).toMatch(/changes state: docker run creates and starts a container \(refused by the changes-state verdict/);
    const escape = await executeBash(fx, 'docker run --privileged alpine', { mode: 'plan' });
    expect(escape.decision.reason).toMatch(/host escape/);
  });

  it('outside plan mode the shipped Bash(docker:*) still allows building and running (host reach decides there)', async () => {
    expect((await executeBash(fx, 'docker build -t app:dev .')).decision.behavior).toBe('allow');
    expect((await executeBash(fx, 'docker run --rm alpine:3.20 true')).decision.behavior).toBe('allow');
    expect((await executeBash(fx, 'docker tag app:dev app:1.0')).decision.behavior).toBe('allow');
  });

  it('the Bash tool calls a changing command not read-only, so the analyze step refuses it too', async () => {
    const tool = bashTool({ env: fx.env, home: fx.home, cwd: fx.proj });
    await tool.ready!();
    for (const command of ['docker run --rm alpine:3.20 true', 'docker build -t app:dev .', 'docker tag a b', 'docker compose build']) {
      expect(tool.isReadOnly({ command }), command).toBe(false);
    }
    for (const command of ['docker ps', 'kubectl get pods', 'docker compose --dry-run up -d']) expect(tool.isReadOnly({ command }), command).toBe(true);
  });
});
