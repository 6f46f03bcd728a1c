"""Polish word lists of the demo chain: stores, categories, product lines, brands, quick keys."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StoreSpec:
    code: str
    name: str
    address: str
    tax_office: str
    """The first three digits of the NIP (the tax office's code)."""
    opening_hours: str


@dataclass(frozen=True, slots=True)
class Line:
    """A kind of product; its names are base, variant, brand and size."""

    base: str
    variants: tuple[str, ...]
    sizes: tuple[tuple[str, float], ...]
    """Size label and its price factor."""
    price: int
    """Gross grosze for the price factor 1 (per kilogram when weighed)."""
    vat: str | None = None
    """The category's class when None."""
    weighed: bool = False


@dataclass(frozen=True, slots=True)
class CategorySpec:
    name: str
    vat: str
    share: int
    """Relative number of packaged products in this category."""
    brands: tuple[str, ...]
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Featured:
    """A product every demo catalogue starts with; on the quick-key grid when it has a label."""

    name: str
    category: str
    price: int
    unit: str = "piece"
    label: str | None = None
    vat: str | None = None


STORES = (
    StoreSpec(
        "WAW01",
        "Sklep Warszawa Mokotów",
        "ul. Puławska 182, 02-670 Warszawa",
        "521",
        "pn-pt 6:30-22:00, sob 7:00-21:00, nd nieczynne",
    ),
    StoreSpec(
        "KRK01",
        "Sklep Kraków Kazimierz",
        "ul. Starowiślna 58, 31-035 Kraków",
        "676",
        "pn-pt 7:00-22:00, sob 8:00-20:00, nd nieczynne",
    ),
    StoreSpec(
        "GDA01",
        "Sklep Gdańsk Wrzeszcz",
        "al. Grunwaldzka 103, 80-244 Gdańsk",
        "584",
        "pn-sob 7:00-21:00, nd nieczynne",
    ),
    StoreSpec(
        "WRO01",
        "Sklep Wrocław Nadodrze",
        "ul. Jedności Narodowej 84, 50-261 Wrocław",
        "898",
        "pn-pt 7:00-21:00, sob 8:00-19:00, nd handlowa 10:00-16:00",
    ),
)

LOOSE = (("luz", 1.0),)
BY_WEIGHT = (("na wagę", 1.0),)
UNSIZED = (("", 1.0),)

CATEGORIES = (
    CategorySpec(
        "Pieczywo",
        "C",
        8,
        ("Piekarnia Złoty Kłos", "Piekarnia Pod Młynem", "Wypieki Babuni", "Piekarnia Łódzka"),
        (
            Line(
                "Chleb",
                ("żytni na zakwasie", "pszenny", "razowy", "wiejski", "słonecznikowy", "orkiszowy"),
                (("400 g", 0.85), ("500 g", 1.0), ("750 g", 1.4)),
                549,
            ),
            Line(
                "Bułka",
                ("kajzerka", "grahamka", "maślana", "z ziarnami", "orkiszowa", "wrocławska"),
                (("60 g", 1.0), ("100 g", 1.5)),
                99,
            ),
            Line(
                "Bagietka",
                ("francuska", "czosnkowa", "pełnoziarnista"),
                (("250 g", 1.0), ("400 g", 1.5)),
                399,
            ),
            Line(
                "Rogal",
                ("świętomarciński", "z makiem", "maślany"),
                (("90 g", 1.0), ("250 g", 2.5)),
                249,
            ),
            Line(
                "Drożdżówka",
                ("z serem", "z budyniem", "z kruszonką", "z jagodami", "z powidłami"),
                (("80 g", 1.0), ("120 g", 1.4)),
                299,
            ),
            Line(
                "Pączek",
                ("z różą", "z budyniem", "z adwokatem", "ze śliwką"),
                (("70 g", 1.0), ("100 g", 1.3)),
                229,
            ),
            Line(
                "Chałka",
                ("z rodzynkami", "maślana", "pleciona"),
                (("300 g", 1.0), ("500 g", 1.6)),
                449,
            ),
            Line(
                "Pieczywo chrupkie",
                ("żytnie", "ryżowe", "wieloziarniste"),
                (("150 g", 1.0), ("250 g", 1.5)),
                399,
            ),
        ),
    ),
    CategorySpec(
        "Nabiał",
        "C",
        12,
        ("Mleczna Dolina", "Łąkowa Krówka", "Mleczarnia Żuławska", "Zagroda Podlaska"),
        (
            Line(
                "Mleko",
                ("łaciate 3,2%", "UHT 2%", "bez laktozy 1,5%", "świeże 3,2%", "kozie"),
                (("0,5 l", 0.6), ("1 l", 1.0), ("1,5 l", 1.4)),
                399,
            ),
            Line(
                "Jogurt",
                ("naturalny", "truskawkowy", "grecki", "brzoskwiniowy", "jagodowy", "wiśniowy"),
                (("150 g", 1.0), ("250 g", 1.5), ("400 g", 2.1)),
                229,
            ),
            Line(
                "Kefir",
                ("naturalny", "wiejski", "truskawkowy"),
                (("400 g", 1.0), ("1 kg", 2.1)),
                279,
            ),
            Line(
                "Twaróg",
                ("półtłusty", "tłusty", "chudy", "sernikowy"),
                (("250 g", 1.0), ("500 g", 1.9), ("1 kg", 3.6)),
                449,
            ),
            Line(
                "Ser",
                ("gouda plastry", "edamski plastry", "królewski", "tylżycki", "mozzarella", "feta"),
                (("100 g", 0.6), ("150 g", 1.0), ("250 g", 1.6)),
                599,
            ),
            Line(
                "Śmietana",
                ("18%", "30%", "12%", "kwaśna 18%"),
                (("200 g", 1.0), ("400 g", 1.8)),
                349,
            ),
            Line(
                "Masło",
                ("extra 82%", "osełka", "klarowane", "z solą"),
                (("100 g", 0.55), ("200 g", 1.0), ("250 g", 1.2)),
                799,
            ),
            Line(
                "Serek",
                ("wiejski", "homogenizowany waniliowy", "śmietankowy", "ziarnisty z ziołami"),
                (("150 g", 1.0), ("200 g", 1.25)),
                279,
            ),
            Line(
                "Maślanka",
                ("naturalna", "truskawkowa", "owocowa"),
                (("500 g", 1.0), ("1 kg", 1.8)),
                299,
            ),
            Line(
                "Jaja",
                ("z wolnego wybiegu L", "ściółkowe M", "ekologiczne M", "przepiórcze"),
                (("6 szt.", 1.0), ("10 szt.", 1.55), ("30 szt.", 4.2)),
                799,
            ),
            Line(
                "Ser",
                ("gouda", "edamski", "tylżycki", "radamer", "morski", "żółty długo dojrzewający"),
                BY_WEIGHT,
                3299,
                weighed=True,
            ),
        ),
    ),
    CategorySpec(
        "Owoce i warzywa",
        "C",
        6,
        ("Sad Grójecki", "Ogrody Mazowsza", "Zielony Koszyk", "Plony Kujaw"),
        (
            Line(
                "Pomidory",
                ("koktajlowe", "śliwkowe", "cherry na gałązce"),
                (("250 g", 1.0), ("500 g", 1.8)),
                599,
            ),
            Line("Sałata", ("masłowa", "lodowa", "rzymska", "karbowana"), (("1 szt.", 1.0),), 349),
            Line(
                "Pieczarki",
                ("białe", "brązowe", "krojone"),
                (("250 g", 1.0), ("500 g", 1.8)),
                499,
            ),
            Line("Borówki", ("amerykańskie",), (("125 g", 1.0), ("250 g", 1.9)), 799),
            Line("Truskawki", ("polskie", "deserowe"), (("250 g", 1.0), ("500 g", 1.8)), 999),
            Line("Marchew", ("myta", "młoda"), (("1 kg", 1.0), ("2 kg", 1.8)), 349),
            Line(
                "Ziemniaki", ("młode", "sałatkowe", "jadalne"), (("2 kg", 1.0), ("5 kg", 2.3)), 699
            ),
            Line(
                "Kapusta kiszona",
                ("z marchewką", "tradycyjna"),
                (("500 g", 1.0), ("1 kg", 1.8)),
                449,
            ),
            Line("Szczypiorek", ("pęczek",), (("1 szt.", 1.0),), 249),
            Line(
                "Jabłka",
                ("Ligol", "Szampion", "Gala", "Jonagold", "Idared", "Lobo", "Antonówka"),
                LOOSE,
                399,
                weighed=True,
            ),
            Line("Gruszki", ("Konferencja", "Lukasówka", "Klapsa"), LOOSE, 699, weighed=True),
            Line(
                "Pomidory",
                ("malinowe", "na gałązce", "polskie", "rzymskie"),
                LOOSE,
                899,
                weighed=True,
            ),
            Line("Ogórki", ("gruntowe", "szklarniowe", "małosolne"), LOOSE, 599, weighed=True),
            Line("Ziemniaki", ("jadalne", "młode", "Irga", "Vineta"), LOOSE, 299, weighed=True),
            Line("Cebula", ("żółta", "czerwona", "szalotka"), LOOSE, 349, weighed=True),
            Line("Banany", ("", "ekologiczne"), LOOSE, 599, weighed=True),
            Line("Pomarańcze", ("deserowe", "do wyciskania"), LOOSE, 699, weighed=True),
            Line("Kapusta", ("biała", "czerwona", "włoska", "pekińska"), LOOSE, 299, weighed=True),
            Line("Papryka", ("czerwona", "żółta", "zielona"), LOOSE, 1299, weighed=True),
            Line("Buraki", ("czerwone", "młode"), LOOSE, 349, weighed=True),
            Line("Śliwki", ("węgierki", "renklody"), LOOSE, 799, weighed=True),
            Line("Winogrona", ("białe bezpestkowe", "ciemne"), LOOSE, 1299, weighed=True),
        ),
    ),
    CategorySpec(
        "Mięso i wędliny",
        "C",
        9,
        ("Masarnia Pod Dębem", "Wędliniarnia Kurpiowska", "Smaki Podhala", "Wędzarnia Żuławska"),
        (
            Line(
                "Szynka",
                ("konserwowa plastry", "wędzona", "gotowana", "parzona", "z indyka"),
                (("100 g", 1.0), ("150 g", 1.45)),
                599,
            ),
            Line(
                "Kiełbasa",
                ("śląska", "krakowska sucha", "żywiecka", "podwawelska", "biała surowa"),
                (("250 g", 1.0), ("400 g", 1.5), ("1 kg", 3.5)),
                899,
            ),
            Line(
                "Parówki",
                ("z szynki", "cielęce", "drobiowe", "wieprzowe"),
                (("200 g", 1.0), ("400 g", 1.9)),
                649,
            ),
            Line(
                "Pierś z kurczaka",
                ("filet", "w marynacie ziołowej"),
                (("500 g", 1.0), ("1 kg", 1.9)),
                1499,
            ),
            Line(
                "Boczek",
                ("wędzony plastry", "parzony", "surowy"),
                (("150 g", 1.0), ("300 g", 1.9)),
                749,
            ),
            Line(
                "Pasztet",
                ("drobiowy", "wieprzowy z żurawiną", "pieczony"),
                (("130 g", 0.7), ("250 g", 1.0)),
                549,
            ),
            Line(
                "Kabanosy",
                ("wieprzowe", "drobiowe", "z serem"),
                (("100 g", 1.0), ("200 g", 1.9)),
                899,
            ),
            Line(
                "Mięso mielone",
                ("wieprzowe", "wołowe", "z indyka", "wieprzowo-wołowe"),
                (("400 g", 1.0), ("500 g", 1.2)),
                1099,
            ),
            Line(
                "Schab wieprzowy",
                ("bez kości", "z kością", "środkowy"),
                BY_WEIGHT,
                2399,
                weighed=True,
            ),
            Line("Karkówka", ("wieprzowa", "bez kości"), BY_WEIGHT, 2299, weighed=True),
            Line(
                "Kiełbasa",
                ("śląska", "krakowska", "podwawelska", "zwyczajna", "myśliwska", "swojska"),
                BY_WEIGHT,
                2199,
                weighed=True,
            ),
            Line("Szynka", ("konserwowa", "wiejska", "babuni"), BY_WEIGHT, 3299, weighed=True),
            Line("Polędwica", ("sopocka", "łososiowa"), BY_WEIGHT, 4299, weighed=True),
            Line("Udka z kurczaka", ("", "pałki"), BY_WEIGHT, 1299, weighed=True),
            Line("Żeberka wieprzowe", ("", "wędzone"), BY_WEIGHT, 1999, weighed=True),
            Line("Wołowina", ("rostbef", "antrykot", "gulaszowa"), BY_WEIGHT, 5999, weighed=True),
        ),
    ),
    CategorySpec(
        "Mrożonki",
        "C",
        5,
        ("Mroźna Kraina", "Zimowy Ogród", "Polarny Smak", "Lodowa Dolina"),
        (
            Line(
                "Pierogi",
                ("ruskie", "z mięsem", "z kapustą i grzybami", "z jagodami", "z serem"),
                (("400 g", 1.0), ("1 kg", 2.2)),
                999,
            ),
            Line(
                "Mieszanka warzywna",
                ("chińska", "meksykańska", "królewska", "na patelnię"),
                (("450 g", 1.0), ("750 g", 1.5)),
                699,
            ),
            Line(
                "Lody",
                ("waniliowe", "śmietankowe", "czekoladowe", "pistacjowe", "truskawkowe"),
                (("500 ml", 1.0), ("1 l", 1.7)),
                1199,
            ),
            Line(
                "Pizza",
                ("margherita", "z szynką", "z salami", "cztery sery"),
                (("330 g", 1.0), ("400 g", 1.15)),
                1299,
            ),
            Line("Frytki", ("karbowane", "proste"), (("750 g", 1.0), ("2,5 kg", 2.8)), 799),
            Line("Filet z dorsza", ("bez skóry", "panierowany"), (("400 g", 1.0),), 2299),
            Line(
                "Owoce mrożone",
                ("truskawki", "maliny", "jagody leśne", "wiśnie bez pestek"),
                (("450 g", 1.0),),
                899,
            ),
            Line("Uszka", ("z grzybami", "z mięsem"), (("250 g", 1.0),), 899),
        ),
    ),
    CategorySpec(
        "Produkty sypkie",
        "C",
        8,
        ("Stary Młyn", "Złote Łany", "Młyny Wielkopolskie", "Spiżarnia Babci Zosi"),
        (
            Line(
                "Mąka",
                ("pszenna typ 450", "tortowa", "żytnia razowa", "orkiszowa", "ziemniaczana"),
                (("1 kg", 1.0), ("2 kg", 1.8)),
                349,
            ),
            Line(
                "Makaron",
                ("spaghetti", "świderki", "penne", "nitki rosołowe", "kokardki", "łazanki"),
                (("400 g", 1.0), ("500 g", 1.2), ("1 kg", 2.2)),
                449,
            ),
            Line(
                "Kasza",
                ("gryczana", "jaglana", "jęczmienna pęczak", "manna", "kuskus", "bulgur"),
                (("400 g", 1.0), ("1 kg", 2.2)),
                499,
            ),
            Line(
                "Ryż",
                ("basmati", "jaśminowy", "długoziarnisty", "brązowy", "do risotto"),
                (("400 g", 1.0), ("1 kg", 1.9)),
                599,
            ),
            Line("Cukier", ("biały", "trzcinowy", "puder"), (("500 g", 0.6), ("1 kg", 1.0)), 399),
            Line(
                "Płatki",
                ("owsiane górskie", "kukurydziane", "jaglane", "żytnie", "musli owocowe"),
                (("400 g", 1.0), ("500 g", 1.2), ("1 kg", 2.1)),
                499,
            ),
            Line(
                "Sól",
                ("kamienna", "morska", "himalajska różowa", "jodowana"),
                (("500 g", 0.8), ("1 kg", 1.0)),
                249,
            ),
            Line(
                "Fasola", ("Jaś", "czerwona", "biała drobna"), (("400 g", 1.0), ("1 kg", 2.3)), 699
            ),
        ),
    ),
    CategorySpec(
        "Konserwy i przetwory",
        "C",
        7,
        ("Słoik Pełen Smaku", "Przetwory z Kaszub", "Smaki Lubelszczyzny", "Ogórkowy Dwór"),
        (
            Line(
                "Ogórki",
                ("konserwowe", "kiszone", "korniszony", "małosolne w słoiku"),
                (("500 g", 1.0), ("900 g", 1.6)),
                699,
            ),
            Line("Koncentrat pomidorowy", ("30%",), (("90 g", 0.5), ("200 g", 1.0)), 349),
            Line(
                "Ketchup",
                ("łagodny", "pikantny", "bez cukru"),
                (("300 g", 1.0), ("500 g", 1.5)),
                599,
                vat="B",
            ),
            Line(
                "Musztarda",
                ("sarepska", "kremska", "francuska z ziarnami", "stołowa"),
                (("180 g", 1.0), ("300 g", 1.4)),
                399,
                vat="B",
            ),
            Line(
                "Majonez",
                ("domowy", "lekki", "z jajek zagrodowych"),
                (("300 ml", 1.0), ("500 ml", 1.5)),
                699,
                vat="B",
            ),
            Line(
                "Dżem",
                ("truskawkowy", "wiśniowy", "brzoskwiniowy", "z czarnej porzeczki"),
                (("280 g", 1.0),),
                699,
            ),
            Line("Groszek", ("konserwowy", "z marchewką"), (("400 g", 1.0),), 449),
            Line("Kukurydza", ("konserwowa", "słodka"), (("340 g", 1.0),), 499),
            Line(
                "Tuńczyk",
                ("w sosie własnym", "w oleju", "kawałki w bulionie"),
                (("170 g", 1.0),),
                799,
            ),
            Line(
                "Śledzie",
                ("w oleju", "w śmietanie", "po kaszubsku", "w pomidorach"),
                (("300 g", 1.0), ("500 g", 1.5)),
                899,
            ),
            Line(
                "Zupa",
                ("żurek", "barszcz czerwony", "pomidorowa", "ogórkowa", "grochówka"),
                (("450 ml", 1.0),),
                599,
                vat="B",
            ),
            Line(
                "Miód",
                ("wielokwiatowy", "lipowy", "gryczany", "akacjowy", "spadziowy"),
                (("400 g", 1.0), ("1 kg", 2.2)),
                1999,
            ),
        ),
    ),
    CategorySpec(
        "Napoje",
        "B",
        9,
        ("Źródła Sudetów", "Tłocznia Sadowa", "Orzeźwienie", "Kryształowy Zdrój"),
        (
            Line(
                "Woda mineralna",
                ("niegazowana", "gazowana", "lekko gazowana"),
                (("0,5 l", 0.55), ("1,5 l", 1.0), ("5 l", 2.6)),
                219,
            ),
            Line(
                "Sok",
                ("jabłkowy", "pomarańczowy", "multiwitamina", "z czarnej porzeczki", "marchwiowy"),
                (("0,3 l", 0.5), ("1 l", 1.0)),
                599,
                vat="C",
            ),
            Line(
                "Napój gazowany",
                ("cola", "oranżada czerwona", "cytrynowy", "tonik"),
                (("0,33 l", 0.45), ("0,5 l", 0.6), ("1,5 l", 1.0), ("2 l", 1.2)),
                599,
                vat="A",
            ),
            Line(
                "Nektar",
                ("wiśniowy", "brzoskwiniowy", "z czarnej porzeczki"),
                (("1 l", 1.0),),
                549,
                vat="C",
            ),
            Line(
                "Napój energetyczny",
                ("klasyczny", "bez cukru", "mango"),
                (("0,25 l", 1.0), ("0,5 l", 1.6)),
                449,
                vat="A",
            ),
            Line("Kompot", ("truskawkowy", "wiśniowy", "z rabarbaru"), (("0,9 l", 1.0),), 699),
            Line(
                "Herbata mrożona",
                ("brzoskwiniowa", "cytrynowa", "zielona"),
                (("0,5 l", 1.0), ("1,5 l", 1.9)),
                399,
                vat="A",
            ),
            Line("Kwas chlebowy", ("tradycyjny",), (("0,5 l", 1.0), ("1 l", 1.7)), 449),
        ),
    ),
    CategorySpec(
        "Kawa i herbata",
        "A",
        5,
        ("Palarnia Krakowska", "Poranny Aromat", "Herbaciarnia Pod Lipą", "Czarny Młynek"),
        (
            Line(
                "Kawa",
                ("ziarnista", "mielona", "rozpuszczalna", "bezkofeinowa mielona", "espresso"),
                (("250 g", 1.0), ("500 g", 1.85), ("1 kg", 3.5)),
                1999,
            ),
            Line(
                "Herbata",
                ("czarna ekspresowa", "zielona", "owocowa malinowa", "miętowa", "z dziką różą"),
                (("20 tor.", 1.0), ("50 tor.", 2.1), ("100 tor.", 3.8)),
                599,
            ),
            Line("Kakao", ("naturalne", "extra ciemne"), (("150 g", 1.0), ("300 g", 1.8)), 899),
            Line("Kawa zbożowa", ("klasyczna", "z cykorią"), (("150 g", 1.0),), 599, vat="B"),
            Line("Yerba mate", ("klasyczna", "z limonką"), (("500 g", 1.0),), 2499),
        ),
    ),
    CategorySpec(
        "Słodycze",
        "C",
        9,
        ("Słodka Chwila", "Fabryka Łakoci", "Cukiernia Mazurska", "Czekoladowy Dworek"),
        (
            Line(
                "Czekolada",
                ("mleczna", "gorzka 70%", "z orzechami laskowymi", "biała", "z całymi migdałami"),
                (("100 g", 1.0), ("250 g", 2.3)),
                549,
            ),
            Line(
                "Cukierki",
                ("krówki ciągutki", "michałki", "kukułki", "śliwki w czekoladzie", "irysy"),
                (("100 g", 0.5), ("200 g", 1.0), ("1 kg", 4.0)),
                899,
            ),
            Line(
                "Wafelki",
                ("kakaowe", "orzechowe", "śmietankowe", "w polewie czekoladowej"),
                (("40 g", 0.3), ("150 g", 1.0)),
                499,
            ),
            Line(
                "Pierniki",
                ("toruńskie nadziewane", "w czekoladzie", "alpejskie"),
                (("150 g", 1.0), ("300 g", 1.8)),
                699,
            ),
            Line(
                "Ciastka",
                ("maślane", "owsiane", "zbożowe z żurawiną", "biszkopty z galaretką"),
                (("150 g", 0.8), ("200 g", 1.0), ("300 g", 1.4)),
                499,
            ),
            Line(
                "Baton",
                ("kokosowy", "orzechowy", "proteinowy", "sezamowy", "zbożowy"),
                (("40 g", 1.0), ("50 g", 1.2)),
                249,
            ),
            Line(
                "Żelki",
                ("owocowe", "kwaśne", "misie", "cola"),
                (("90 g", 0.6), ("200 g", 1.0)),
                549,
            ),
            Line(
                "Chałwa",
                ("waniliowa", "kakaowa", "z bakaliami"),
                (("100 g", 0.5), ("250 g", 1.0)),
                899,
            ),
            Line(
                "Guma do żucia", ("miętowa", "owocowa", "arbuzowa"), (("14 g", 1.0),), 299, vat="A"
            ),
            Line(
                "Chipsy",
                ("solone", "paprykowe", "zielona cebulka", "ser i cebula"),
                (("70 g", 0.5), ("140 g", 1.0)),
                699,
            ),
            Line("Paluszki", ("solone", "sezamowe"), (("200 g", 1.0), ("300 g", 1.4)), 399),
        ),
    ),
    CategorySpec(
        "Chemia gospodarcza",
        "A",
        8,
        ("Czysty Dom", "Lśniąca Łazienka", "Świeżość Łąki", "Biała Perła"),
        (
            Line(
                "Płyn do mycia naczyń",
                ("cytrynowy", "miętowy", "balsam aloes"),
                (("450 ml", 0.6), ("900 ml", 1.0), ("1,5 l", 1.5)),
                799,
            ),
            Line(
                "Proszek do prania",
                ("do bieli", "do kolorów", "uniwersalny"),
                (("1,5 kg", 1.0), ("3 kg", 1.8), ("6 kg", 3.2)),
                2499,
            ),
            Line(
                "Płyn do płukania",
                ("lawendowy", "konwaliowy", "sensitive"),
                (("1 l", 1.0), ("2 l", 1.8)),
                1299,
            ),
            Line(
                "Żel do prania",
                ("do kolorów", "do czerni", "do bieli"),
                (("1,5 l", 1.0), ("3 l", 1.8)),
                2999,
            ),
            Line(
                "Płyn do szyb", ("z alkoholem", "octowy"), (("500 ml", 1.0), ("750 ml", 1.3)), 799
            ),
            Line(
                "Środek do czyszczenia WC",
                ("żel", "kostka zapachowa", "pianka"),
                (("750 ml", 1.0),),
                899,
            ),
            Line("Mleczko do czyszczenia", ("cytrynowe", "oceaniczne"), (("700 ml", 1.0),), 699),
            Line(
                "Worki na śmieci",
                ("35 l", "60 l", "120 l z taśmą"),
                (("20 szt.", 1.0), ("50 szt.", 2.1)),
                599,
            ),
            Line("Gąbki kuchenne", ("", "z mikrofibrą"), (("5 szt.", 1.0), ("10 szt.", 1.8)), 399),
            Line(
                "Ręczniki papierowe",
                ("białe", "trzywarstwowe"),
                (("2 rolki", 1.0), ("4 rolki", 1.9)),
                899,
            ),
            Line(
                "Papier toaletowy",
                ("biały", "rumiankowy", "trzywarstwowy"),
                (("8 rolek", 1.0), ("16 rolek", 1.9), ("24 rolki", 2.7)),
                1499,
            ),
            Line(
                "Odświeżacz powietrza",
                ("lawenda", "poranna bryza", "wanilia"),
                (("300 ml", 1.0),),
                999,
            ),
            Line(
                "Folia",
                ("aluminiowa", "spożywcza"),
                (("10 m", 0.6), ("20 m", 1.0), ("30 m", 1.4)),
                799,
            ),
        ),
    ),
    CategorySpec(
        "Kosmetyki i higiena",
        "A",
        6,
        ("Ziołowa Apteczka", "Natura Polska", "Różany Ogród", "Delikatność"),
        (
            Line(
                "Mydło w płynie",
                ("oliwkowe", "różane", "antybakteryjne", "kozie mleko"),
                (("300 ml", 0.7), ("500 ml", 1.0), ("1 l", 1.6)),
                699,
            ),
            Line(
                "Szampon",
                ("pokrzywowy", "przeciwłupieżowy", "do włosów farbowanych", "z łopianem"),
                (("400 ml", 1.0),),
                1299,
            ),
            Line(
                "Żel pod prysznic",
                ("morski", "cytrusowy", "kokosowy", "męski drzewny"),
                (("250 ml", 0.7), ("500 ml", 1.0)),
                999,
            ),
            Line(
                "Pasta do zębów",
                ("wybielająca", "ziołowa", "dla dzieci", "z fluorem"),
                (("75 ml", 1.0), ("125 ml", 1.5)),
                899,
            ),
            Line(
                "Szczoteczka do zębów",
                ("miękka", "średnia", "dla dzieci"),
                (("1 szt.", 1.0), ("2 szt.", 1.8)),
                699,
            ),
            Line(
                "Dezodorant",
                ("w sprayu", "w kulce", "bez aluminium"),
                (("50 ml", 0.8), ("150 ml", 1.0)),
                1199,
            ),
            Line(
                "Krem do rąk",
                ("z mocznikiem", "nawilżający", "nagietkowy"),
                (("100 ml", 1.0),),
                799,
            ),
            Line(
                "Chusteczki higieniczne",
                ("trzywarstwowe", "balsamowe"),
                (("10 szt.", 0.4), ("100 szt.", 1.0)),
                599,
            ),
            Line(
                "Pieluchy",
                ("rozmiar 3", "rozmiar 4", "rozmiar 5"),
                (("36 szt.", 1.0), ("62 szt.", 1.6)),
                4999,
                vat="B",
            ),
            Line(
                "Podpaski",
                ("normal", "na noc", "ultracienkie"),
                (("10 szt.", 1.0), ("20 szt.", 1.8)),
                999,
                vat="C",
            ),
        ),
    ),
    CategorySpec(
        "Artykuły różne",
        "A",
        2,
        (),
        (
            Line("Torba", ("papierowa", "wielorazowa", "foliowa"), (("1 szt.", 1.0),), 99),
            Line(
                "Baterie",
                ("AA alkaliczne", "AAA alkaliczne", "CR2032"),
                (("2 szt.", 0.6), ("4 szt.", 1.0)),
                1499,
            ),
            Line("Zapałki", ("kuchenne", "kominkowe"), (("10 pudełek", 1.0),), 399),
            Line(
                "Świeczka", ("biała", "zapachowa wanilia"), (("1 szt.", 1.0), ("10 szt.", 6.0)), 299
            ),
            Line("Tygodnik", ("krzyżówkowy", "telewizyjny", "poradnikowy"), UNSIZED, 499, vat="B"),
            Line(
                "Znaczek pocztowy",
                ("list krajowy", "list polecony", "zagraniczny"),
                UNSIZED,
                450,
                vat="E",
            ),
        ),
    ),
)

FEATURED = (
    Featured("Bułka kajzerka 60 g", "Pieczywo", 99, label="Kajzerka"),
    Featured("Bułka grahamka 80 g", "Pieczywo", 129, label="Grahamka"),
    Featured("Chleb żytni na zakwasie 500 g", "Pieczywo", 699, label="Chleb"),
    Featured("Bagietka francuska 250 g", "Pieczywo", 399, label="Bagietka"),
    Featured("Drożdżówka z serem 100 g", "Pieczywo", 329, label="Drożdżówka"),
    Featured("Pączek z różą 100 g", "Pieczywo", 279, label="Pączek"),
    Featured("Banany luz", "Owoce i warzywa", 599, "kg", "Banany"),
    Featured("Jabłka Ligol luz", "Owoce i warzywa", 399, "kg", "Jabłka"),
    Featured("Pomidory malinowe luz", "Owoce i warzywa", 1299, "kg", "Pomidory"),
    Featured("Ogórki gruntowe luz", "Owoce i warzywa", 699, "kg", "Ogórki"),
    Featured("Ziemniaki jadalne luz", "Owoce i warzywa", 299, "kg", "Ziemniaki"),
    Featured("Cebula żółta luz", "Owoce i warzywa", 349, "kg", "Cebula"),
    Featured("Marchew luz", "Owoce i warzywa", 299, "kg", "Marchew"),
    Featured("Cytryny luz", "Owoce i warzywa", 899, "kg", "Cytryny"),
    Featured("Mleko łaciate 3,2% 1 l", "Nabiał", 429, label="Mleko"),
    Featured("Masło extra 82% 200 g", "Nabiał", 799, label="Masło"),
    Featured("Jaja z wolnego wybiegu M 10 szt.", "Nabiał", 1199, label="Jaja"),
    Featured("Twaróg półtłusty 250 g", "Nabiał", 549, label="Twaróg"),
    Featured("Jogurt naturalny 400 g", "Nabiał", 399, label="Jogurt"),
    Featured("Ser gouda na wagę", "Nabiał", 3299, "kg", "Ser gouda"),
    Featured("Kiełbasa śląska na wagę", "Mięso i wędliny", 2199, "kg", "Kiełbasa"),
    Featured("Szynka konserwowa na wagę", "Mięso i wędliny", 3299, "kg", "Szynka"),
    Featured("Woda mineralna niegazowana 1,5 l", "Napoje", 219, label="Woda"),
    Featured("Torba papierowa", "Artykuły różne", 99, label="Torba"),
    Featured("Żółw czekoladowy 40 g", "Słodycze", 249),
    Featured("Karta podarunkowa 50 zł", "Artykuły różne", 5000, vat="E"),
    Featured("Karta podarunkowa 100 zł", "Artykuły różne", 10000, vat="E"),
    Featured("Kaucja za butelkę szklaną", "Artykuły różne", 100, vat="D"),
)
