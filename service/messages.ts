/**
 * Small builders for the SDK's protobuf-shaped objects (every field present, as the SDK's types want). Text and data
 * parts are the service's redaction point: every status update and artifact we send is built here, so a secret in a
 * result, a handoff or the diff goes out as `[REDACTED:<kind>]`. Raw file bytes (the changed files themselves, the
 * caller's own project) go out as they are.
 */
import { randomUUID } from 'node:crypto';
import { Role, TaskState, type Artifact, type Message, type Part, type Task, type TaskStatusUpdateEvent } from '@a2a-js/sdk';
import type { RequestContext } from '@a2a-js/sdk/server';
import { createRedactor, redactLeaves } from '../agent/redaction/index.js';

const redactor = createRedactor();

export function textPart(text: string, mediaType = 'text/plain', filename = ''): Part {
  return { content: { $case: 'text', value: redactor.redact(text).text }, metadata: undefined, filename, mediaType };
}

export function dataPart(value: unknown): Part {
  return { content: { $case: 'data', value: redactLeaves(value, redactor) }, metadata: undefined, filename: '', mediaType: 'application/json' };
}

export function rawPart(data: Buffer, filename: string, mediaType: string): Part {
  return { content: { $case: 'raw', value: data }, metadata: undefined, filename, mediaType };
}

export function agentMessage(taskId: string, contextId: string, parts: Part[]): Message {
  return { role: Role.ROLE_AGENT, messageId: randomUUID(), parts, taskId, contextId, extensions: [], metadata: {}, referenceTaskIds: [] };
}

export function statusUpdate(taskId: string, contextId: string, state: TaskState, parts?: Part[]): TaskStatusUpdateEvent {
  return {
    taskId,
    contextId,
    status: { state, timestamp: new Date().toISOString(), message: parts ? agentMessage(taskId, contextId, parts) : undefined },
    metadata: {},
  };
}

export function artifact(name: string, description: string, parts: Part[]): Artifact {
  return { artifactId: randomUUID(), name, description, parts, metadata: undefined, extensions: [] };
}

/** What a follow-up message on a task that is not finished gets (one run per task in this version). */
export const FOLLOW_UP_UNSUPPORTED = 'this task is still running; follow-up messages on a task are not supported yet: send a new message (same contextId) for a new task';

/** A new task as first published: SUBMITTED, the caller's message as its history. */
export function submittedTask(ctx: RequestContext): Task {
  return {
    id: ctx.taskId,
    contextId: ctx.contextId,
    status: { state: TaskState.TASK_STATE_SUBMITTED, timestamp: new Date().toISOString(), message: undefined },
    artifacts: [],
    history: [ctx.userMessage],
    metadata: ctx.userMessage.metadata,
  };
}
