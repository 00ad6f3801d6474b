// Name parts per culture. Seed identities and the fictional watchlist are built by
// combining these; the combinations are invented and refer to no real person.

export interface Culture {
  readonly key: string;
  readonly given: readonly string[];
  readonly family: readonly string[];
  /** How people of this culture write their nationality and country in Blnk (free text). */
  readonly countries: readonly { readonly country: string; readonly nationality: string; readonly code: string }[];
  readonly cities: readonly string[];
  readonly phonePrefix: string;
}

export const CULTURES: readonly Culture[] = [
  {
    key: 'arabic',
    given: [
      'Mohammed',
      'Yusuf',
      'Hussein',
      'Abdul Karim',
      'Khalid',
      'Omar',
      'Tariq',
      'Fatima',
      'Layla',
      'Aisha',
      'Samir',
      'Nadia',
    ],
    family: ['Al-Qassimar', 'Haddadin', 'El-Sawari', 'Bin Talrek', 'Mansouri', 'Al-Farouqi', 'Nasrallon', 'Qadiri'],
    countries: [
      { country: 'Syria', nationality: 'Syrian', code: 'SY' },
      { country: 'Yemen', nationality: 'Yemeni', code: 'YE' },
      { country: 'Lebanon', nationality: 'Lebanese', code: 'LB' },
      { country: 'Egypt', nationality: 'Egyptian', code: 'EG' },
    ],
    cities: ['Damascus', 'Aden', 'Beirut', 'Cairo'],
    phonePrefix: '+961',
  },
  {
    key: 'persian',
    given: ['Reza', 'Dariush', 'Kourosh', 'Shirin', 'Parisa', 'Mehdi', 'Farhad', 'Yasaman'],
    family: ['Tavakolian', 'Shahrvandi', 'Mirzapour', 'Esfandiarin', 'Kalantarzad', 'Bahrampouri'],
    countries: [{ country: 'Iran', nationality: 'Iranian', code: 'IR' }],
    cities: ['Tehran', 'Isfahan', 'Shiraz'],
    phonePrefix: '+98',
  },
  {
    key: 'slavic',
    given: ['Aleksandr', 'Sergei', 'Dmitri', 'Yekaterina', 'Oleksandr', 'Natalya', 'Pyotr', 'Irina'],
    family: ['Volkorenko', 'Zhdanovsky', 'Petrushkov', 'Belozerin', 'Karavaev', 'Sokolnitsky'],
    countries: [
      { country: 'Ukraine', nationality: 'Ukrainian', code: 'UA' },
      { country: 'Bulgaria', nationality: 'Bulgarian', code: 'BG' },
    ],
    cities: ['Kyiv', 'Sofia', 'Odesa'],
    phonePrefix: '+380',
  },
  {
    key: 'korean',
    given: ['Min-jun', 'Seo-yeon', 'Ji-ho', 'Hyun-woo', 'Eun-ji', 'Dong-hyun'],
    family: ['Pak', 'Ryom', 'Chon', 'Kang', 'Yun', 'Ri'],
    countries: [{ country: 'North Korea', nationality: 'North Korean', code: 'KP' }],
    cities: ['Pyongyang', 'Wonsan'],
    phonePrefix: '+850',
  },
  {
    key: 'burmese',
    given: ['Aung', 'Thura', 'Khin', 'Zaw', 'Myat', 'Nilar'],
    family: ['Htet Lwin', 'Kyaw Zinmo', 'Thandar Win', 'Soe Naing', 'Myint Oo'],
    countries: [{ country: 'Myanmar', nationality: 'Burmese', code: 'MM' }],
    cities: ['Yangon', 'Mandalay'],
    phonePrefix: '+95',
  },
  {
    key: 'hispanic',
    given: ['José', 'María', 'Sofía', 'Andrés', 'Lucía', 'Joaquín', 'Inés', 'Ramón'],
    family: ['Ibarrondo', 'Castañeda', 'Villaurrutia', 'Peñalosa', 'Echevarría', 'Olmedilla'],
    countries: [
      { country: 'Venezuela', nationality: 'Venezuelan', code: 'VE' },
      { country: 'Spain', nationality: 'Spanish', code: 'ES' },
      { country: 'Mexico', nationality: 'Mexican', code: 'MX' },
    ],
    cities: ['Caracas', 'Madrid', 'Guadalajara'],
    phonePrefix: '+34',
  },
  {
    key: 'west-african',
    given: ['Chinedu', 'Ngozi', 'Oluwaseun', 'Adaeze', 'Kwame', 'Abena', 'Emeka', 'Folake'],
    family: ['Okonkwora', 'Adebayode', 'Nwachukwuma', 'Mensahfo', 'Ogunleyeri', 'Asantewa'],
    countries: [
      { country: 'Nigeria', nationality: 'Nigerian', code: 'NG' },
      { country: 'Ghana', nationality: 'Ghanaian', code: 'GH' },
    ],
    cities: ['Lagos', 'Abuja', 'Accra'],
    phonePrefix: '+234',
  },
  {
    key: 'germanic',
    given: ['Jürgen', 'Søren', 'Greta', 'Lukas', 'Annelie', 'Björn', 'Henrike', 'Matthias'],
    family: ['Müllerhaus', 'Brandstätter', 'Kjærgaard', 'Oberländer', 'Wittenbeck', 'Strømsholm'],
    countries: [
      { country: 'Germany', nationality: 'German', code: 'DE' },
      { country: 'Denmark', nationality: 'Danish', code: 'DK' },
    ],
    cities: ['Hamburg', 'Aarhus', 'Leipzig'],
    phonePrefix: '+49',
  },
  {
    key: 'anglo',
    given: ['Oliver', 'Amelia', 'Harry', 'Isla', 'Jack', 'Grace', 'Thomas', 'Evelyn'],
    family: ['Ashcombe', 'Thistlewood', 'Pemberton-Hale', 'Fairbrook', 'Wrexley', 'Holloway'],
    countries: [
      { country: 'United Kingdom', nationality: 'British', code: 'GB' },
      { country: 'Canada', nationality: 'Canadian', code: 'CA' },
      { country: 'United States', nationality: 'American', code: 'US' },
    ],
    cities: ['London', 'Toronto', 'Boston'],
    phonePrefix: '+44',
  },
  {
    key: 'south-asian',
    given: ['Arjun', 'Priya', 'Rahul', 'Ananya', 'Vikram', 'Deepika', 'Imran', 'Sana'],
    family: ['Raghunathan', 'Chatterjhee', 'Malhotrani', 'Venkatraman', 'Siddiquee', 'Kapadiya'],
    countries: [
      { country: 'India', nationality: 'Indian', code: 'IN' },
      { country: 'Pakistan', nationality: 'Pakistani', code: 'PK' },
    ],
    cities: ['Mumbai', 'Chennai', 'Lahore'],
    phonePrefix: '+91',
  },
  {
    key: 'vietnamese',
    given: ['Minh', 'Thảo', 'Quang', 'Lan', 'Đức', 'Hương'],
    family: ['Nguyễn Văn', 'Trần Thị', 'Phạm Quốc', 'Lê Hữu', 'Võ Thành'],
    countries: [{ country: 'Vietnam', nationality: 'Vietnamese', code: 'VN' }],
    cities: ['Hanoi', 'Da Nang'],
    phonePrefix: '+84',
  },
];

