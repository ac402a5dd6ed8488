export type Paper = 'A4' | 'F4'

/** Sheet sizes in millimetres (F4/Folio as Indonesian offices use it: 215 × 330 mm). */
export const PAPER_MM: Record<Paper, [number, number]> = { A4: [210, 297], F4: [215, 330] }

export function pageSize(paper: Paper, landscape: boolean): { width: number; height: number } {
  const [w, h] = PAPER_MM[paper]
  return landscape ? { width: h, height: w } : { width: w, height: h }
}
