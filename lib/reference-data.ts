// Reference data every environment has: the four oblasts of the Western Region and the sector › category
// taxonomy the catalog is filed under. Plain data, no database access, so the catalog schema, the seed and the
// UI share one definition.

export const OBLASTS = [
  { code: "AKT", nameKk: "Ақтөбе облысы", nameRu: "Актюбинская область", nameEn: "Aktobe Region" },
  { code: "ATY", nameKk: "Атырау облысы", nameRu: "Атырауская область", nameEn: "Atyrau Region" },
  {
    code: "ZKO",
    nameKk: "Батыс Қазақстан облысы",
    nameRu: "Западно-Казахстанская область",
    nameEn: "West Kazakhstan Region",
  },
  { code: "MAN", nameKk: "Маңғыстау облысы", nameRu: "Мангистауская область", nameEn: "Mangystau Region" },
] as const;

export type OblastCode = (typeof OBLASTS)[number]["code"];
export const OBLAST_CODES = OBLASTS.map((oblast) => oblast.code) as [OblastCode, ...OblastCode[]];

type Names = { nameKk: string; nameRu: string; nameEn: string };
type SectorDefinition = Names & {
  code: string;
  categories: (Names & { code: string; prefix: string })[];
};

export const SECTORS: SectorDefinition[] = [
  {
    code: "transport",
    nameKk: "Көлік",
    nameRu: "Транспорт",
    nameEn: "Transport",
    categories: [
      { code: "railway", prefix: "RAIL", nameKk: "Теміржол", nameRu: "Железные дороги", nameEn: "Railways" },
      { code: "road", prefix: "ROAD", nameKk: "Автомобиль жолдары", nameRu: "Автомобильные дороги", nameEn: "Roads" },
      {
        code: "bus-station",
        prefix: "BUS",
        nameKk: "Автовокзалдар мен автостанциялар",
        nameRu: "Автовокзалы и автостанции",
        nameEn: "Bus stations",
      },
      { code: "airport", prefix: "AIR", nameKk: "Әуежайлар", nameRu: "Аэропорты", nameEn: "Airports" },
      {
        code: "port",
        prefix: "PORT",
        nameKk: "Порттар және су жолдары",
        nameRu: "Порты и водные пути",
        nameEn: "Ports and waterways",
      },
      { code: "logistics", prefix: "LOG", nameKk: "Логистика", nameRu: "Логистика", nameEn: "Logistics" },
      {
        code: "pipeline",
        prefix: "PIPE",
        nameKk: "Магистральдық құбырлар",
        nameRu: "Магистральные трубопроводы",
        nameEn: "Trunk pipelines",
      },
    ],
  },
  {
    code: "energy",
    nameKk: "Энергетика",
    nameRu: "Энергетика",
    nameEn: "Energy",
    categories: [
      {
        code: "power-plant",
        prefix: "POWER",
        nameKk: "Электр станциялары",
        nameRu: "Электростанции",
        nameEn: "Power plants",
      },
      {
        code: "grid",
        prefix: "GRID",
        nameKk: "Электр желілері мен қосалқы станциялар",
        nameRu: "Электросети и подстанции",
        nameEn: "Power grid and substations",
      },
      { code: "heat", prefix: "HEAT", nameKk: "Жылумен жабдықтау", nameRu: "Теплоснабжение", nameEn: "Heat supply" },
      { code: "gas-supply", prefix: "GAS", nameKk: "Газбен жабдықтау", nameRu: "Газоснабжение", nameEn: "Gas supply" },
    ],
  },
  {
    code: "water",
    nameKk: "Су шаруашылығы",
    nameRu: "Водное хозяйство",
    nameEn: "Water",
    categories: [
      {
        code: "water-supply",
        prefix: "WATER",
        nameKk: "Сумен жабдықтау",
        nameRu: "Водоснабжение",
        nameEn: "Water supply",
      },
      {
        code: "sewerage",
        prefix: "SEWER",
        nameKk: "Су бұру және тазарту",
        nameRu: "Водоотведение и очистка",
        nameEn: "Sewerage and treatment",
      },
      {
        code: "water-management",
        prefix: "HYDRO",
        nameKk: "Су шаруашылығы құрылыстары",
        nameRu: "Водохозяйственные сооружения",
        nameEn: "Water management works",
      },
    ],
  },
  {
    code: "industry",
    nameKk: "Өнеркәсіп",
    nameRu: "Промышленность",
    nameEn: "Industry",
    categories: [
      {
        code: "oil-gas-chemistry",
        prefix: "PETRO",
        nameKk: "Мұнай-газ химиясы",
        nameRu: "Нефтегазохимия",
        nameEn: "Oil, gas and petrochemicals",
      },
      {
        code: "mining-metallurgy",
        prefix: "METAL",
        nameKk: "Тау-кен металлургиясы",
        nameRu: "Горно-металлургический комплекс",
        nameEn: "Mining and metallurgy",
      },
      {
        code: "chemistry",
        prefix: "CHEM",
        nameKk: "Химия өнеркәсібі",
        nameRu: "Химическая промышленность",
        nameEn: "Chemical industry",
      },
      {
        code: "machine-building",
        prefix: "MACH",
        nameKk: "Машина жасау",
        nameRu: "Машиностроение",
        nameEn: "Machine building",
      },
      {
        code: "construction-materials",
        prefix: "BMAT",
        nameKk: "Құрылыс материалдары",
        nameRu: "Строительные материалы",
        nameEn: "Construction materials",
      },
      {
        code: "food-industry",
        prefix: "FOOD",
        nameKk: "Тамақ өнеркәсібі",
        nameRu: "Пищевая промышленность",
        nameEn: "Food industry",
      },
      {
        code: "light-industry",
        prefix: "LIGHT",
        nameKk: "Жеңіл өнеркәсіп",
        nameRu: "Лёгкая промышленность",
        nameEn: "Light industry",
      },
      {
        code: "industrial-zone",
        prefix: "IZONE",
        nameKk: "Индустриялық аймақтар мен кластерлер",
        nameRu: "Индустриальные зоны и кластеры",
        nameEn: "Industrial zones and clusters",
      },
      {
        code: "industry-other",
        prefix: "INDX",
        nameKk: "Өзге өнеркәсіп",
        nameRu: "Прочая промышленность",
        nameEn: "Other industry",
      },
    ],
  },
  {
    code: "agriculture",
    nameKk: "Ауыл шаруашылығы",
    nameRu: "Сельское хозяйство",
    nameEn: "Agriculture",
    categories: [
      { code: "irrigation", prefix: "IRRIG", nameKk: "Суармалы егіншілік", nameRu: "Орошение", nameEn: "Irrigation" },
      { code: "land", prefix: "LAND", nameKk: "Жер қатынастары", nameRu: "Земельные отношения", nameEn: "Land" },
      {
        code: "agro-processing",
        prefix: "AGPROC",
        nameKk: "Ауыл шаруашылығы өнімдерін қайта өңдеу",
        nameRu: "Переработка сельхозпродукции",
        nameEn: "Agro-processing",
      },
      { code: "livestock", prefix: "LIVE", nameKk: "Мал шаруашылығы", nameRu: "Животноводство", nameEn: "Livestock" },
      {
        code: "crop-farming",
        prefix: "CROP",
        nameKk: "Өсімдік шаруашылығы",
        nameRu: "Растениеводство",
        nameEn: "Crop farming",
      },
      {
        code: "fisheries",
        prefix: "FISH",
        nameKk: "Балық шаруашылығы",
        nameRu: "Рыбное хозяйство",
        nameEn: "Fisheries",
      },
      {
        code: "agriculture-other",
        prefix: "AGRX",
        nameKk: "Өзге ауыл шаруашылығы",
        nameRu: "Прочее сельское хозяйство",
        nameEn: "Other agriculture",
      },
    ],
  },
  {
    code: "social",
    nameKk: "Әлеуметтік сала",
    nameRu: "Социальная сфера",
    nameEn: "Social infrastructure",
    categories: [
      { code: "education", prefix: "EDU", nameKk: "Білім беру", nameRu: "Образование", nameEn: "Education" },
      { code: "health", prefix: "HEALTH", nameKk: "Денсаулық сақтау", nameRu: "Здравоохранение", nameEn: "Health" },
      { code: "culture", prefix: "CULT", nameKk: "Мәдениет", nameRu: "Культура", nameEn: "Culture" },
      { code: "sport", prefix: "SPORT", nameKk: "Спорт", nameRu: "Спорт", nameEn: "Sport" },
      { code: "housing", prefix: "HOUSE", nameKk: "Тұрғын үй", nameRu: "Жильё", nameEn: "Housing" },
      {
        code: "social-other",
        prefix: "SOC",
        nameKk: "Өзге әлеуметтік нысандар",
        nameRu: "Прочие социальные объекты",
        nameEn: "Other social facilities",
      },
    ],
  },
  {
    code: "tourism",
    nameKk: "Туризм",
    nameRu: "Туризм",
    nameEn: "Tourism",
    categories: [
      {
        code: "tourism",
        prefix: "TOUR",
        nameKk: "Туризм және демалыс",
        nameRu: "Туризм и отдых",
        nameEn: "Tourism and recreation",
      },
    ],
  },
  {
    code: "environment",
    nameKk: "Қоршаған орта",
    nameRu: "Окружающая среда",
    nameEn: "Environment",
    categories: [
      {
        code: "protected-area",
        prefix: "PA",
        nameKk: "Ерекше қорғалатын табиғи аумақтар",
        nameRu: "Особо охраняемые природные территории",
        nameEn: "Protected natural areas",
      },
      { code: "waste", prefix: "WASTE", nameKk: "Қалдықтар", nameRu: "Отходы", nameEn: "Waste" },
      {
        code: "water-protection",
        prefix: "ECOW",
        nameKk: "Су ресурстарын қорғау",
        nameRu: "Охрана водных ресурсов",
        nameEn: "Water protection",
      },
      {
        code: "air-protection",
        prefix: "AIRQ",
        nameKk: "Атмосфералық ауаны қорғау",
        nameRu: "Охрана атмосферного воздуха",
        nameEn: "Air protection",
      },
      {
        code: "land-restoration",
        prefix: "RECULT",
        nameKk: "Жерді қалпына келтіру",
        nameRu: "Рекультивация земель",
        nameEn: "Land restoration",
      },
      { code: "monitoring", prefix: "MON", nameKk: "Мониторинг", nameRu: "Мониторинг", nameEn: "Monitoring" },
      {
        code: "greening",
        prefix: "GREEN",
        nameKk: "Көгалдандыру және орман",
        nameRu: "Озеленение и леса",
        nameEn: "Greening and forests",
      },
      {
        code: "heritage",
        prefix: "HERIT",
        nameKk: "Тарихи-мәдени мұра",
        nameRu: "Историко-культурное наследие",
        nameEn: "Historical and cultural heritage",
      },
      {
        code: "environment-other",
        prefix: "ECO",
        nameKk: "Өзге экологиялық шаралар",
        nameRu: "Прочие экологические меры",
        nameEn: "Other environmental measures",
      },
    ],
  },
  {
    code: "emergency",
    nameKk: "Төтенше жағдайлардан қорғау",
    nameRu: "Защита от чрезвычайных ситуаций",
    nameEn: "Emergency protection",
    categories: [
      {
        code: "flood-protection",
        prefix: "FLOOD",
        nameKk: "Су тасқынынан қорғау",
        nameRu: "Защита от паводков",
        nameEn: "Flood protection",
      },
      {
        code: "emergency-other",
        prefix: "EMERG",
        nameKk: "Өрт, құтқару және азаматтық қорғаныс",
        nameRu: "Пожарная безопасность, спасение и гражданская оборона",
        nameEn: "Fire, rescue and civil defence",
      },
    ],
  },
  {
    code: "development",
    nameKk: "Даму бағдарламалары",
    nameRu: "Программы развития",
    nameEn: "Development programmes",
    categories: [
      {
        code: "planning",
        prefix: "PLAN",
        nameKk: "Қала құрылысын жоспарлау",
        nameRu: "Градостроительное планирование",
        nameEn: "Planning",
      },
      {
        code: "human-capital",
        prefix: "HUMAN",
        nameKk: "Кадрлар мен ғылым",
        nameRu: "Кадры и наука",
        nameEn: "Skills and research",
      },
      {
        code: "investment",
        prefix: "INVEST",
        nameKk: "Инвестиция тарту",
        nameRu: "Привлечение инвестиций",
        nameEn: "Investment",
      },
      {
        code: "development-other",
        prefix: "DEVX",
        nameKk: "Өзге даму шаралары",
        nameRu: "Прочие меры развития",
        nameEn: "Other development measures",
      },
    ],
  },
];

