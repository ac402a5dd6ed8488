import type { z } from 'zod'
import type { Result } from '../result'
import type { OpDef } from './define'
import { appOps } from './app'
import { regulationOps } from './regulation'
import { exchangeOps } from './exchange'
import { evaluationOps } from './evaluation'
import { honorOps } from './honor'
import { programmeOps } from './programme'
import { registryOps } from './registry'
import { peopleOps } from './people'
import { reportOps } from './reports'
import { formsOps } from './forms'
import { provinceOps } from './province'

/**
 * The whole contract: every operation the renderer may call, by name. Each area adds
 * its own file and spreads it here; main, preload, host and renderer all read this.
 */
export const contract = {
  ...appOps,
  ...regulationOps,
  ...exchangeOps,
  ...evaluationOps,
  ...honorOps,
  ...programmeOps,
  ...registryOps,
  ...peopleOps,
  ...reportOps,
  ...formsOps,
  ...provinceOps,
} as const satisfies Record<string, OpDef>

export type Contract = typeof contract
export type OpName = keyof Contract
export type Input<K extends OpName> = z.input<Contract[K]['input']>
export type ParsedInput<K extends OpName> = z.output<Contract[K]['input']>
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Output<K extends OpName> = Contract[K] extends OpDef<any, infer O> ? O : never

export const opNames = Object.keys(contract) as OpName[]
export const isOpName = (name: unknown): name is OpName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)

type AreaOf<K> = K extends `${infer A}.${string}` ? A : never
type VerbOf<K, A extends string> = K extends `${A}.${infer V}` ? V : never
export type Area = AreaOf<OpName>

/** `window.simpul.<area>.<verb>(input)`, as the preload and the web client expose it. */
export type SimpulApi = {
  [A in Area]: {
    [K in OpName as VerbOf<K, A>]: (input: Input<K>) => Promise<Result<Output<K>>>
  }
}

export type Invoke = (op: OpName, input: unknown) => Promise<Result<unknown>>

/** Builds the nested API object from the operation names and one generic invoke. */
export function buildApi(invoke: Invoke): SimpulApi {
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {}
  for (const name of opNames) {
    const dot = name.indexOf('.')
    const area = name.slice(0, dot)
    const verb = name.slice(dot + 1)
    api[area] ??= {}
    api[area][verb] = (input: unknown) => invoke(name, input ?? {})
  }
  return api as unknown as SimpulApi
}
