"""Hungarian word lists for the synthetic records: nouns with their inflected forms, names.

The inflected forms are written out by hand (not produced by rules), so the texts contain the
real forms a search has to cope with: ``templom`` / ``templomok`` / ``templomban`` /
``templomai`` / ``templomot``.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Noun:
    """A noun and the inflected forms the sentence templates use."""

    base: str  # templom
    plural: str  # templomok
    locative: str  # templomban (the natural "in/at" form: forrásnál, tanfolyamon)
    possessive_plural: str  # templomai ("its churches" / "the churches of")
    accusative: str  # templomot

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.base, self.plural, self.locative, self.possessive_plural, self.accusative)


def _nouns(*rows: str) -> tuple[Noun, ...]:
    return tuple(Noun(*row.split("|")) for row in rows)


NOUNS: dict[str, tuple[Noun, ...]] = {
    "natural-values": _nouns(
        "forrás|források|forrásnál|forrásai|forrást",
        "tó|tavak|tónál|tavai|tavat",
        "erdő|erdők|erdőben|erdei|erdőt",
        "tölgy|tölgyek|tölgynél|tölgyei|tölgyet",
        "hársfa|hársfák|hársfánál|hársfái|hársfát",
        "arborétum|arborétumok|arborétumban|arborétumai|arborétumot",
        "patak|patakok|pataknál|patakjai|patakot",
        "barlang|barlangok|barlangban|barlangjai|barlangot",
        "láp|lápok|lápon|lápjai|lápot",
        "rét|rétek|réten|rétjei|rétet",
    ),
    "built-values": _nouns(
        "templom|templomok|templomban|templomai|templomot",
        "kápolna|kápolnák|kápolnában|kápolnái|kápolnát",
        "kastély|kastélyok|kastélyban|kastélyai|kastélyt",
        "kúria|kúriák|kúriában|kúriái|kúriát",
        "harangláb|haranglábak|haranglábnál|haranglábai|haranglábat",
        "tájház|tájházak|tájházban|tájházai|tájházat",
        "emlékmű|emlékművek|emlékműnél|emlékművei|emlékművet",
        "kereszt|keresztek|keresztnél|keresztjei|keresztet",
        "malom|malmok|malomban|malmai|malmot",
        "pince|pincék|pincében|pincéi|pincét",
        "magtár|magtárak|magtárban|magtárai|magtárat",
        "szobor|szobrok|szobornál|szobrai|szobrot",
    ),
    "civil-organisations": _nouns(
        "egyesület|egyesületek|egyesületben|egyesületei|egyesületet",
        "alapítvány|alapítványok|alapítványnál|alapítványai|alapítványt",
        "klub|klubok|klubban|klubjai|klubot",
        "társaság|társaságok|társaságban|társaságai|társaságot",
    ),
    "amateur-art": _nouns(
        "kórus|kórusok|kórusban|kórusai|kórust",
        "népdalkör|népdalkörök|népdalkörben|népdalkörei|népdalkört",
        "néptánccsoport|néptánccsoportok|néptánccsoportban|néptánccsoportjai|néptánccsoportot",
        "zenekar|zenekarok|zenekarban|zenekarai|zenekart",
        "színjátszókör|színjátszókörök|színjátszókörben|színjátszókörei|színjátszókört",
    ),
    "traditions": _nouns(
        "hagyomány|hagyományok|hagyományban|hagyományai|hagyományt",
        "szokás|szokások|szokásban|szokásai|szokást",
        "mesterség|mesterségek|mesterségben|mesterségei|mesterséget",
        "búcsú|búcsúk|búcsún|búcsúi|búcsút",
        "szüret|szüretek|szüreten|szüretei|szüretet",
    ),
    "publications": _nouns(
        "könyv|könyvek|könyvben|könyvei|könyvet",
        "monográfia|monográfiák|monográfiában|monográfiái|monográfiát",
        "évkönyv|évkönyvek|évkönyvben|évkönyvei|évkönyvet",
        "tanulmány|tanulmányok|tanulmányban|tanulmányai|tanulmányt",
    ),
    "courses": _nouns(
        "tanfolyam|tanfolyamok|tanfolyamon|tanfolyamai|tanfolyamot",
        "képzés|képzések|képzésen|képzései|képzést",
        "műhely|műhelyek|műhelyben|műhelyei|műhelyt",
        "szakkör|szakkörök|szakkörben|szakkörei|szakkört",
    ),
    "education-associations": _nouns(
        "társulás|társulások|társulásban|társulásai|társulást",
        "iskola|iskolák|iskolában|iskolái|iskolát",
        "óvoda|óvodák|óvodában|óvodái|óvodát",
    ),
    "cultural-centres": _nouns(
        "művelődési ház|művelődési házak|művelődési házban|művelődési házai|művelődési házat",
        "kultúrház|kultúrházak|kultúrházban|kultúrházai|kultúrházat",
        "faluház|faluházak|faluházban|faluházai|faluházat",
        "terem|termek|teremben|termei|termet",
    ),
    "cultural-services": _nouns(
        "könyvtár|könyvtárak|könyvtárban|könyvtárai|könyvtárat",
        "kiállítás|kiállítások|kiállításon|kiállításai|kiállítást",
        "rendezvény|rendezvények|rendezvényen|rendezvényei|rendezvényt",
        "tanácsadás|tanácsadások|tanácsadáson|tanácsadásai|tanácsadást",
    ),
}

# Name patterns per catalog. Slots: {saint} {family} {given} {town} (the settlement's
# adjective, capitalised: "Zalaegerszegi"), {region} {flower} {theme}.
NAME_PATTERNS: dict[str, tuple[str, ...]] = {
    "natural-values": (
        "{saint}-forrás", "{family}-forrás", "{town} öreg tölgy", "{family}-tó",
        "{town} arborétum", "{region} láprét", "{flower}-völgy patak", "{family}-barlang",
        "{town} hársfasor", "{region} erdő",
    ),
    "built-values": (
        "{saint}-templom", "{saint}-kápolna", "{family}-kastély", "{family}-kúria",
        "{town} harangláb", "{town} tájház", "{town} hősi emlékmű", "{family}-kereszt",
        "{family}-malom", "{town} présház", "{family}-magtár", "{saint}-szobor",
    ),
    "civil-organisations": (
        "{town} {theme} Egyesület", "{town} Polgárőr Egyesület", "{town} Nyugdíjas Klub",
        "{family} {given} Kulturális Egyesület", "{town} Faluszépítő Egyesület",
        "Alapítvány {town_plain} Jövőjéért", "{region} Baráti Társaság",
    ),
    "amateur-art": (
        "{town} Népdalkör", "{flower} Néptánccsoport", "{town} Férfikar",
        "{town} Fúvószenekar", "{town} Citerazenekar", "{family} {given} Vegyeskar",
        "{town} Színjátszókör", "{region} Asszonykórus",
    ),
    "traditions": (
        "{town} Hagyományőrző Egyesület", "{town} Pünkösdölő Csoport", "{region} Fazekasműhely",
        "{town} Hímzőkör", "{town} Szüreti Felvonulás", "{town} Búcsú", "{region} Kosárfonók",
    ),
    "publications": (
        "{town_plain} története", "{town_plain} templomai", "A {town_lower} kastély",
        "{town_plain} népszokásai", "{region} dolgozatok", "{town_plain} évszázadai",
        "Emlékkönyv a {town_lower} iskola alapításáról", "{family} {given}: Falusi krónika",
    ),
    "courses": (
        "Néptánc-oktatás felnőtteknek", "Kosárfonó tanfolyam", "Digitális kompetencia képzés",
        "{region} hímzés szakkör", "Honismereti tanfolyam", "Népi ének műhely",
        "Fazekas tanfolyam kezdőknek", "Kórusvezetői képzés",
    ),
    "education-associations": (
        "{town} Közoktatási Intézményfenntartó Társulás", "{town} Általános Iskola Társulás",
        "{town} Óvodai Társulás", "{region} Iskolatársulás",
    ),
    "cultural-centres": (
        "{town} Művelődési Ház", "{town} Kultúrház", "{town} Közösségi Ház és Könyvtár",
        "{family} {given} Művelődési Ház", "{town} Faluház",
    ),
    "cultural-services": (
        "{town} Könyvtár", "Terembérlés a {town_lower} kultúrházban",
        "{town} helytörténeti kiállítás", "Rendezvényszervezés {region} falvakban",
        "Pályázati tanácsadás", "{town} Ifjúsági Klub",
    ),
}  # fmt: skip

SAINTS = (
    "Szent István", "Szent László", "Szent Anna", "Szent Mihály", "Szent Márton",
    "Szent Kereszt", "Szent Miklós", "Szent Flórián", "Nagyboldogasszony", "Szent Vendel",
    "Szent Rókus", "Szent Imre", "Szent Erzsébet", "Szent György", "Szent Péter és Pál",
    "Szent Orbán", "Kisboldogasszony", "Szent Ilona",
)  # fmt: skip

FAMILY_NAMES = (
    "Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh",
    "Farkas", "Balogh", "Papp", "Takács", "Juhász", "Mészáros", "Simon", "Fekete", "Szalai",
    "Török", "Fehér", "Gál", "Kocsis", "Pintér", "Sipos", "Vörös", "Hegedűs", "Bíró", "Deák",
    "Festetics", "Batthyány", "Széchenyi", "Esterházy", "Zrínyi", "Csány", "Kerkapoly",
    "Gömbös", "Tüköry", "Sümegi", "Ördög", "Győrffy",
)  # fmt: skip

GIVEN_NAMES = (
    "István", "László", "József", "János", "Ferenc", "Mária", "Erzsébet", "Katalin", "Ilona",
    "Zsuzsanna", "Éva", "Anna", "Gábor", "Péter", "Zoltán", "Zsófia", "Dorottya", "Ágnes",
    "Judit", "Lőrinc", "Márton", "Mihály", "Imre", "Ödön", "Géza", "Ottó", "Ünige", "Emőke",
)  # fmt: skip

REGIONS = (
    "Göcseji", "Zalai", "Hetési", "Őrségi", "Kerka-völgyi", "Mura menti", "Zala-völgyi",
    "Balaton-felvidéki", "Kemenesaljai", "Vas megyei",
)  # fmt: skip

FLOWERS = (
    "Búzavirág", "Pántlika", "Napraforgó", "Rozmaring", "Gyöngyvirág", "Ibolya", "Margaréta",
    "Pipacs", "Kökörcsin", "Tulipán",
)  # fmt: skip

THEMES = (
    "Kulturális", "Hagyományőrző", "Ifjúsági", "Sport", "Természetbarát", "Faluvédő",
    "Honismereti", "Ifjúsági és Szabadidős", "Borbarát", "Lovas",
)  # fmt: skip

# Phrases that fill the sentence templates, per catalog ("what one sees there").
FEATURES: dict[str, tuple[str, ...]] = {
    "natural-values": (
        "védett növényritkaságok", "öreg kocsányos tölgyek", "tőzegmohás lápfolt",
        "jelzett tanösvény", "bővizű forrásfoglalás", "gazdag madárvilág",
    ),
    "built-values": (
        "barokk főoltár", "középkori falfestmény", "klasszicista homlokzat",
        "kazettás mennyezet", "gótikus szentély", "fazsindelyes tető", "kovácsoltvas kerítés",
    ),
    "civil-organisations": (
        "rendszeres közösségi programok", "falunapok szervezése", "jótékonysági bálok",
        "pályázati együttműködések", "ifjúsági táborok",
    ),
    "amateur-art": (
        "népdalok göcseji tájszólással", "nemzetiségi táncok", "egyházi kórusművek",
        "verbunkos zene", "betlehemes játékok",
    ),
    "traditions": (
        "pünkösdi királynéjárás", "szüreti felvonulás", "farsangi maszkos menet",
        "kézműves vásár", "hímzett viselet", "kemencés sütés",
    ),
    "publications": (
        "korabeli fényképek", "levéltári források", "anyakönyvi adatok",
        "néprajzi gyűjtések", "térképmellékletek",
    ),
    "courses": (
        "gyakorlati foglalkozások", "kiscsoportos oktatás", "záróvizsga",
        "tanúsítvány a végén", "helyi mesterek",
    ),
    "education-associations": (
        "közös igazgatás", "iskolabusz", "közös pedagógiai program", "tagintézmények",
    ),
    "cultural-centres": (
        "színpadi nagyterem", "akadálymentes bejárat", "teakonyha", "klubszoba",
        "hangosítás és vetítő",
    ),
    "cultural-services": (
        "kölcsönzés és helyismereti gyűjtemény", "rendezvénytechnika", "kiállítótér",
        "internet-hozzáférés", "szakmai tanácsadás",
    ),
}  # fmt: skip

CONDITIONS = ("jó", "kiváló", "felújított", "közepes", "helyreállításra váró")
CENTURIES = ("13.", "14.", "15.", "17.", "18.", "19.", "20.")