/**
 * Spellings of one name in different transliterations. Watchlist aliases and near-match
 * seed identities are drawn from these groups.
 */
export const TRANSLITERATIONS: readonly (readonly string[])[] = [
  ['Mohammed', 'Muhammad', 'Mohamed', 'Mohammad'],
  ['Yusuf', 'Youssef', 'Yousef', 'Iosif'],
  ['Hussein', 'Husain', 'Hussain', 'Husayn'],
  ['Abdul Karim', 'Abdel Karim', 'Abd al-Karim'],
  ['Khalid', 'Khaled', 'Chalid'],
  ['Aleksandr', 'Alexander', 'Oleksandr', 'Aleksander'],
  ['Sergei', 'Sergey', 'Serhiy'],
  ['Dmitri', 'Dmitry', 'Dmytro'],
  ['Yekaterina', 'Ekaterina', 'Katerina'],
  ['Pyotr', 'Petr', 'Piotr'],
  ['Natalya', 'Natalia', 'Nataliya'],
  ['Kourosh', 'Kurosh', 'Cyrus'],
  ['Dariush', 'Daryush', 'Darius'],
  ['Mehdi', 'Mahdi'],
  ['Ri', 'Lee', 'Rhee'],
  ['Pak', 'Park', 'Bak'],
  ['Chon', 'Jeon', 'Chun'],
  ['Ryom', 'Yeom', 'Ryeom'],
  ['Volkorenko', 'Wolkorenko', 'Volkorenco'],
  ['Zhdanovsky', 'Jdanovski', 'Zdanowski'],
  ['Al-Qassimar', 'Al Qassimar', 'Alqassimar', 'El-Qassimar'],
  ['Nasrallon', 'Nasrallun', 'Nasralon'],
  ['Okonkwora', 'Okonkwoara'],
];

