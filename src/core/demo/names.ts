/** Names as they appear on Indonesian kader lists (Javanese, Malay, Batak, Arabic-derived). */
export const FEMALE_FIRST = [
  'Siti', 'Sri', 'Nur', 'Dewi', 'Rina', 'Yuni', 'Ani', 'Wati', 'Ratna', 'Fitri', 'Putri', 'Indah', 'Rahma', 'Suryani', 'Sumiati',
  'Suparmi', 'Hartini', 'Mariani', 'Yanti', 'Ernawati', 'Nurhayati', 'Rosmawati', 'Halimah', 'Aminah', 'Khadijah', 'Fatimah',
  'Rohani', 'Salmah', 'Juliana', 'Eka', 'Ayu', 'Kartini', 'Marlina', 'Lina', 'Tuti', 'Endang', 'Sulastri', 'Sumarni', 'Susi',
  'Rini', 'Wahyuni', 'Murni', 'Darmawati', 'Nurlela', 'Asmah', 'Zubaidah', 'Elvi', 'Desi', 'Novi', 'Mega', 'Lestari', 'Purwanti',
  'Sartika', 'Yusnita', 'Herlina', 'Agustina', 'Rukiah', 'Masitah', 'Jumiati', 'Tri', 'Dwi', 'Umi', 'Lilis', 'Neni', 'Atik',
]
export const MALE_FIRST = ['Ahmad', 'Budi', 'Joko', 'Agus', 'Rudi', 'Hendra', 'Slamet', 'Bambang', 'Dedi', 'Eko', 'Muhammad', 'Syahrul', 'Rahmat', 'Iwan', 'Sutrisno']
export const SECOND = [
  'Rahmawati', 'Lestari', 'Handayani', 'Wulandari', 'Susanti', 'Purnamasari', 'Sari', 'Hasibuan', 'Siregar', 'Nasution', 'Lubis',
  'Harahap', 'Sinaga', 'Simanjuntak', 'Rangkuti', 'Pohan', 'Daulay', 'Damanik', 'Saragih', 'Ginting', 'Tarigan', 'Sembiring',
  'Pane', 'Batubara', 'Marpaung', 'Wahyuni', 'Kurniasih', 'Rahayu', 'Setyowati', 'Suryaningsih', 'Puspitasari', 'Anggraini',
  'Hidayati', 'Fitriani', 'Astuti', 'Ningsih', 'Yulianti', 'Safitri', 'Maharani', 'Pratiwi', 'Utami', 'Permatasari', 'Aryani',
  'Nurjanah', 'Zahara', 'Hasanah', 'Ramadhani', 'Sitompul', 'Tambunan', 'Manurung',
]
export const MALE_SECOND = ['Santoso', 'Saputra', 'Hidayat', 'Siregar', 'Nasution', 'Lubis', 'Harahap', 'Setiawan', 'Prasetyo', 'Gunawan', 'Kurniawan', 'Sinaga']

export const POSYANDU_NAMES = [
  'Melati', 'Mawar', 'Anggrek', 'Kenanga', 'Dahlia', 'Cempaka', 'Flamboyan', 'Bougenville', 'Teratai', 'Seruni', 'Nusa Indah',
  'Kasih Ibu', 'Harapan Bunda', 'Sehat Sejahtera', 'Permata Hati', 'Tunas Harapan', 'Bina Sehat', 'Sayang Ibu', 'Cahaya',
  'Kemuning', 'Asoka', 'Lestari', 'Srikandi', 'Kartini', 'Pelita', 'Bunga Tanjung', 'Delima', 'Bahagia', 'Sejahtera', 'Mekar Sari',
]

export const TRAININGS: readonly (readonly [string, string])[] = [
  ['Pelatihan Kader Posyandu Dasar', 'Dinas Kesehatan'],
  ['Pelatihan Pemantauan Pertumbuhan Balita', 'Puskesmas'],
  ['Orientasi Posyandu Holistik Integratif', 'Bappeda'],
  ['Pelatihan Bina Keluarga Balita', 'BPPA-KB'],
  ['Pelatihan Pemberian Makan Bayi dan Anak', 'Dinas Kesehatan'],
  ['Pelatihan Kader ILP', 'Dinas Kesehatan'],
  ['Pelatihan PAUD Posyandu', 'Dinas Pendidikan'],
]
