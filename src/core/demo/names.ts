import type { Sex } from '../../shared/nik'
import type { Rng } from './prng'

/**
 * Names for demo data that read like a real kabupaten's lists: kader names by the region's
 * naming customs (a Javanese kecamatan in Batang, Batak, Malay and Javanese side by side in
 * Serdang Bedagai, Balinese birth-order names, Sundanese, Bugis, Minang …), and posyandu
 * names that do not repeat within a desa and vary across a kabupaten (flowers, hopes and
 * virtues, local-language names, the desa or dusun itself, "Melati II" for a second one).
 */
export type Region = 'jawa' | 'sunda' | 'batak' | 'melayu' | 'minang' | 'aceh' | 'bugis' | 'bali' | 'timur'

interface NamePool {
  /** Given names; a person has one, or one of these and one of `second`. */
  female: readonly string[]
  male: readonly string[]
  /** Second given names or family names (marga). */
  femaleSecond: readonly string[]
  maleSecond: readonly string[]
  /** How often a second name follows the first. */
  secondRate: number
}

const POOLS: Record<Region, NamePool> = {
  jawa: {
    female: [
      'Sri', 'Siti', 'Tri', 'Dwi', 'Endang', 'Puji', 'Umi', 'Nur', 'Eni', 'Yuli', 'Rini', 'Ika', 'Endah', 'Lilik', 'Dyah', 'Retno', 'Titik', 'Wiwik',
      'Sumiati', 'Suparmi', 'Sulastri', 'Wartini', 'Kasmini', 'Tumini', 'Suyati', 'Rusmini', 'Sutini', 'Warsini', 'Partini', 'Ngatini', 'Suwarni',
      'Purwanti', 'Karsini', 'Sukini', 'Jumiati', 'Tukinah', 'Mujiati', 'Rumini', 'Kustiyah', 'Sri Rejeki', 'Siti Aminah', 'Siti Maesaroh',
      'Sunarsih', 'Sariyem', 'Kartinah', 'Musringah', 'Darsini', 'Tarmini', 'Yatmi', 'Supriyati', 'Daryati', 'Waginah', 'Solikhah', 'Turyati',
    ],
    male: ['Slamet', 'Sugeng', 'Joko', 'Budi', 'Agus', 'Bambang', 'Eko', 'Heru', 'Teguh', 'Sutrisno', 'Suparno', 'Mulyono', 'Waluyo', 'Sarwono'],
    femaleSecond: [
      'Wahyuni', 'Handayani', 'Lestari', 'Susilowati', 'Astuti', 'Rahayu', 'Setyowati', 'Mulyani', 'Suryani', 'Widayati', 'Purwaningsih',
      'Sulistyowati', 'Rahmawati', 'Hidayah', 'Kusumawati', 'Wulandari', 'Pratiwi', 'Mardiyah', 'Ningsih', 'Utami', 'Winarsih', 'Suprapti',
      'Maryati', 'Khasanah', 'Muflikhah', 'Rohmah', 'Fatonah', 'Nurjanah', 'Safitri', 'Yuliani',
    ],
    maleSecond: ['Santoso', 'Riyadi', 'Prasetyo', 'Susilo', 'Wibowo', 'Hartono', 'Purnomo', 'Setiawan', 'Nugroho', 'Widodo', 'Sudarsono'],
    secondRate: 0.75,
  },
  sunda: {
    female: ['Euis', 'Entin', 'Iis', 'Imas', 'Nining', 'Neneng', 'Cucu', 'Enok', 'Yeni', 'Lilis', 'Dede', 'Nani', 'Tati', 'Ai', 'Elis', 'Yayah', 'Titin', 'Ela', 'Nia', 'Eti', 'Wiwin', 'Cicih'],
    male: ['Asep', 'Ujang', 'Dadang', 'Cecep', 'Deden', 'Iwan', 'Yayan', 'Ade', 'Encep', 'Dedi'],
    femaleSecond: [
      'Sumiati', 'Rohaeti', 'Kurniasih', 'Nurhayati', 'Suryati', 'Komalasari', 'Rahmawati', 'Hasanah', 'Sartika', 'Maryati', 'Herawati', 'Jubaedah',
      'Rohimah', 'Mulyani', 'Nurjanah', 'Cahyati', 'Juariah', 'Aisyah', 'Setiawati', 'Kartika', 'Yulianti', 'Solihat',
    ],
    maleSecond: ['Sunarya', 'Hidayat', 'Supriatna', 'Kurniawan', 'Permana', 'Saepudin', 'Mulyana', 'Rustandi', 'Gunawan'],
    secondRate: 0.8,
  },
  batak: {
    female: [
      'Rosmawati', 'Tiurma', 'Lasma', 'Rotua', 'Nurhaida', 'Mariani', 'Erna', 'Dame', 'Hotmaida', 'Rosdiana', 'Lenni', 'Sondang', 'Sarmauli',
      'Rumondang', 'Nursiah', 'Juliana', 'Rahmawati', 'Masdiana', 'Tiominar', 'Ratna', 'Nurmala', 'Sri Ulina', 'Mestika', 'Herlina',
    ],
    male: ['Parlindungan', 'Marihot', 'Poltak', 'Togar', 'Darwin', 'Mangatas', 'Hotman', 'Ali Imran', 'Syahrial', 'Bonar'],
    femaleSecond: [
      'Siregar', 'Nasution', 'Lubis', 'Harahap', 'Sinaga', 'Simanjuntak', 'Hasibuan', 'Rangkuti', 'Pohan', 'Daulay', 'Damanik', 'Saragih',
      'Ginting', 'Tarigan', 'Sembiring', 'Pane', 'Batubara', 'Marpaung', 'Sitompul', 'Tambunan', 'Manurung', 'Situmorang', 'Simatupang',
      'Pardede', 'Panjaitan', 'Hutagalung', 'Sihombing', 'Purba', 'Sitorus', 'Nainggolan', 'br. Ginting', 'br. Sembiring', 'br. Tarigan', 'br. Sinaga',
    ],
    maleSecond: ['Siregar', 'Nasution', 'Lubis', 'Harahap', 'Sinaga', 'Simanjuntak', 'Hasibuan', 'Damanik', 'Saragih', 'Ginting', 'Tarigan', 'Purba', 'Sitorus'],
    secondRate: 0.95,
  },
  melayu: {
    female: [
      'Siti', 'Nur', 'Rohani', 'Salmah', 'Zubaidah', 'Asmah', 'Halimah', 'Rukiah', 'Masitah', 'Jamilah', 'Khadijah', 'Fatimah', 'Maimunah',
      'Rosnah', 'Zaleha', 'Norma', 'Hasnah', 'Aminah', 'Ramlah', 'Wan Rosida', 'Nurlela', 'Sarifah', 'Mariana', 'Juriah', 'Syarifah',
    ],
    male: ['Syahrul', 'Zulkifli', 'Ramli', 'Hasan', 'Abdul Rahman', 'Muhammad', 'Syamsul', 'Rizal', 'Azhar', 'Darmansyah'],
    femaleSecond: ['Hanum', 'Zahara', 'Hasanah', 'Syahputri', 'Rahmah', 'Ariani', 'Hayati', 'Yusnita', 'Wati', 'Aini', 'Fitriani', 'Handayani'],
    maleSecond: ['Effendi', 'Syahputra', 'Ismail', 'Hamzah', 'Yusuf', 'Arifin', 'Husin'],
    secondRate: 0.6,
  },
  minang: {
    female: ['Yusnimar', 'Nurhayati', 'Erniwati', 'Yulnida', 'Desmawati', 'Elvi', 'Rosnida', 'Afrida', 'Nelmawati', 'Gusnawati', 'Yusniar', 'Rahmi', 'Syafrida', 'Yenni', 'Ernita', 'Marlinda', 'Asmiati'],
    male: ['Zulfahmi', 'Yusrizal', 'Afrizal', 'Syafrizal', 'Zainal', 'Irwan', 'Hendri'],
    femaleSecond: ['Yanti', 'Wati', 'Sari', 'Elita', 'Susanti', 'Marni', 'Rosa'],
    maleSecond: ['Datuak Sati', 'Chaniago', 'Piliang', 'Koto', 'Tanjung'],
    secondRate: 0.3,
  },
  aceh: {
    female: ['Cut Nurul', 'Cut Rahmah', 'Nurul', 'Fitriani', 'Rahmah', 'Safrida', 'Zubaidah', 'Nurhayati', 'Mardhiah', 'Rosmiati', 'Khairani', 'Nurlaili', 'Yusra', 'Darmawati', 'Ainal'],
    male: ['Teuku Hasan', 'Muhammad', 'Zulkarnaini', 'Fadli', 'Iskandar', 'Mukhlis'],
    femaleSecond: ['Aini', 'Hanum', 'Fitri', 'Zahara', 'Rahmi', 'Mardiah', 'Wati', 'Yusuf'],
    maleSecond: ['Ibrahim', 'Ismail', 'Yusuf', 'Abdullah', 'Daud'],
    secondRate: 0.5,
  },
  bugis: {
    female: ['Andi', 'St.', 'Nurhaeda', 'Hasnah', 'Rahmatia', 'Nurmiati', 'Haslinda', 'Sitti', 'Rosmiati', 'Hamsiah', 'Suriani', 'Marlina', 'Nurhaeni', 'Hasmawati', 'Hj. Sitti', 'Jumriah', 'Syamsiah'],
    male: ['Andi', 'Muh.', 'Syamsuddin', 'Baharuddin', 'Hasanuddin', 'Ambo', 'Jamaluddin'],
    femaleSecond: ['Hadijah', 'Rahmawati', 'Nurlia', 'Hasmiah', 'Mappaseng', 'Aminah', 'Nurhayati', 'Sahriani', 'Daeng Caya', 'Saenab'],
    maleSecond: ['Amir', 'Tahir', 'Daeng Nai', 'Rauf', 'Yusuf', 'Sultan'],
    secondRate: 0.7,
  },
  bali: {
    female: ['Ni Made', 'Ni Wayan', 'Ni Nyoman', 'Ni Ketut', 'Ni Luh', 'Ni Putu', 'Ni Kadek', 'Ni Komang', 'Ni Luh Putu', 'Ni Gusti Ayu'],
    male: ['I Made', 'I Wayan', 'I Nyoman', 'I Ketut', 'I Putu', 'I Kadek', 'I Gusti Ngurah'],
    femaleSecond: ['Sukerti', 'Sudiani', 'Suastini', 'Ariani', 'Wartini', 'Sri Artini', 'Sumertini', 'Suarni', 'Darmini', 'Astiti', 'Purnami', 'Sri Utami', 'Rusmini', 'Eka Yanti', 'Sulatri'],
    maleSecond: ['Sudarma', 'Suarta', 'Mertha', 'Sukadana', 'Wirawan', 'Astawa'],
    secondRate: 1,
  },
  timur: {
    female: ['Maria', 'Yohana', 'Elisabeth', 'Agustina', 'Yuliana', 'Theresia', 'Magdalena', 'Martha', 'Fransiska', 'Dorkas', 'Naomi', 'Ribka', 'Selfina', 'Ferdinanda', 'Yosephina', 'Merry'],
    male: ['Yohanes', 'Petrus', 'Markus', 'Yosef', 'Frans', 'Daniel', 'Yakobus', 'Melkianus'],
    femaleSecond: [
      'Bria', 'Nahak', 'Manek', 'Seran', 'da Costa', 'Fernandes', 'Lewar', 'Rumondor', 'Lumintang', 'Wenas', 'Mandagi', 'Sondakh', 'Kaunang',
      'Pangemanan', 'Wenda', 'Kogoya', 'Rumbiak', 'Mandowen', 'Korwa', 'Pattiasina', 'Latuheru', 'Sahetapy', 'Tuhumury', 'Matulessy', 'Ndun', 'Lende',
    ],
    maleSecond: ['Bria', 'Seran', 'Fernandes', 'Lumintang', 'Wenas', 'Rumbiak', 'Pattiasina', 'Tuhumury', 'Ndun'],
    secondRate: 1,
  },
}

