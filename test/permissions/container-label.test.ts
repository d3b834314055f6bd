/** withContainerLabel: `serve` marks each task's containers; the label goes right after the run/create verb, past any global options. */
import { describe, expect, test } from 'vitest';
import { withContainerLabel } from '../../permissions/container/index.js';

const L = 'docker-expert.task=t1';

describe('withContainerLabel', () => {
  test.each([
    [['docker', 'run', 'busybox', 'sleep', '1'], ['docker', 'run', '--label', L, 'busybox', 'sleep', '1']],
    [['docker', 'create', '--name', 'x', 'busybox'], ['docker', 'create', '--label', L, '--name', 'x', 'busybox']],
    [['docker', 'container', 'run', '-d', 'busybox'], ['docker', 'container', 'run', '--label', L, '-d', 'busybox']],
    // A global option's value that reads "run" is not the verb.
    [['docker', '--context', 'run', 'run', 'busybox'], ['docker', '--context', 'run', 'run', '--label', L, 'busybox']],
    [['docker', '-H', 'unix:///x.sock', 'run', 'busybox', 'run'], ['docker', '-H', 'unix:///x.sock', 'run', '--label', L, 'busybox', 'run']],
    [['podman', '--remote', 'run', 'busybox'], ['podman', '--remote', 'run', '--label', L, 'busybox']],
  ])('%j gets the label after its verb', (argv, expected) => {
    expect(withContainerLabel(argv, L)).toEqual(expected);
  });

  test.each([
    [['docker', 'ps']],
    [['docker', 'exec', 'c', 'run']],
    [['docker', 'image', 'run']],
    [['echo', 'docker', 'run']],
    [['docker', '--no-such-global', 'run', 'busybox']],
  ])('%j is left as it is', (argv) => {
    expect(withContainerLabel(argv, L)).toEqual(argv);
  });
});
