/** A fixture for test/meta/test-script.test.ts: fails only when DOCKER_EXPERT_TEST_PROBE names this project. */
import { expect, it } from 'vitest';

it('probe in the parallel project', () => {
  expect(process.env.DOCKER_EXPERT_TEST_PROBE === 'parallel' ? 'failed on purpose' : 'ok').toBe('ok');
});
