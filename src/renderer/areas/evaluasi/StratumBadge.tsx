import { Badge } from '@mantine/core'
import type { IndicatorSet, StratumResult } from '../../../shared/evaluation/strata'
import { stratumLabel } from './explain'

const COLORS = ['red', 'yellow', 'teal', 'blue', 'grape']

/** The computed stratum as a coloured badge (colour by level order), "data tidak lengkap" marked. */
export function StratumBadge({ result, set }: { result: StratumResult; set: IndicatorSet }) {
  const idx = set.levels.findIndex((l) => l.id === result.stratum)
  const color = idx < 0 ? 'gray' : set.levels.length === 2 ? (idx === 0 ? 'red' : 'teal') : COLORS[idx]
  return (
    <Badge color={color} variant={result.incomplete ? 'outline' : 'filled'} data-testid="stratum-badge">
      {stratumLabel(result)}
      {result.incomplete && result.stratum ? ' *' : ''}
    </Badge>
  )
}
