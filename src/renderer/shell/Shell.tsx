import { ActionIcon, AppShell, Badge, Center, Group, Loader, NavLink, ScrollArea, Stack, Text, Title, Tooltip } from '@mantine/core'
import { IconLogout } from '@tabler/icons-react'
import { ROLE_LABEL } from '../../shared/contract/roles'
import { useSession } from '../session'
import { useLocalStorage, useMediaQuery } from '@mantine/hooks'
import { IconLayoutSidebarLeftCollapse, IconLayoutSidebarLeftExpand } from '@tabler/icons-react'
import { Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import type { Office } from '../../shared/contract/app'
import { areas } from '../areas'
import { href, useRoute } from '../router'

const WIDE = 232
const NARROW = 64

export function Shell({ office }: { office: Office }) {
  const { t } = useTranslation()
  const route = useRoute()
  const session = useSession()
  // An area a role cannot read is not offered at all (the dispatcher refuses it anyway).
  const visible = areas.filter((a) => (!a.levels || a.levels.includes(office.level)) && (!a.needs || session.can(a.needs)))
  const current = visible.find((a) => a.id === route[0]) ?? visible[0]
  const Area = current.component
  // On a 1024 px office monitor the menu starts as icons only; the operator's choice is kept.
  const small = useMediaQuery('(max-width: 1279px)', window.innerWidth < 1280, { getInitialValueInEffect: false })
  const [choice, setChoice] = useLocalStorage<'wide' | 'narrow' | 'auto'>({ key: 'simpul.sidebar', defaultValue: 'auto' })
  const narrow = choice === 'narrow' || (choice === 'auto' && small)
  const toggle = () => setChoice(narrow ? 'wide' : 'narrow')
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: narrow ? NARROW : WIDE, breakpoint: 0 }} padding="md">
      <AppShell.Header className="no-print">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Tooltip label={narrow ? t('shell.expand') : t('shell.collapse')}>
              <ActionIcon variant="subtle" color="gray" size="lg" onClick={toggle} aria-label={narrow ? t('shell.expand') : t('shell.collapse')} aria-expanded={!narrow} data-testid="sidebar-toggle">
                {narrow ? <IconLayoutSidebarLeftExpand size={22} /> : <IconLayoutSidebarLeftCollapse size={22} />}
              </ActionIcon>
            </Tooltip>
            <Title order={1} size="h3" c="teal.8">Simpul</Title>
            {/* At 1024 px the office name needs the room: the tagline shows from 1200 px. */}
            <Text size="sm" c="dimmed" visibleFrom="lg">{t('app.tagline')}</Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Badge variant="light" color={office.level === 'nasional' ? 'red' : office.level === 'provinsi' ? 'orange' : office.level === 'kabupaten' ? 'grape' : 'teal'} style={{ flex: 'none' }}>{t(`shell.level.${office.level}`, { defaultValue: office.level })}</Badge>
            <Text size="sm" fw={600} data-testid="office-name" truncate="end" maw={360}>{office.name}</Text>
            <Text size="sm" c="dimmed" visibleFrom="md">{office.wilayahCode}</Text>
            <Text size="sm" ml="md" data-testid="current-user">{session.user.displayName}</Text>
            <Badge variant="outline" color="gray" data-testid="current-role">{ROLE_LABEL[session.user.role]}</Badge>
            <Tooltip label={t('login.logout')}>
              <ActionIcon variant="subtle" aria-label={t('login.logout')} onClick={() => void session.logout()}><IconLogout size={18} /></ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" className="no-print" aria-label={t('shell.menu')}>
        <ScrollArea>
          <Stack gap={2}>
            {visible.map((a) => {
              // A national office's names where they differ (nav.provinsi_nasional: "Dasbor Nasional").
              const label = t(`nav.${a.id}`, { context: office.level === 'nasional' ? 'nasional' : undefined })
              const link = (
                <NavLink
                  key={a.id}
                  href={href(a.id)}
                  label={narrow ? undefined : label}
                  aria-label={narrow ? label : undefined}
                  leftSection={<a.icon size={22} stroke={1.6} />}
                  active={a.id === current.id}
                  aria-current={a.id === current.id ? 'page' : undefined}
                  styles={narrow ? { section: { marginInlineEnd: 0 }, root: { justifyContent: 'center' } } : undefined}
                />
              )
              return narrow ? <Tooltip key={a.id} label={label} position="right">{link}</Tooltip> : link
            })}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        {/* Areas load their screens lazily, so an old PC starts with the shell only. */}
        <Suspense fallback={<Center h={200}><Loader /></Center>}>
          <Area path={route.slice(1)} />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  )
}
