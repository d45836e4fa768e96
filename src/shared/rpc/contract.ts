import type { z } from 'zod';
import type { Result } from '../result';

export interface MethodSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

/**
 * A capability that crosses a process: Promise methods plus events, each with a zod schema
 * that the receiving side checks.
 */
export interface Contract {
  readonly name: string;
  readonly methods: Readonly<Record<string, MethodSpec>>;
  readonly events: Readonly<Record<string, z.ZodType>>;
}

export function defineContract<const C extends Contract>(contract: C): C {
  return contract;
}

type Methods<C extends Contract> = C['methods'];
type Events<C extends Contract> = C['events'];

export type MethodInput<C extends Contract, K extends keyof Methods<C>> = z.input<Methods<C>[K]['input']>;
export type MethodOutput<C extends Contract, K extends keyof Methods<C>> = z.output<Methods<C>[K]['output']>;
export type EventPayload<C extends Contract, K extends keyof Events<C>> = z.output<Events<C>[K]>;

/** What the serving side implements: inputs arrive already validated. */
export type ContractImpl<C extends Contract> = {
  [K in keyof Methods<C>]: (
    input: z.output<Methods<C>[K]['input']>,
  ) => Promise<Result<z.input<Methods<C>[K]['output']>>>;
};

/** What the calling side holds: a typed proxy whose calls never throw. A contract may not name a method `on`. */
export type ContractClient<C extends Contract> = {
  readonly [K in keyof Methods<C>]: (input: MethodInput<C, K>) => Promise<Result<MethodOutput<C, K>>>;
} & {
  on<K extends keyof Events<C> & string>(event: K, listener: (payload: EventPayload<C, K>) => void): () => void;
};

/** Lets the serving side push events with a checked payload. */
export type ContractEmitter<C extends Contract> = <K extends keyof Events<C> & string>(
  event: K,
  payload: z.input<Events<C>[K]>,
) => void;
