import { Anchor, Group, Loader, Stack, Text } from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
import { useState } from 'react'
import type { Framework } from '../../../shared/contract/programme'
import { Letterhead, PrintSheet, PrintToolbar, SignatureBlock, usePaperT } from '../../components/print/Print'
import type { Paper } from '../../components/print/paper'
import { useOp } from '../../hooks'
import { href } from '../../router'
import { CoverageTable, linesOf, MoneyChart, SummaryTable } from './Summary'
import { useT } from './shared'

/** The summary on paper: letterhead, per SKPD and per part/field, coverage, signature. */
export function SummaryPrint({ year, framework }: { year: number; framework: Framework }) {
  const screenT = useT()
  // The sheet is printed: its texts are Indonesian whatever the screen's language.
  const t = usePaperT('program')
  const [paper, setPaper] = useState<Paper>('A4')
  const [landscape, setLandscape] = useState(false)
  const s = useOp('programme.summary', { fiscalYear: year }).data
  const office = useOp('office.get', {}).data
  const today = new Date().toISOString().slice(0, 10)
  const first = framework === 'spm' ? t('fields.spmField') : framework === 'ilp' ? t('framework.ilp') : t('fields.phiPart')
  return (
    <Stack gap={0}>
      {/* Notifications float above the sheet on screen; they never belong on paper. */}
      <style>{'@media print { .mantine-Notifications-root { display: none !important; } }'}</style>
      <Anchor href={href('program/ringkasan')} size="sm" className="no-print" mb="xs"><Group gap={4}><IconArrowLeft size={14} />{screenT('summary.title')}</Group></Anchor>
      <PrintToolbar paper={paper} onPaper={setPaper} landscape={landscape} onLandscape={setLandscape} fileName={`ringkasan-program-${year}.pdf`} />
      {!s ? (
        <Loader />
      ) : (
        <PrintSheet paper={paper} landscape={landscape} footer={`Simpul — ringkasan program ${year}`}>
          <Letterhead />
          <Text ta="center" fw={700} mt="md">{t('summary.printTitle')}</Text>
          <Text ta="center" fw={700} mb="md">{office?.kabupaten?.toUpperCase()} — TAHUN ANGGARAN {year}</Text>
          <Text fw={700} size="sm" mt="sm">A. {t('summary.bySkpd')}</Text>
          <SummaryTable lines={s.bySkpd} first={t('fields.skpd')} dense />
          <Text fw={700} size="sm" mt="md">B. {t('summary.byPart')}: {first}</Text>
          <div style={{ breakInside: 'avoid' }}><MoneyChart lines={linesOf(s, framework)} compact /></div>
          <SummaryTable lines={linesOf(s, framework)} first={first} dense />
          {framework === 'ilp' && <Text size="xs">{t('summary.lifeStageNote')}</Text>}
          <Text fw={700} size="sm" mt="md">C. {t('summary.byKecamatan')}</Text>
          <CoverageTable s={s} dense />
          <SignatureBlock signers={[{ caption: 'Mengetahui,\nPengguna Anggaran', role: 'pa' }, { caption: 'Ketua Tim Pembina Posyandu', role: 'ketua_tim' }]} date={today} />
        </PrintSheet>
      )}
    </Stack>
  )
}