/** Which naming customs a kecamatan's people follow, by the Kemendagri province code. */
export function regionMix(wilayahCode: string): readonly (readonly [Region, number])[] {
  const prov = wilayahCode.slice(0, 2)
  const kab = wilayahCode.slice(0, 5)
  if (prov === '11') return [['aceh', 80], ['melayu', 10], ['jawa', 10]]
  // Sumatera Utara: Serdang Bedagai and Deli Serdang are Malay, Javanese and Batak side by side.
  if (prov === '12') return ['12.18', '12.07', '12.71'].includes(kab) ? [['melayu', 35], ['jawa', 35], ['batak', 30]] : [['batak', 65], ['melayu', 15], ['jawa', 20]]
  if (prov === '13') return [['minang', 90], ['jawa', 5], ['batak', 5]]
  if (prov === '14' || prov === '21') return [['melayu', 50], ['jawa', 20], ['minang', 15], ['batak', 15]]
  if (prov === '18') return [['jawa', 60], ['melayu', 25], ['sunda', 15]]
  if (['15', '16', '17', '19'].includes(prov)) return [['melayu', 55], ['jawa', 35], ['minang', 10]]
  if (prov === '32') return [['sunda', 85], ['jawa', 15]]
  if (prov === '36') return [['sunda', 65], ['jawa', 25], ['melayu', 10]]
  if (prov === '31') return [['jawa', 40], ['sunda', 25], ['batak', 10], ['melayu', 10], ['minang', 10], ['bugis', 5]]
  if (['33', '34', '35'].includes(prov)) return [['jawa', 100]]
  if (prov === '51') return [['bali', 90], ['jawa', 10]]
  if (prov === '52') return [['melayu', 45], ['bugis', 35], ['bali', 20]]
  if (prov === '53') return [['timur', 90], ['bugis', 10]]
  if (prov.startsWith('6')) return [['melayu', 45], ['jawa', 30], ['bugis', 15], ['timur', 10]]
  if (prov === '71') return [['timur', 85], ['bugis', 15]]
  if (prov.startsWith('7')) return [['bugis', 75], ['jawa', 15], ['timur', 10]]
  if (prov.startsWith('8') || prov.startsWith('9')) return [['timur', 65], ['bugis', 20], ['jawa', 15]]
  return [['jawa', 50], ['melayu', 25], ['sunda', 25]]
}

