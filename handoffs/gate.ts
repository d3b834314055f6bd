import type { PermissionDecision, PermissionGate, PermissionRequest } from '../permissions/types.js';
import { STEP_POLICY } from './steps.js';
import type { Workflow } from './workflow.js';

/** Wraps the permission gate: while the current step is read-only (analyze), any call that changes something is denied. */
export function workflowGate(inner: PermissionGate, workflow: Workflow): PermissionGate {
  return {
    async check(req: PermissionRequest): Promise<PermissionDecision> {
      const step = workflow.current;
      if (step && STEP_POLICY[step].readOnly && !req.readOnly) {
        return {
          behavior: 'deny',
          reason: `The '${step}' step is read-only: ${req.toolName} would change something. Record the step with WorkflowStep (status 'done') first, then make changes in a later step.`,
          rule: `workflow step ${step}`,
        };
      }
      return inner.check(req);
    },
  };
}