export const CATEGORIES = SECTORS.flatMap((sector, sectorIndex) =>
  sector.categories.map((category, categoryIndex) => ({
    ...category,
    sectorCode: sector.code,
    sortOrder: sectorIndex * 100 + categoryIndex,
  })),
);
export const CATEGORY_CODES = CATEGORIES.map((category) => category.code) as [string, ...string[]];

export const HORIZONS = [2030, 2040, 2050] as const;

/** A project's stable code: category prefix, horizon (or NA) and a number, e.g. RAIL-2030-001. */
export const PROJECT_CODE_PATTERN = /^[A-Z]+-(2030|2040|2050|NA)-\d{3}$/;
export type Horizon = (typeof HORIZONS)[number];

export const PROJECT_ACTIONS = [
  "build",
  "reconstruct",
  "electrify",
  "expand",
  "modernise",
  "repair",
  "design",
  "create",
  "transfer",
  "relocate",
  "develop",
  "purchase",
  "restore",
  "protect",
  "study",
  "other",
] as const;

/** Units a planned quantity may be stated in. Labels live in messages/*.json under `units.*`. */
export const UNITS = [
  "km",
  "m",
  "MW",
  "MVA",
  "Gcal_h",
  "places",
  "beds",
  "visits_per_shift",
  "seats",
  "ha",
  "thousand_ha",
  "m3_day",
  "thousand_m3_day",
  "m3_year",
  "thousand_m3_year",
  "mln_m3_year",
  "bcm_year",
  "t_year",
  "thousand_t_year",
  "mln_t_year",
  "heads",
  "units",
  "sq_m",
  "thousand_sq_m",
  "passengers_year",
  "thousand_passengers_year",
  "vehicles_day",
  "TEU_year",
  "MWh_year",
  "percent",
  // Targets the decree states in thousands or millions ("201,8 мың орын"), kept in its own scale rather than
  // multiplied out, so the number reads as printed and never adds up with counts of single objects.
  "thousand_places",
  "thousand_beds",
  "thousand_visits_per_shift",
  "thousand_seats",
  "mln_sq_m",
  "mln_volumes",
  "thousand_TEU",
  // Added for issue 17: the scales and measures the decree prints that the list lacked, so no number is multiplied
  // out or left without its unit ("77 шаршы шақырым", "2,2 есе", "782,3 мың білім алушы", "28,8 миллиард кВт·сағ").
  "km2",
  "times",
  "thousand_learners",
  "thousand_Gcal_h",
  "thousand_Gcal",
  "mln_Gcal",
  "mln_kWh",
  "bn_kWh",
] as const;

export const PROJECT_STATUSES = ["PLANNED", "DESIGN", "IN_PROGRESS", "COMPLETED", "PAUSED", "CANCELLED"] as const;
export type ProjectStatusCode = (typeof PROJECT_STATUSES)[number];