/** A person's name as it stands on a kader list of that region. */
export function personName(rng: Rng, region: Region, sex: Sex): string {
  const pool = POOLS[region]
  const first = rng.pick(sex === 'P' ? pool.female : pool.male)
  // Prefixes ("Ni Made", "Andi", "St.") and short names ("Sri", "Nur") are never a whole name.
  const needsSecond = /^(ni|i|andi|st\.|muh\.|hj\.|cut|teuku)( |$)/i.test(first) || (!first.includes(' ') && first.length <= 4)
  if (!needsSecond && !rng.chance(pool.secondRate)) return first
  const seconds = sex === 'P' ? pool.femaleSecond : pool.maleSecond
  let second = rng.pick(seconds)
  if (first.endsWith(second)) second = seconds[(seconds.indexOf(second) + 1) % seconds.length]
  return `${first} ${second}`
}

/** Flowers are the most common posyandu names everywhere. */
const FLOWERS = [
  'Melati', 'Mawar', 'Anggrek', 'Kenanga', 'Dahlia', 'Cempaka', 'Flamboyan', 'Bougenville', 'Teratai', 'Seruni', 'Nusa Indah', 'Kemuning',
  'Asoka', 'Bunga Tanjung', 'Kamboja', 'Aster', 'Krisan', 'Edelweis', 'Matahari', 'Alamanda', 'Soka', 'Sedap Malam', 'Wijaya Kusuma', 'Gardenia',
  'Bakung', 'Seroja', 'Tulip', 'Lili', 'Kaca Piring', 'Kembang Sepatu', 'Lavender', 'Cempaka Putih', 'Mawar Merah', 'Melati Putih', 'Anyelir',
]
/** Hopes and virtues. */
const VIRTUES = [
  'Kasih Ibu', 'Harapan Bunda', 'Sehat Sejahtera', 'Permata Hati', 'Tunas Harapan', 'Bina Sehat', 'Sayang Ibu', 'Cahaya', 'Lestari', 'Srikandi',
  'Kartini', 'Pelita', 'Bahagia', 'Sejahtera', 'Mekar Sari', 'Tunas Bangsa', 'Bunda Sehat', 'Sehati', 'Ceria', 'Sentosa', 'Mutiara', 'Permata Bunda',
  'Balita Ceria', 'Bhakti Husada', 'Bakti Ibu', 'Cinta Kasih', 'Budi Luhur', 'Karya Bakti', 'Tunas Muda', 'Mekar Jaya', 'Harapan Kita',
  'Insan Sehat', 'Buah Hati', 'Pelangi', 'Sehat Ceria', 'Tunas Mekar', 'Cahaya Bunda', 'Generasi Sehat', 'Bintang', 'Matahari Pagi',
]
/** Birds and fruit, less often. */
const NATURE = ['Merpati', 'Cendrawasih', 'Kenari', 'Nuri', 'Kutilang', 'Jalak', 'Rajawali', 'Belimbing', 'Manggis', 'Rambutan', 'Sawo', 'Jambu', 'Durian', 'Kelapa Gading', 'Beringin', 'Cemara']

