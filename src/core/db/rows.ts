/** Kept for the areas' imports: travelling rows are written through the one write path. */
export { audit, deleteRow, getRow, insertRow, requireRow, restoreRow, updateRow, type Row } from '../write'
