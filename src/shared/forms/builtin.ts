/**
 * The forms Simpul ships (resources/forms/, each naming its source). An office edits its
 * own copy: the kabupaten saves a new version, which travels to its kecamatan.
 */
import type { FormDef } from './form'
import skdn from '../../../resources/forms/skdn.json'
import ilp from '../../../resources/forms/ilp.json'
import spm6 from '../../../resources/forms/spm6.json'
import puskesos from '../../../resources/forms/puskesos.json'
import sasaran from '../../../resources/forms/sasaran.json'

export const BUILTIN_FORMS: FormDef[] = [skdn, ilp, spm6, puskesos, sasaran] as FormDef[]

export const builtinForm = (code: string) => BUILTIN_FORMS.find((f) => f.code === code) ?? null
