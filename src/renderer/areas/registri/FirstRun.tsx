import { Anchor, Button, Card, Group, List, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconCheck, IconCircleDashed, IconFileImport, IconPlus } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { useOp } from '../../hooks'
import { href, navigate } from '../../router'
import { NS, useOffice } from './shared'
import { useCan } from '../../session'

/**
 * What a new office does first, shown where an empty list would otherwise say "nothing
 * matches": set the letterhead, enrol the other office (kabupaten or its kecamatan), add
 * or import posyandu. Each step ticks itself once done.
 */
export function FirstRunChecklist() {
  const { t } = useTranslation(NS)
  const office = useOffice()
  const settings = useOp('settings.get', {})
  const peers = useOp('exchange.peers', {})
  const can = useCan()
  if (settings.loading || peers.loading) return <Loader size="sm" />
  const letterhead = Boolean(settings.data?.['letterhead.government'] && settings.data?.['letterhead.office'])
  const enrolled = (peers.data ?? []).some((p) => !p.revokedAt)
  const step = (done: boolean, label: string, action: React.ReactNode) => (
    <List.Item icon={<ThemeIcon color={done ? 'teal' : 'gray'} variant={done ? 'filled' : 'light'} radius="xl" size={26}>{done ? <IconCheck size={16} /> : <IconCircleDashed size={16} />}</ThemeIcon>}>
      <Group gap="sm" wrap="wrap">
        <Text fw={500} td={done ? 'line-through' : undefined}>{label}</Text>
        {!done && action}
      </Group>
    </List.Item>
  )
  return (
    <Card withBorder p="lg" data-testid="first-run">
      <Stack gap="md">
        <div>
          <Title order={3}>{t('firstRun.title')}</Title>
          <Text c="dimmed" size="sm">{t('firstRun.intro')}</Text>
        </div>
        <List spacing="md" center>
          {step(letterhead, t('firstRun.letterhead'), <Anchor href={href('pengaturan')} size="sm">{t('firstRun.letterheadGo')}</Anchor>)}
          {step(enrolled, office?.level === 'kabupaten' ? t('firstRun.enrolKecamatan') : t('firstRun.enrolKabupaten'), <Anchor href={href('pertukaran/kantor')} size="sm">{t('firstRun.enrolGo')}</Anchor>)}
          {step(false, t('firstRun.posyandu'), (
            <Group gap="xs">
              {can('registry.posyanduSave') && <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => navigate('registri/posyandu/baru')}>{t('firstRun.form')}</Button>}
              {can('registry.importPreview') && <Button size="xs" variant="default" leftSection={<IconFileImport size={14} />} onClick={() => navigate('registri/impor')}>{t('firstRun.import')}</Button>}
            </Group>
          ))}
        </List>
      </Stack>
    </Card>
  )
}
