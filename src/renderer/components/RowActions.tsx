import { ActionIcon, Group } from '@mantine/core'
import { IconEdit, IconTrash } from '@tabler/icons-react'
import i18n from '../i18n'
import { confirmDelete } from './confirm'

/**
 * The edit and delete buttons at the end of a table row. `label` names the row for screen
 * readers ("Ubah tarif 1500000"); delete first asks, naming `deleteWhat` exactly.
 */
export function RowActions(props: { label: string; deleteWhat: string; onEdit?: () => void; onDelete?: () => Promise<unknown> }) {
  return (
    <Group gap={4} wrap="nowrap">
      {props.onEdit && <ActionIcon variant="subtle" aria-label={`${i18n.t('action.edit')} ${props.label}`} onClick={props.onEdit}><IconEdit size={16} /></ActionIcon>}
      {props.onDelete && (
        <ActionIcon variant="subtle" color="red" aria-label={`${i18n.t('action.delete')} ${props.label}`} onClick={async () => (await confirmDelete(props.deleteWhat)) && (await props.onDelete?.())}>
          <IconTrash size={16} />
        </ActionIcon>
      )}
    </Group>
  )
}
