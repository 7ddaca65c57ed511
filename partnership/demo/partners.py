"""Partner organisations of the demo: the three visiting universities, the
ministries and forum behind the visit's legal basis, the host and a few more."""

from partnership.extensions import db
from partnership.partners.models import Contact, Organisation, OrganisationKind

U, M, C, F = (OrganisationKind.university, OrganisationKind.ministry, OrganisationKind.company, OrganisationKind.forum)

# key: (kind, name, Russian name, Uzbek name, short name, country, city, website)
ORGANISATIONS = {
    "ugs": (
        U,
        "University of Geological Sciences",
        "Университет геологических наук",
        "Geologiya fanlari universiteti",
        "UGS",
        "UZ",
        "Tashkent",
        "https://ugs.uz",
    ),
    "msu": (
        U,
        "Mongolian State University",
        "Монгольский государственный университет",
        "Moʻgʻuliston davlat universiteti",
        "MSU",
        "MN",
        "Ulaanbaatar",
        "https://num.edu.mn",
    ),
    "osh": (
        U,
        "Osh Technological University",
        "Ошский технологический университет",
        "Oʻsh texnologiya universiteti",
        "OshTU",
        "KG",
        "Osh",
        "https://oshtu.kg",
    ),
    "ammc": (
        C,
        "Almalyk Mining and Metallurgical Complex",
        "Алмалыкский горно-металлургический комбинат",
        "Olmaliq kon-metallurgiya kombinati",
        "AMMC",
        "UZ",
        "Almalyk",
        "https://www.agmk.uz",
    ),
    "uz_geology_ministry": (
        M,
        "Ministry of Mining Industry and Geology of the Republic of Uzbekistan",
        "Министерство горнодобывающей промышленности и геологии Республики Узбекистан",
        "Oʻzbekiston Respublikasi Kon sanoati va geologiya vazirligi",
        None,
        "UZ",
        "Tashkent",
        None,
    ),
    "mn_mining_ministry": (
        M,
        "Ministry of Mining and Heavy Industry of Mongolia",
        "Министерство горнодобывающей и тяжёлой промышленности Монголии",
        "Moʻgʻuliston Kon va ogʻir sanoat vazirligi",
        None,
        "MN",
        "Ulaanbaatar",
        None,
    ),
    "uz_higher_ed_ministry": (
        M,
        "Ministry of Higher Education, Science and Innovation of the Republic of Uzbekistan",
        "Министерство высшего образования, науки и инноваций Республики Узбекистан",
        "Oʻzbekiston Respublikasi Oliy taʼlim, fan va innovatsiyalar vazirligi",
        None,
        "UZ",
        "Tashkent",
        None,
    ),
    "mn_education_ministry": (
        M,
        "Ministry of Education of Mongolia",
        "Министерство образования Монголии",
        "Moʻgʻuliston Taʼlim vazirligi",
        None,
        "MN",
        "Ulaanbaatar",
        None,
    ),
    "rectors_forum": (
        F,
        "First International Forum of Rectors of Kyrgyz and Uzbek Higher Education Institutions",
        "Первый международный форум ректоров вузов Кыргызстана и Узбекистана",
        "Qirgʻiziston va Oʻzbekiston oliy taʼlim muassasalari rektorlarining birinchi xalqaro forumi",
        None,
        "UZ",
        "Tashkent",
        None,
    ),
    "tstu": (
        U,
        "Tashkent State Technical University",
        "Ташкентский государственный технический университет",
        "Toshkent davlat texnika universiteti",
        "TSTU",
        "UZ",
        "Tashkent",
        "https://tdtu.uz",
    ),
    "satbayev": (
        U,
        "Satbayev University",
        "Сатпаев Университет",
        "Satboyev universiteti",
        "SU",
        "KZ",
        "Almaty",
        "https://satbayev.university",
    ),
    "freiberg": (
        U,
        "TU Bergakademie Freiberg",
        "Горная академия Фрайберга",
        "Freiberg kon akademiyasi",
        "TUBAF",
        "DE",
        "Freiberg",
        "https://tu-freiberg.de",
    ),
    "itu": (
        U,
        "Istanbul Technical University",
        "Стамбульский технический университет",
        "Istanbul texnika universiteti",
        "İTÜ",
        "TR",
        "İstanbul",
        "https://itu.edu.tr",
    ),
}

# Cities in Russian and Uzbek.
CITIES = {
    "Tashkent": ("Ташкент", "Toshkent"),
    "Ulaanbaatar": ("Улан-Батор", "Ulan-Bator"),
    "Osh": ("Ош", "Oʻsh"),
    "Almalyk": ("Алмалык", "Olmaliq"),
    "Almaty": ("Алматы", "Olmaota"),
    "Freiberg": ("Фрайберг", "Frayberg"),
    "Istanbul": ("Стамбул", "Istanbul"),
    "Bishkek": ("Бишкек", "Bishkek"),
}

CONTACTS: dict[str, list[tuple[str, str, str, str | None]]] = {
    "ugs": [("Nodira Yusupova", "Head of International Cooperation", "intl@ugs.example", "+998 71 000 11 22")],
    "msu": [("Энхтуяа Батсүх", "Декан факультета геологии и геофизики", "geology@num.example", "+976 11 000 111")],
    "osh": [("Нурлан Абдыкадыров", "Проректор по международным связям", "intl@oshtu.example", "+996 3222 00000")],
    "ammc": [("Dilnoza Rahimova", "Training Center coordinator", "training@ammc.example", "+998 70 000 00 01")],
    "itu": [("Çağrı Öztürk", "International Relations Office", "intl@itu.example", None)],
}


def load(ctx) -> None:
    for key, (kind, name, name_ru, name_uz, short, country, city, website) in ORGANISATIONS.items():
        organisation = Organisation(
            kind=kind,
            name=name,
            name_ru=name_ru,
            name_uz=name_uz,
            short_name=short,
            country=country,
            city=city,
            city_ru=CITIES.get(city, (None, None))[0],
            city_uz=CITIES.get(city, (None, None))[1],
            website=website,
        )
        for contact_name, position, email, phone in CONTACTS.get(key, []):
            organisation.contacts.append(Contact(name=contact_name, position=position, email=email, phone=phone))
        db.session.add(organisation)
        ctx.orgs[key] = organisation
    db.session.flush()