/** Ordinary customers: names far from every watchlist entry. */
export const PLAIN_GIVEN = [
  'Emma',
  'Liam',
  'Noah',
  'Olivia',
  'Mia',
  'Lucas',
  'Chloe',
  'Ethan',
  'Zara',
  'Ivy',
  'Leo',
  'Ruby',
  'Theo',
  'Nora',
  'Kai',
  'Hana',
  'Felix',
  'Ada',
  'Omari',
  'Tomoko',
];
export const PLAIN_FAMILY = [
  'Whitfield',
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Tanaka',
  'Abernathy',
  'Oyelaran',
  'Castellano',
  'Brightwater',
  'Kowalczyk',
  'Fitzgerald',
  'Haruna',
  'Delacroix',
  'Mbeki-Ross',
  'Sandoval',
  'Quennell',
  'Yamada',
  'Rasmussen',
  'Achebe-Lowe',
  'Petrakis',
];
export const PLAIN_PLACES: readonly {
  readonly country: string;
  readonly nationality: string;
  readonly code: string;
  readonly city: string;
  readonly state: string;
  readonly phonePrefix: string;
}[] = [
  { country: 'Canada', nationality: 'Canadian', code: 'CA', city: 'Toronto', state: 'Ontario', phonePrefix: '+1' },
  {
    country: 'United Kingdom',
    nationality: 'British',
    code: 'GB',
    city: 'Manchester',
    state: 'Greater Manchester',
    phonePrefix: '+44',
  },
  { country: 'Nigeria', nationality: 'Nigerian', code: 'NG', city: 'Lagos', state: 'Lagos', phonePrefix: '+234' },
  { country: 'United States', nationality: 'American', code: 'US', city: 'Austin', state: 'Texas', phonePrefix: '+1' },
  { country: 'Germany', nationality: 'German', code: 'DE', city: 'Berlin', state: 'Berlin', phonePrefix: '+49' },
  {
    country: 'France',
    nationality: 'French',
    code: 'FR',
    city: 'Lyon',
    state: 'Auvergne-Rhône-Alpes',
    phonePrefix: '+33',
  },
  { country: 'Kenya', nationality: 'Kenyan', code: 'KE', city: 'Nairobi', state: 'Nairobi', phonePrefix: '+254' },
  { country: 'Japan', nationality: 'Japanese', code: 'JP', city: 'Osaka', state: 'Osaka', phonePrefix: '+81' },
  { country: 'Brazil', nationality: 'Brazilian', code: 'BR', city: 'São Paulo', state: 'SP', phonePrefix: '+55' },
  {
    country: 'South Africa',
    nationality: 'South African',
    code: 'ZA',
    city: 'Cape Town',
    state: 'Western Cape',
    phonePrefix: '+27',
  },
];

/** FATF-listed places written the ways customers write them (names, demonyms, codes). */
export const FATF_SPELLINGS: readonly { readonly country: string; readonly nationality: string }[] = [
  { country: 'Iran', nationality: 'Iranian' },
  { country: 'IR', nationality: 'IRN' },
  { country: 'Myanmar', nationality: 'Burmese' },
  { country: 'Burma', nationality: 'MM' },
  { country: 'North Korea', nationality: 'North Korean' },
  { country: 'KP', nationality: 'DPRK' },
  { country: 'Syria', nationality: 'Syrian' },
  { country: 'Yemen', nationality: 'Yemeni' },
  { country: 'South Sudan', nationality: 'South Sudanese' },
  { country: 'Haiti', nationality: 'Haitian' },
  { country: 'VE', nationality: 'Venezuelan' },
];