/** Local-language names and the dusun/kampung names a posyandu often carries. */
const LOCAL: Record<Region, { names: readonly string[]; dusun: readonly string[] }> = {
  jawa: {
    names: ['Ngudi Waras', 'Mugi Rahayu', 'Sido Rukun', 'Rukun Santoso', 'Ngudi Rahayu', 'Sri Rejeki', 'Among Putro', 'Tunggal Rasa', 'Gemah Ripah', 'Margi Waras', 'Budi Rahayu', 'Ngesti Rahayu', 'Sekar Arum', 'Sekar Wangi', 'Sumber Waras', 'Sido Makmur', 'Rahayu', 'Tentrem', 'Guyub Rukun', 'Mekar Sari Asri', 'Sari Husada', 'Among Projo'],
    dusun: ['Krajan', 'Kauman', 'Karanganyar', 'Sidomulyo', 'Sumberejo', 'Tegalsari', 'Kebonsari', 'Wonosari', 'Purwosari', 'Kalisari', 'Sukorejo', 'Banjarsari', 'Jatisari', 'Ngemplak', 'Gondang', 'Kedungsari', 'Pagersari', 'Karangrejo', 'Sidorejo', 'Ngasem', 'Dukuh Tengah', 'Pesantren'],
  },
  sunda: {
    names: ['Mekar Wangi', 'Silih Asih', 'Sauyunan', 'Sindang Asih', 'Harapan Jaya', 'Mekar Mulya', 'Sekar Wangi', 'Silih Asah', 'Rahayu', 'Karya Mukti', 'Sugih Mukti', 'Medal Sari'],
    dusun: ['Cibeureum', 'Cikaret', 'Sukamaju', 'Sukamanah', 'Babakan', 'Cimanggu', 'Sindangsari', 'Pasirjati', 'Cilimus', 'Ciherang', 'Cikadu', 'Sukasari'],
  },
  batak: {
    names: ['Horas', 'Marsiurupan', 'Dos Roha', 'Saroha', 'Sada Arih', 'Mejuah-juah', 'Sehati', 'Sauduran'],
    dusun: ['Huta Baru', 'Huta Tonga', 'Lumban Dolok', 'Sosor', 'Banjar', 'Lorong Sepakat', 'Simpang Tiga'],
  },
  melayu: {
    names: ['Sri Menanti', 'Tunas Melayu', 'Sri Rezeki', 'Kasih Sayang', 'Serumpun', 'Seri Melati', 'Sri Kandi', 'Bunga Rampai', 'Seri Bunga', 'Tepak Sirih', 'Lancang Kuning', 'Sri Gemilang'],
    dusun: ['Kampung Baru', 'Pasar Lama', 'Simpang Tiga', 'Lorong Sepakat', 'Sei Buluh', 'Pematang', 'Kampung Tengah', 'Tanjung', 'Pantai', 'Paluh'],
  },
  minang: {
    names: ['Saiyo Sakato', 'Sakato', 'Basamo', 'Salingka Nagari', 'Bundo Kanduang', 'Sehati', 'Tuah Sakato', 'Sarumpun'],
    dusun: ['Jorong Koto', 'Jorong Tangah', 'Jorong Ateh', 'Jorong Bawah', 'Koto Baru', 'Pasa', 'Lubuak'],
  },
  aceh: {
    names: ['Seulanga', 'Jeumpa', 'Bungong Jeumpa', 'Meulu', 'Seuramoe', 'Cut Nyak Dhien', 'Keumala', 'Geulima'],
    dusun: ['Dusun Meunasah', 'Dusun Teungoh', 'Dusun Baroh', 'Dusun Tunong', 'Lampoh', 'Blang'],
  },
  bugis: {
    names: ['Sipakatau', 'Sipakainge', 'Siamasei', 'Mattiro Baji', 'Bunga Lontara', 'Pabbarakka', 'Tunas Harapan', 'Ininnawa'],
    dusun: ['Lingkungan Baru', 'Bontoa', 'Lappa', 'Tanete', 'Bonto Bila', 'Ujung'],
  },
  bali: {
    names: ['Sari Mertha', 'Giri Asih', 'Werdhi Guna', 'Amerta Sari', 'Santhi', 'Kusuma Sari', 'Widya Guna'],
    dusun: ['Banjar Kaja', 'Banjar Kelod', 'Banjar Kangin', 'Banjar Kauh', 'Banjar Tengah', 'Banjar Anyar', 'Banjar Pasek', 'Banjar Dauh Puri'],
  },
  timur: {
    names: ['Kasih', 'Damai', 'Sion', 'Pelita Kasih', 'Harapan Baru', 'Sinar Kasih', 'Bethesda', 'Mawar Sharon', 'Tunas Kasih'],
    dusun: ['Dusun Satu', 'Dusun Dua', 'Kampung Baru', 'Kampung Tengah', 'Lingkungan I', 'Lingkungan II', 'Jaga I', 'Jaga II'],
  },
}

