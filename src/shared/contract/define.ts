import type { z } from 'zod'

/** One operation: a zod schema for its input and a phantom for its output type. */
export interface OpDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I
  output?: O
}

/** Declares an operation; `O` is only a type, nothing is checked at run time. */
export const op = <O>() => <I extends z.ZodType>(input: I): OpDef<I, O> => ({ input })
