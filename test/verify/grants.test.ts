/**
 * What `--verify` grants (agent/verify-grants.ts) and nothing more: the agent may build images and run, probe, read
 * and remove its own `docker-expert-verify-*` containers; every host escape stays denied, other containers stay out
 * of reach, plan mode still refuses changes, deny rules still win.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPermissionGate, type PermissionGateOptions } from '../../permissions/index.js';
import { verifyAllowRules } from '../../agent/verify-grants.js';
import { makeFixture, type Fixture } from '../firewall/fixture.js';
import { seedDefinition } from '../firewall/harness.js';

let fx: Fixture;
beforeAll(() => {
  fx = makeFixture();
});
afterAll(() => fx.cleanup());

const gate = (extra: Partial<PermissionGateOptions> = {}) =>
  createPermissionGate({ definition: seedDefinition(), cwd: fx.proj, home: fx.home, verifyAllow: verifyAllowRules(), ...extra });
const decide = async (command: string, extra: Partial<PermissionGateOptions> = {}) =>
  (await gate(extra).check({ toolName: 'Bash', toolUseId: 't', input: { command }, readOnly: false })).behavior;

const NAME = 'docker-expert-verify-shop-0a1b2c3d4e5f-1';
const OWN = [
  `docker build --force-rm -t docker-expert-verify-shop:0a1b2c3d4e5f .`,
  `docker run -d --init --name ${NAME} -p 127.0.0.1::3000 docker-expert-verify-shop:0a1b2c3d4e5f`,
  `docker exec ${NAME} cat /proc/net/tcp /proc/net/tcp6`,
  `docker exec ${NAME} node -e 'process.exit(0)'`,
  `docker inspect --format '{{.State.Status}} {{.State.ExitCode}}' ${NAME}`,
  `docker logs --tail 40 ${NAME}`,
  `docker rm -f ${NAME}`,
  `docker rmi -f docker-expert-verify-shop:0a1b2c3d4e5f`,
];

describe('--verify grants', () => {
  it.each(OWN)('allows the loop\'s own command: %s', async (command) => {
    expect(await decide(command)).toBe('allow');
  });

  it.each([
    `docker run -d --init --name ${NAME} --privileged alpine`,
    `docker run -d --name ${NAME} -v /:/host alpine`,
    `docker run -d --name ${NAME} -v /var/run/docker.sock:/var/run/docker.sock alpine`,
    `docker run -d --name ${NAME} --network host alpine`,
    `docker exec --privileged ${NAME} sh`,
    'docker rm -f production-db',
    'docker exec production-db psql',
    'docker rmi -f postgres:16',
    `docker -H tcp://10.0.0.1:2375 rm -f ${NAME}`,
  ])('still refuses: %s', async (command) => {
    expect(await decide(command)).toBe('deny');
  });

  it('plan mode refuses the changes, and a deny rule wins over the grant', async () => {
    expect(await decide(`docker rm -f ${NAME}`, { mode: 'plan' })).toBe('deny');
    expect(await decide(`docker exec ${NAME} cat /proc/net/tcp`, { mode: 'plan' })).toBe('deny');
    expect(await decide(`docker rm -f ${NAME}`, { deny: ['Bash(docker rm:*)'] })).toBe('deny');
  });

  it('without the grant (--no-verify), the same probe and clean-up are not allowed', async () => {
    expect(await decide(`docker exec ${NAME} cat /proc/net/tcp`, { verifyAllow: [] })).not.toBe('allow');
    expect(await decide(`docker rm -f ${NAME}`, { verifyAllow: [] })).not.toBe('allow');
  });
});
