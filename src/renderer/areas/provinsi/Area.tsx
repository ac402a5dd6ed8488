import { Dashboard } from './Dashboard'
import { ProvinceReport } from './ProvinceReport'

/** Routes: #/provinsi (dashboard), #/provinsi/cetak/<year> (the printed report for the coordination meeting). */
function Provinsi({ path }: { path: string[] }) {
  if (path[0] === 'cetak' && path[1]) return <ProvinceReport year={Number(path[1])} />
  return <Dashboard />
}

export default Provinsi
