import { Table } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/**
 * A role of an appointment or a rate: the one Simpul knows ("pendamping", the default of both
 * forms) in the screen's language; a role an office typed itself stays as typed (data).
 */
export function RoleCell({ role }: { role: string }) {
  const { t, i18n } = useTranslation('honor')
  const known = i18n.exists(`honor:roles.${role}`)
  return known ? <Table.Td>{t(`roles.${role}`)}</Table.Td> : <Table.Td data-content="data">{role}</Table.Td>
}
