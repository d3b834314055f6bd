/**
 * The request thread comes first. A task thread lowers its own scheduling priority (nice, +TASK_THREAD_NICE), so that
 * when both want a core the request thread gets it: a SendMessage is answered from the request thread's queue, and on
 * a machine with few cores the runs' bursts of work (unpacking, diffs, a session's start) otherwise stand between a
 * request and its answer. The processes a run starts (Bash, git, docker) inherit the lower priority. On Linux the nice
 * value belongs to a thread (setpriority on the thread's id; /proc/thread-self names it); elsewhere nothing is done.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

export const TASK_THREAD_NICE = 10;

/** Lowers the calling thread's priority by `by` (at most to nice 19); returns the thread's new nice value, or undefined where it cannot be done. */
export function lowerThisThread(by = TASK_THREAD_NICE): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(tid, Math.min(19, getPriority(tid) + by));
    return getPriority(tid);
  } catch {
    return undefined;
  }
}
