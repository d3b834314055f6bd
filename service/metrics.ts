/**
 * Prometheus metrics for `serve` (prom-client, a registry of our own): tasks by state (from the store), the queue,
 * run and turn durations, tokens, cost, tool calls and permission denials (from the runs' events).
 */
import { TaskState, taskStateToJSON } from '@a2a-js/sdk';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AgentEvent as RunEvent } from '../agent/events.js';
import type { Usage } from '../agent/models/types.js';
import type { RunOutcome } from './task-run.js';
import type { Scheduler } from './scheduler.js';
import type { ServiceTaskStore } from './task-store.js';

const STATES = [
  TaskState.TASK_STATE_SUBMITTED,
  TaskState.TASK_STATE_WORKING,
  TaskState.TASK_STATE_INPUT_REQUIRED,
  TaskState.TASK_STATE_COMPLETED,
  TaskState.TASK_STATE_FAILED,
  TaskState.TASK_STATE_CANCELED,
  TaskState.TASK_STATE_REJECTED,
  TaskState.TASK_STATE_AUTH_REQUIRED,
];

export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly runSeconds: Histogram<'outcome'>;
  private readonly turnSeconds: Histogram;
  private readonly tokens: Counter<'kind'>;
  private readonly cost: Counter;
  private readonly toolCalls: Counter<'tool'>;
  private readonly denials: Counter<'tool'>;

  constructor(store: ServiceTaskStore, scheduler: Scheduler) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'docker_expert_' });
    new Gauge({
      name: 'docker_expert_tasks',
      help: 'Tasks in the store, by state',
      labelNames: ['state'],
      registers,
      async collect() {
        const counts = await store.countByState();
        for (const s of STATES) {
          const name = taskStateToJSON(s);
          this.set({ state: name.replace(/^TASK_STATE_/, '').toLowerCase() }, counts[name] ?? 0);
        }
      },
    });
    new Gauge({ name: 'docker_expert_queue_depth', help: 'Tasks waiting for a worker (SUBMITTED)', registers, collect() { this.set(scheduler.queued()); } });
    new Gauge({ name: 'docker_expert_running_tasks', help: 'Tasks running now', registers, collect() { this.set(scheduler.runningCount()); } });
    new Gauge({ name: 'docker_expert_workers', help: 'Runs at once at most (--workers)', registers, collect() { this.set(scheduler.limits.workers); } });
    this.runSeconds = new Histogram({
      name: 'docker_expert_run_duration_seconds',
      help: 'How long a task ran, from WORKING to its end, by outcome (left = the server stopped; it resumes)',
      labelNames: ['outcome'],
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers,
    });
    this.turnSeconds = new Histogram({
      name: 'docker_expert_turn_duration_seconds',
      help: 'One model turn: from the request (run start or tool results sent) to the assistant message',
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
      registers,
    });
    this.tokens = new Counter({ name: 'docker_expert_tokens_total', help: 'Model tokens, by kind', labelNames: ['kind'], registers });
    this.cost = new Counter({ name: 'docker_expert_cost_usd_total', help: 'Model cost in US dollars (estimated from usage)', registers });
    this.toolCalls = new Counter({ name: 'docker_expert_tool_calls_total', help: 'Tool calls started, by tool', labelNames: ['tool'], registers });
    this.denials = new Counter({ name: 'docker_expert_permission_denials_total', help: 'Tool calls denied by the permission rules, by tool', labelNames: ['tool'], registers });
  }

  /** An observer for one run (a turn is timed within its run). */
  forRun(): RunObserver {
    let turnStart: number | undefined;
    return {
      runMetric: (m: RunMetric) => {
        switch (m.kind) {
          case 'turn_start':
            turnStart = Date.now();
            break;
          case 'turn_end':
            if (turnStart !== undefined) this.turnSeconds.observe((Date.now() - turnStart) / 1000);
            turnStart = undefined;
            break;
          case 'usage':
            this.tokens.inc({ kind: 'input' }, m.usage.input_tokens ?? 0);
            this.tokens.inc({ kind: 'output' }, m.usage.output_tokens ?? 0);
            this.tokens.inc({ kind: 'cache_read' }, m.usage.cache_read_input_tokens ?? 0);
            this.tokens.inc({ kind: 'cache_creation' }, m.usage.cache_creation_input_tokens ?? 0);
            if (m.costUsd > 0) this.cost.inc(m.costUsd);
            break;
          case 'tool':
            this.toolCalls.inc({ tool: m.tool });
            break;
          case 'denial':
            this.denials.inc({ tool: m.tool });
            break;
        }
      },
      runEnded: (outcome, durationMs) => this.runSeconds.observe({ outcome }, durationMs / 1000),
    };
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** What the metrics take from a run's events (a run on a task thread sends only these). */
export type RunMetric =
  | { kind: 'turn_start' }
  | { kind: 'turn_end' }
  | { kind: 'usage'; usage: Usage; costUsd: number }
  | { kind: 'tool'; tool: string }
  | { kind: 'denial'; tool: string };

/** What the executor reports of each run (metrics). */
export interface RunObserver {
  runMetric(m: RunMetric): void;
  /** A run ended: how, and how long it ran (ms). */
  runEnded(outcome: RunOutcome, durationMs: number): void;
}

export function metricOf(e: RunEvent): RunMetric | undefined {
  switch (e.type) {
    case 'init':
    case 'user':
      return { kind: 'turn_start' };
    case 'assistant':
      return { kind: 'turn_end' };
    case 'usage':
      return { kind: 'usage', usage: e.usage, costUsd: e.cost_usd };
    case 'tool_start':
      return { kind: 'tool', tool: e.name };
    case 'permission':
      return e.behavior === 'deny' ? { kind: 'denial', tool: e.tool_name } : undefined;
    default:
      return undefined;
  }
}