/** Towns people of a region were often born in, when not in their own kecamatan. */
export const BIRTH_TOWNS: Record<Region, readonly string[]> = {
  jawa: ['Semarang', 'Pekalongan', 'Batang', 'Kendal', 'Surakarta', 'Yogyakarta', 'Surabaya', 'Jakarta', 'Tegal', 'Magelang'],
  sunda: ['Bandung', 'Bogor', 'Garut', 'Tasikmalaya', 'Sukabumi', 'Cianjur', 'Jakarta'],
  batak: ['Medan', 'Pematang Siantar', 'Tarutung', 'Sibolga', 'Kabanjahe', 'Balige', 'Tebing Tinggi'],
  melayu: ['Medan', 'Tebing Tinggi', 'Tanjung Balai', 'Pekanbaru', 'Tanjung Pinang', 'Pontianak', 'Bengkalis'],
  minang: ['Padang', 'Bukittinggi', 'Payakumbuh', 'Solok', 'Pariaman'],
  aceh: ['Banda Aceh', 'Lhokseumawe', 'Sigli', 'Meulaboh', 'Bireuen'],
  bugis: ['Makassar', 'Bone', 'Parepare', 'Sengkang', 'Bulukumba', 'Palopo'],
  bali: ['Denpasar', 'Tabanan', 'Gianyar', 'Singaraja', 'Klungkung'],
  timur: ['Kupang', 'Ende', 'Manado', 'Ambon', 'Jayapura', 'Atambua', 'Tomohon'],
}

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']
const roman = (n: number) => ROMAN[n] ?? String(n)

