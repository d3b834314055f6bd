/**
 * A fixture for test/meta/test-script.test.ts: fails only when DOCKER_EXPERT_TEST_PROBE names this project. The import
 * of the engine support puts it in the engine project (vitest.config.ts), though it uses no engine.
 */
import { expect, it } from 'vitest';
import { engineSkipReason } from '../support/engine.js';

it('probe in the engine project', () => {
  expect(typeof engineSkipReason).toBe('function');
  expect(process.env.DOCKER_EXPERT_TEST_PROBE === 'engine' ? 'failed on purpose' : 'ok').toBe('ok');
});
