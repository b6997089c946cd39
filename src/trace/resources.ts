// Resources (goroutines, procs, threads), their states, and state transitions.
// Port of Go's resources.go. IDs are numbers: Go's int64 IDs, -1 for "none".

import type { Stack } from './event.ts';

/** Go's ThreadID/ProcID/GoID sentinels. */
export const NoThread = -1;
export const NoProc = -1;
export const NoGoroutine = -1;

/** Goroutine states (Go's GoState). */
export const GoState = {
  Undetermined: 0,
  NotExist: 1,
  Runnable: 2,
  Running: 3,
  Waiting: 4,
  Syscall: 5,
} as const;
export type GoState = (typeof GoState)[keyof typeof GoState];

/** Proc states (Go's ProcState). */
export const ProcState = {
  Undetermined: 0,
  NotExist: 1,
  Running: 2,
  Idle: 3,
} as const;
export type ProcState = (typeof ProcState)[keyof typeof ProcState];

/** Kinds of resource (Go's ResourceKind). */
export const ResourceKind = {
  None: 0,
  Goroutine: 1,
  Proc: 2,
  Thread: 3,
} as const;
export type ResourceKind = (typeof ResourceKind)[keyof typeof ResourceKind];

const goStateNames = ['Undetermined', 'NotExist', 'Runnable', 'Running', 'Waiting', 'Syscall'];
const procStateNames = ['Undetermined', 'NotExist', 'Running', 'Idle'];
const resourceKindNames = ['None', 'Goroutine', 'Proc', 'Thread'];

/** GoState.String() in Go. */
export function goStateString(s: number): string {
  return goStateNames[s] ?? 'Bad';
}
/** ProcState.String() in Go. */
export function procStateString(s: number): string {
  return procStateNames[s] ?? 'Bad';
}
/** ResourceKind.String() in Go. */
export function resourceKindString(k: number): string {
  return resourceKindNames[k] ?? 'Bad';
}
/** True if a goroutine in this state is bound to its thread (Running or Syscall). */
export function goStateExecuting(s: number): boolean {
  return s === GoState.Running || s === GoState.Syscall;
}
/** True if a proc in this state is bound to its thread (Running). */
export function procStateExecuting(s: number): boolean {
  return s === ProcState.Running;
}

/** A resource: its kind and ID. */
export class ResourceID {
  readonly kind: ResourceKind;
  /** The ID (exact below 2^53). */
  readonly id: number;
  /** Exact decimal of the ID (int64), for printing. */
  readonly idText: string;
  constructor(kind: ResourceKind, id: number, idText: string = String(id)) {
    this.kind = kind;
    this.id = id;
    this.idText = idText;
  }

  static none(): ResourceID {
    return new ResourceID(ResourceKind.None, 0);
  }

  /** The goroutine ID; throws unless kind is Goroutine. */
  goroutine(): number {
    if (this.kind !== ResourceKind.Goroutine) throw new Error(`attempted to get GoID from ${resourceKindString(this.kind)} resource ID`);
    return this.id;
  }
  /** The proc ID; throws unless kind is Proc. */
  proc(): number {
    if (this.kind !== ResourceKind.Proc) throw new Error(`attempted to get ProcID from ${resourceKindString(this.kind)} resource ID`);
    return this.id;
  }
  /** The thread ID; throws unless kind is Thread. */
  thread(): number {
    if (this.kind !== ResourceKind.Thread) throw new Error(`attempted to get ThreadID from ${resourceKindString(this.kind)} resource ID`);
    return this.id;
  }

  /** "None", "Goroutine(7)", "Proc(0)", "Thread(123)" (Go's ResourceID.String). */
  toString(): string {
    if (this.kind === ResourceKind.None) return 'None';
    return `${resourceKindString(this.kind)}(${this.idText})`;
  }
}

/** A state change of a goroutine or proc (Go's StateTransition). */
export class StateTransition {
  /** The resource changing state. */
  readonly resource: ResourceID;
  /** Why, e.g. "chan receive" (goroutine stops and blocks only). Settable, as in Go, for makeEvent. */
  reason: string;
  /**
   * The stack of the transitioning resource: the new goroutine's start stack for a
   * creation, the goroutine's own stack when it stops, blocks or enters a syscall, and
   * (Go 1.27) a goroutine's stack in its status event, where the trace has one.
   */
  stack: Stack;
  private readonly oldState: number;
  private readonly newState: number;
  constructor(resource: ResourceID, reason: string, stack: Stack, oldState: number, newState: number) {
    this.resource = resource;
    this.reason = reason;
    this.stack = stack;
    this.oldState = oldState;
    this.newState = newState;
  }

  /** From and to states of a goroutine transition; throws for a proc transition. */
  goroutine(): { from: GoState; to: GoState } {
    if (this.resource.kind !== ResourceKind.Goroutine) throw new Error('Goroutine called on non-Goroutine state transition');
    return { from: this.oldState as GoState, to: this.newState as GoState };
  }

  /** From and to states of a proc transition; throws for a goroutine transition. */
  proc(): { from: ProcState; to: ProcState } {
    if (this.resource.kind !== ResourceKind.Proc) throw new Error('Proc called on non-Proc state transition');
    return { from: this.oldState as ProcState, to: this.newState as ProcState };
  }
}