type Style = 'flower' | 'virtue' | 'local' | 'nature' | 'desa' | 'dusun' | 'series'
const STYLES: readonly (readonly [Style, number])[] = [['flower', 30], ['virtue', 22], ['local', 18], ['nature', 5], ['desa', 7], ['dusun', 12], ['series', 6]]

export interface PosyanduName {
  name: string
  /** The dusun it is named after, for its address. */
  dusun: string | null
}

/**
 * Names the posyandu of one desa, one call per posyandu: never the same name twice in the
 * desa ("Posyandu Melati", then "Posyandu Melati II"), drawing on the region's own names,
 * the desa's name and its dusun. Kelurahan on Java name theirs by RW as well.
 */
export function posyanduNamer(rng: Rng, region: Region, desa: { code: string; name: string }): () => PosyanduName {
  const used = new Set<string>()
  const local = LOCAL[region]
  const kelurahan = desa.code.split('.')[3]?.startsWith('1') ?? false
  let last: string | null = null
  let rw = 0
  const unique = (base: string) => {
    let name = base
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} ${roman(n)}`
    used.add(name.toLowerCase())
    return name
  }
  return () => {
    const style = last ? rng.weighted(STYLES) : rng.weighted(STYLES.filter(([s]) => s !== 'series'))
    let dusun: string | null = null
    let base: string
    if (style === 'series') base = last!
    else if (style === 'flower') base = `Posyandu ${rng.pick(FLOWERS)}`
    else if (style === 'virtue') base = `Posyandu ${rng.pick(VIRTUES)}`
    else if (style === 'local') base = `Posyandu ${rng.pick(local.names)}`
    else if (style === 'nature') base = `Posyandu ${rng.pick(NATURE)}`
    else if (style === 'desa') base = `Posyandu ${desa.name}`
    else {
      dusun = rng.pick(local.dusun)
      base = kelurahan && (region === 'jawa' || region === 'sunda') ? `Posyandu ${rng.pick(FLOWERS)} RW ${String(++rw).padStart(2, '0')}` : `Posyandu ${dusun}`
    }
    last = base
    return { name: unique(base), dusun }
  }
}

export const TRAININGS: readonly (readonly [string, string])[] = [
  ['Pelatihan Kader Posyandu Dasar', 'Dinas Kesehatan'],
  ['Pelatihan Pemantauan Pertumbuhan Balita', 'Puskesmas'],
  ['Orientasi Posyandu Holistik Integratif', 'Bappeda'],
  ['Pelatihan Bina Keluarga Balita', 'BPPA-KB'],
  ['Pelatihan Pemberian Makan Bayi dan Anak', 'Dinas Kesehatan'],
  ['Pelatihan Kader ILP', 'Dinas Kesehatan'],
  ['Pelatihan PAUD Posyandu', 'Dinas Pendidikan'],
]
