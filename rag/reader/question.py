"""What a question asks for: its answer type, the thing it counts, its names, numbers and key words.

The reader compares this with every candidate sentence: a "how many troops" question needs a
number of troops in the sentence, "Who did Gary Holt replace?" a name that is not Gary Holt, and
every name the question mentions should be found near the answer. Patterns cover English and
Lithuanian fully, and German, Spanish and Russian question words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from rag.reader.ordinals import EN_ORDINALS
from rag.text import facts


class AnswerType(str, Enum):
    QUANTITY = "quantity"  # how many / how heavy / which minute / what score
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"  # when / what year / which month / what day
    TIME = "time"  # what time
    DURATION = "duration"  # how long / how many years
    AGE = "age"
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    NAME = "name"  # which hurricane / what title: a named thing
    YES_NO = "yes/no"
    REASON = "reason"
    OTHER = "other"


NUMERIC_TYPES = frozenset({AnswerType.QUANTITY, AnswerType.MONEY, AnswerType.PERCENT, AnswerType.DURATION,
                           AnswerType.AGE})
NAMED_TYPES = frozenset({AnswerType.PERSON, AnswerType.ORGANISATION, AnswerType.PLACE, AnswerType.NAME})

_PERSON_NOUNS = (
    r"minister|president|premier|chancellor|leader|spokes\w*|official|coach|manager|player|author|writer|actor|actress"
    r"|singer|artist|director|chief|chairman|chairwoman|founder|king|queen|prince|princess|emperor|general|officer"
    r"|politician|senator|candidate|judge|referee|scientist|professor|doctor|teacher|captain|striker|goalkeeper"
    r"|pitcher|quarterback|governor|mayor|secretary|ambassador|pope|bishop|priest|commander|sculptor|architect"
    r"|designer|composer|poet|journalist|reporter|lawyer|attorney|victim|suspect|comedian|star|winner|champion"
    r"|presenter|host|owner|ceo|economist|analyst|expert|researcher|inventor|explorer|painter|philosopher|person"
    r"|man|woman|boy|girl|athlete|rider|driver|boxer|golfer|defender|midfielder|forward|batsman|bowler|pilot"
)
_ORG_NOUNS = (
    r"company|companies|organi[sz]ation|agency|newspaper|paper|network|channel|broadcaster|airline|party|team|club"
    r"|university|college|school|group|firm|bank|body|institution|court|ministry|department|station|magazine"
    r"|publisher|league|union|association|committee|council|government|army|band|brand|chain|retailer|supermarket"
    r"|charity|foundation|corporation|business|outlet|website|service|manufacturer|carrier|operator|regulator"
)
_PLACE_NOUNS = (
    r"country|countries|city|cities|town|village|state|province|region|county|continent|island|place|location|venue"
    r"|stadium|street|area|district|river|mountain|sea|ocean|lake|capital|neighbou?rhood|border|port|airport|prison"
    r"|hospital|building|church|site|arena|ground|park|square|plaza|coast|beach|valley|desert|peninsula"
    r"|bridge|road|route|highway|motorway|tunnel|railway|shelter|camp|hotel|venue"
)
_NAME_NOUNS = (
    r"name|title|hurricane|storm|typhoon|cyclone|ship|film|movie|book|novel|song|album|product|show|programme|program"
    r"|series|event|protein|disease|virus|drug|law|bill|treaty|operation|award|prize|word|term|nickname|species"
    r"|language|religion|system|technology|vaccine|game|competition|tournament|trophy|initiative|project|plan"
)
_MONEY_WORDS = (
    r"money|cash|cost|costs|costing|pay|pays|paid|paying|spend|spends|spent|spending|worth|earn|earns|earned|salary"
    r"|budget|bond|bail|fine|fined|price|priced|compensation|fee|fees|ransom|fund|funds|funding|funded|invest"
    r"|invests|invested|investing|investment|raise|raised|sell|sold|charge|charged|owe|owed|steal|stole|stolen"
    r"|award|awarded|donate|donated|loan|debt|revenue|profit|damages|get|got|receive|received|take|took|lose|lost"
    r"|subsid\w*|grant|grants|bid|offer|offered|sale|sales|wage|wages|bonus|reward|tax|taxes"
)

# "keli" (how many) in every case and gender: "Keliose parduotuvėse…" (in how many stores…); it opens the
# question, after a preposition at most ("Per kelias dienas…"): elsewhere "kelias"/"keliuose" may be a road
_LT_HOW_MANY = r"kel(?:i|ių|iu|iems|is|iais|iuose|ios|ioms|ias|iomis|iose)"
_LT_HOW_MANY_OPENING = rf"^\W*(?:(?:per|į|iš|su|po|už|prie|nuo|iki|ant|apie|tarp)\s+)?{_LT_HOW_MANY}\b"

# Lithuanian nouns (word starts) that name what a "koks/kokia/kuris …" question asks for
_LT_MONEY_NOUNS = (
    r"užstat|kain|sum[aąo]|vert[ėę]|baud|kompensacij|investicij|atlyginim|alg[aąo]|biudžet|paskol|skol[aąo]|mokest"
    r"|išmok|premij|honorar|subsidij|dotacij|sandor|pelnas|pelną|pajam|išlaid|išpirk"
)
_LT_MEASURE_NOUNS = (
    r"temperatūr|atstum|aukšt|svor|ilg|gyl|greit|skaiči|dyd|plot|gyventojų skaiči|rezultat|balų|stiprum|magnitud"
)
_LT_PERSON_NOUNS = (
    r"ministr|prezident|premjer|kancler|vadov|trener|žaidėj|atstov|lyder|autor|rašytoj|teisėj|kapiton|gubernator"
    r"|senator|mer(?:as|o|ą|ui)\b|pirminink|direktor|profesor|skulptori|architekt|dainink|aktor|atlikėj|žurnalist"
    r"|advokat|kandidat|nugalėtoj|laimėtoj|įkūrėj|savinink|sportinink|politik|karal|princ|popiež|kunig|vyskup"
    r"|gydytoj|mokslinink|ekspert|analitik|komik|vedėj|auk[aąo]s?\b|įtariam|kaltinam|puolėj|vartinink|gynėj|tyrėj"
    r"|asmu|asmen|žmog|vyr(?:as|o|ą|ui|ai|ų)\b|moter|mergin|vaikin|berniuk|mergait|pareigūn|karinink|generol|ambasador|sekretori"
)
_LT_PERSON_VERBS = (
    r"pasakė|laimėjo|vadovauja|vadovavo|pakeitė|sukūrė|parašė|nužudė|tapo|suprojektavo|įkėlė|paskelbė|atrado|išrado"
    r"|teisėjavo|treniruoja|treniravo|valdo|valdė|nušovė|sulaikė|pagrobė|užpuolė|įmušė|pelnė|atstovauja|atstovavo"
    r"|pareiškė|teigė|kritikavo|apkaltino|pasirašė|susitiko|aplankė|lankėsi|atvyko|pirmininkauja|vedė|vaidino|dainavo"
    r"|parengė|įkūrė|sugalvojo|režisavo|nutapė|nufilmavo|sukomponavo|organizavo|surengė|suorganizavo|išaiškino"
)
_LT_PERSON_OBJECT_VERBS = (
    r"pakeitė|pakeis|nužudė|sulaikė|pagrobė|užpuolė|nušovė|apkaltino|kritikavo|susitiko|aplankė|paskyrė|išrinko"
    r"|nugalėjo|įveikė|pasikvietė|pakvietė|atleido|įdarbino|vedė|treniravo|sužeidė|apkaltino"
)
# "su kuo" is with whom before a verb done with a person ("Su kuo susitiko Belousovas?")
_LT_WITH_PERSON_VERBS = r"susitiko|kalbėjo|kalbėjosi|bendradarbiavo|susituokė|susižadėjo|derėjosi|varžėsi|kovojo|žaidė"
_LT_ORG_NOUNS = (
    r"agentūr|organizacij|bendrov|įmon|partij|komand|laikrašt|kanal|televizij|bank|universitet|klub|tarnyb"
    r"|ministerij|leidin|žurnal|tinklalap|aviakompanij|parduotuv|prekybos tinkl|grup|asociacij|sąjung|taryb|teism"
    r"|vyriausyb|armij|kariuomen|kompanij|gamintoj|rangov|institucij|fond|labdaros|mokykl|koledž|stot|radij"
)
_LT_PLACE_NOUNS = (
    r"šal|miest|valstij|region|vietov|viet|gatv|aikšt|ligonin|kalėjim|stadion|sal[aąoų]|up[eėę]|rajon|apskrit|krašt"
    r"|pastat|tilt|kel|kaim|žemyn|provincij|sostin|uost|oro uost|viešbut|rajon|pakrant|papl[uū]dim|kalnų|kaln|ežer"
    r"|jūr|vandenyn|sien|mokykl|bažnyčio|bažnyči|mečet|aikštel"
)

# (answer type, pattern) in order: the first that matches wins
_RULES: list[tuple[AnswerType, str]] = [
    # English
    (AnswerType.AGE, r"\bhow old\b|\b(?:at )?what age\b|\bhow many years old\b"),
    (AnswerType.PERCENT, r"\b(?:what|which) (?:percentage|percent|proportion|share|fraction)\b|\bhow many (?:percent|per cent)\b"
                         r"|\bwhat (?:is|was|were|are) the (?:\w+ )?(?:rate|share|percentage)\b"
                         r"|\b(?:interest|unemployment|inflation|growth|turnout|tax|jobless|vacancy|mortality) rate\b"),
    # "how much time was left when Denver took…" asks for a duration, whatever money word follows
    (AnswerType.MONEY, rf"\bhow much (?!time\b|longer\b)(?:\S+ ){{0,8}}(?:{_MONEY_WORDS})\b|\bhow expensive\b|\bhow many (?:dollars|euros|pounds)\b"
                       r"|\bwhat (?:was |is |were |are )?(?:the )?(?:\w+ )?(?:price|cost|sum|amount of money|fee|fine|salary"
                       r"|budget|bond|bail|ransom|compensation|value)\b"
                       # the damage a disaster did is counted in money in the news
                       r"|\bhow much damage\b|\bwhat (?:is|was|are|were) (?:the )?(?:\w+ ){0,5}(?:damage|losses)\b"),
    (AnswerType.DURATION, r"\bhow long\b|\bhow much (?:time|longer)\b|\bfor how many\b"
                          r"|\bhow many (?:years|months|weeks|days|hours|minutes|seconds|decades|centuries)\b"),
    (AnswerType.TIME, r"\bwhat time\b|\bat what hour\b|\bwhat (?:is|was) the time\b"),
    (AnswerType.QUANTITY, r"\b(?:what|which) (?:is |was |were |are |will be )?(?:the )?(?:minute|score|result|temperature|distance|height|weight|size|speed|length"
                          r"|depth|population|number|margin|tally|total|magnitude)\b|\bhow (?:many|much|far|tall|high|heavy|big|large"
                          r"|fast|deep|wide|often|heavily|strong|powerful)\b|\bwhat was the score\b|\bpopulation of\b"),
    # a question that opens with "who"/"where" asks for that, whatever "when" clause follows
    (AnswerType.PERSON, r"^(?:who|whom|whose)\b"),
    (AnswerType.PLACE, r"^where\b"),
    # "when" asks for a time among the first words; later it opens a clause ("What satellite was used when …?")
    (AnswerType.DATE, r"^(?:\w+ )?when\b"
                      r"|\b(?:what|which) (?:year|month|day|date|decade|century|season|week|era|period)\b"
                      r"|\bsince what\b|\bhow recently\b"),
    (AnswerType.REASON, r"\bwhy\b|\bfor what reason\b|\bwhat (?:caused|prompted|led to|made)\b|\bhow come\b"),
    (AnswerType.PERSON, rf"^(?:\w+ )?(?:who|whom|whose)\b|\b(?:which|what) (?:\w+ ){{0,3}}(?:{_PERSON_NOUNS})s?\b"),
    (AnswerType.ORGANISATION, rf"\b(?:which|what) (?:\w+ ){{0,3}}(?:{_ORG_NOUNS})\b"),
    (AnswerType.PLACE, rf"\bwhere\b|\b(?:which|what) (?:\w+ ){{0,2}}(?:{_PLACE_NOUNS})\b"),
    (AnswerType.NAME, rf"\b(?:which|what) (?:\w+ ){{0,3}}(?:{_NAME_NOUNS})s?\b|\bwhat (?:is|was|were|are) .* called\b"
                      r"|\bwhat (?:do|does|did) .* call\b"),
    (AnswerType.YES_NO, r"^(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|shall|may|might)\b"),
    # Lithuanian
    (AnswerType.AGE, r"\bkiek (?:jam |jai |jiems |jos |jo )?(?:buvo |yra )?metų\b|\bkokio amžiaus\b"),
    (AnswerType.PERCENT, r"\bkiek procent|\bkokia (?:dalis|procentin)|\bkoks (?:\w+ )?lygis\b"),
    # "kiek žmonių gavo…" counts people: a genitive plural right after "kiek" is the counted thing, unless it is money
    (AnswerType.MONEY, rf"\bkiek (?![^\W\d_]+ų\b(?<!eurų)(?<!dolerių)(?<!svarų)(?<!pinigų)(?<!litų))(?:\S+ ){{0,4}}(?:pinig|kainav|kainuo|sumokėj|sumokės|mokėj|moka\b|uždirb|investav|investuo"
                       r"|investic|išleid|išleis|eurų|dolerių|svarų|pavog|gavo|gaus|skyrė|skiria|skirs|paaukoj|pritrauk"
                       r"|prarad|praranda|kompensacij)|\bkokia (?:kaina|suma|vertė)\b|\buž kiek\b"
                       r"|\bkokia (?:\w+ ){0,3}žala\b|\bkokie (?:\w+ ){0,3}nuostoliai\b|\bkiek (?:\w+ ){0,3}žalos\b"
                       rf"|\b(?:kokio dydžio|koks|kokia|kokį|kokią) (?:\w+ ){{0,2}}(?:{_LT_MONEY_NOUNS})"),
    (AnswerType.DURATION, r"\bkiek laiko\b|\bkaip ilgai\b|\bkiek (?:metų|mėnesių|dienų|valandų|savaičių|minučių)\b"),
    (AnswerType.TIME, r"\bkelintą valandą\b|\bkuriuo metu\b|\bkokiu laiku\b"),
    (AnswerType.DATE, r"\bkada\b|\bkuriais metais\b|\bkelintais metais\b|\bkur[iį]ą? (?:mėnesį|dieną|savaitę)\b|\bnuo kada\b"
                      r"|\bkokią (?:dieną|datą|savaitę|mėnesį)\b|\bkurio mėnesio\b|\bkokia (?:buvo |yra )?data\b|\biki kada\b"),
    (AnswerType.QUANTITY, rf"\bkiek\b|{_LT_HOW_MANY_OPENING}|\bkelint|\bkokiu rezultatu\b|\bkoks (?:buvo |yra )?(?:\w+ )?rezultatas\b"
                          r"|\bkokio (?:dydžio|ilgio|aukščio|svorio|gylio|pločio|greičio)\b"
                          rf"|\b(?:koks|kokia) (?:buvo |yra |bus )?(?:\w+ )?(?:{_LT_MEASURE_NOUNS})"),
    (AnswerType.REASON, r"\bkodėl\b|\bdėl ko\b|\bdėl kokios priežasties\b|\bkas (?:lėmė|sukėlė|nulėmė)\b"),
    (AnswerType.PERSON, r"^kieno\b|\b(?:kuris|kuri|koks|kokia|kurį|kurią|kurio|kurios|kuriam|kuriai) (?:\w+ ){0,3}"
                        rf"(?:{_LT_PERSON_NOUNS})|^kas (?:\w+ )?(?:{_LT_PERSON_VERBS})\b"
                        # "ką" is whom only before a verb that takes a person ("Ką Gary Holtas pakeitė?")
                        rf"|^ką (?:\S+ ){{0,3}}(?:{_LT_PERSON_OBJECT_VERBS})\b"
                        rf"|^su kuo (?:\S+ ){{0,3}}(?:{_LT_WITH_PERSON_VERBS})\b"),
    (AnswerType.ORGANISATION, r"\b(?:kokia|kuri|koks|kuris|kokios|kurios|kokią|kurią|kokį|kurį|kurio|kurios) (?:\w+ ){0,3}"
                              rf"(?:{_LT_ORG_NOUNS})"),
    (AnswerType.PLACE, r"\bkur\b|\biš kur\b|\b(?:kokioje|kurioje|kuriame|kokiame|kokia|kuri|kokį|kurį|kokią|kurią|į kokią"
                       rf"|į kurią|į kokį|į kurį) (?:\w+ )?(?:{_LT_PLACE_NOUNS})"),
    (AnswerType.NAME, r"\bkaip (?:vadin|pavadint)|\b(?:koks|kokia|kuris|kuri) (?:buvo |yra )?(?:\w+ )?(?:pavadinim|vard\w*\b"
                      r"|titul|uragan|audr|film|album|dain|knyg|įstatym|sutart|projekt|baltym|lig|virus|vakcin)"),
    (AnswerType.YES_NO, r"^ar\b"),
    # German, Spanish, Russian question words
    (AnswerType.AGE, r"\bwie alt\b|\bqué edad\b|\bcuántos años tiene\b|\bсколько (?:ему |ей )?лет\b"),
    (AnswerType.MONEY, r"\bwie viel (?:geld|kostet|kostete|bezahlt)|\bcuánto (?:dinero|cuesta|costó|pagó)"
                       r"|\bсколько (?:денег|стоит|стоил)"),
    (AnswerType.QUANTITY, r"\bwie viele?\b|\bcu[aá]nt[oa]s?\b|\bсколько\b|\bcombien\b|多少|几"),
    (AnswerType.DATE, r"\bwann\b|\bin welchem jahr\b|\bcu[aá]ndo\b|\bв каком году\b|\bкогда\b|\bquand\b"),
    (AnswerType.PERSON, r"^(?:wer|quién|quien|кто|qui)\b"),
    (AnswerType.PLACE, r"^(?:wo|dónde|donde|где|où)\b"),
    (AnswerType.REASON, r"\b(?:warum|por qué|почему|pourquoi)\b"),
]
_COMPILED = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _RULES]

# "būti" (be) as `facts.plain` writes it; not "bus" (will be), which is an English word
LITHUANIAN_BE = frozenset({"yra", "buvo", "buves", "buvusi"})
QUESTION_WORDS = LITHUANIAN_BE | frozenset({
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "many", "much", "did", "does", "do", "is",
    "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should", "kiek", "kas", "kada",
    "kur", "kodel", "kaip", "ar", "and", "ir",
    # Lithuanian question words in every case, as `facts.plain` writes them ("Kokio dydžio užstatas…" is no name)
    "koks", "kokio", "kokiam", "koki", "kokiu", "kokiame", "kokie", "kokiems", "kokius", "kokiais", "kokiuose",
    "kokia", "kokios", "kokiai", "kokioje", "kokioms", "kokias", "kokiomis", "kokiose",
    "kuris", "kurio", "kuriam", "kuri", "kuriuo", "kuriame", "kurie", "kuriu", "kuriems", "kuriuos", "kuriais",
    "kuriuose", "kurios", "kuriai", "kuria", "kurioje", "kurioms", "kurias", "kuriomis", "kuriose",
    "ko", "kam", "ka", "kuo", "kame", "kieno", "keli", "kelios", "keliu", "kelis", "kelias", "keliems", "keliais",
    "keliuose", "kelioms", "keliomis", "keliose", "kelintas", "kelinta",
    "kelinti", "kelintais", "kelintame", "kelintoje",
})
# words after "how many" that end the counted thing ("how many troops were sent" -> "troops")
_FOCUS_END = frozenset({
    "did", "do", "does", "were", "was", "are", "is", "have", "has", "had", "will", "would", "can", "could", "should",
    "in", "on", "at", "for", "from", "by", "per", "to", "with", "during", "since", "after", "before", "this", "that",
    "yra", "buvo", "bus", "turi", "turejo", "i", "is", "nuo", "iki", "su",
})
TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*\.?")


@dataclass(frozen=True)
class Question:
    """The parts of a question the reader compares with candidate sentences."""

    text: str
    lang: str
    answer_type: AnswerType
    focus: str  # the counted or measured thing ("troops"), or "" when the question counts nothing
    names: tuple[str, ...]  # names as written ("Gary Holt", "Livingston")
    numbers: tuple[frozenset[float], ...]  # the values of numbers it mentions (2018, 40 miles)
    words: tuple[str, ...]  # content words, names included ("bells", "carillon", "Martin")
    ordinals: tuple[int, ...] = ()  # "first quarter" -> (1,)
    predicate: str = ""  # the question without its names: what is asked about them ("How many viewers did have for the hearing?")

    @property
    def numeric(self) -> bool:
        """Whether the answer is a number (a count, sum, share, duration or age)."""
        return self.answer_type in NUMERIC_TYPES

    @property
    def asks_year(self) -> bool:
        """Whether a date question asks for a year ("In what year…", "Since what year…", "Kuriais metais…"):
        then a weekday or a month does not answer it."""
        return self.answer_type is AnswerType.DATE and bool(_ASKS_YEAR.search(self.text))

    @property
    def asks_month(self) -> bool:
        """Whether a date question asks for a month ("In which month…", "Kurį mėnesį…"): then a year alone
        does not answer it ("treaties were signed in 1986" for "In which month was the treaty signed?")."""
        return self.answer_type is AnswerType.DATE and bool(_ASKS_MONTH.search(self.text))

    @property
    def asked_kind(self) -> str:
        """What kind of named thing a which-question asks for, as its own word ("Which protein…" ->
        "protein", "Kuris laikraštis…" -> "laikraštis"), or "": the answer is a name written beside that
        word ("baltymus, būdingus HER2")."""
        if self.answer_type not in (AnswerType.NAME, AnswerType.ORGANISATION):
            return ""
        match = _ASKED_KIND.match(self.text)
        if not match or facts.plain(match.group(1)) in QUESTION_WORDS:
            return ""
        return match.group(1)

    @property
    def asks_since(self) -> bool:
        """Whether a date question asks since when something holds ("Since what year…", "Nuo kada…"):
        then only a date the sentence gives as a starting point answers ("nuo 1994 m."), not one
        it mentions otherwise ("nuo tada, kai 2017 m. …")."""
        return self.answer_type is AnswerType.DATE and bool(_ASKS_SINCE.search(self.text))

    @property
    def measure(self) -> str:
        """What a measuring question measures -- "length" ("How far…", "Kokio aukščio…"), "weight",
        "temperature" or "speed" -- or "": then only a figure in a unit of it answers."""
        if self.answer_type is not AnswerType.QUANTITY:
            return ""
        for measure, pattern in _MEASURES.items():
            if pattern.search(self.text):
                return measure
        return ""

    @property
    def asks_day(self) -> bool:
        """Whether a date question asks for the day ("On what date…", "Kurią dieną…"): then "next month"
        or a year does not answer it."""
        return self.answer_type is AnswerType.DATE and bool(_ASKS_DAY.search(self.text))

    @property
    def place_kind(self) -> str:
        """The kind of place a place question asks for -- "country" ("Which neighbouring country…", "Kuri
        šalis…") or "city" -- or "": then of several places in a sentence, one of that kind answers."""
        if self.answer_type is not AnswerType.PLACE:
            return ""
        return next((kind for kind, pattern in _PLACE_KINDS.items() if pattern.search(self.text)), "")

    @property
    def counts_things(self) -> bool:
        """Whether it asks how many of something there are ("How many people died?"): then a sum of money
        or a percentage fits it only loosely."""
        return self.answer_type is AnswerType.QUANTITY and bool(_COUNTS_THINGS.search(self.text))


    @property
    def asks_score(self) -> bool:
        """Whether it asks for a match's score ("What was the score at half-time?", "Kokiu rezultatu…"):
        then only a score ("17:5") answers it, not the number of tries or goals."""
        return self.answer_type is AnswerType.QUANTITY and bool(_ASKS_SCORE.search(self.text))

    @property
    def ordinal_unit(self) -> str:
        """The unit an ordinal question asks about ("In which minute did Aguero score?" -> "minute"), or "":
        then only a number standing next to that unit answers it ("65-ąją minutę"), not the final 2:0."""
        if self.answer_type is not AnswerType.QUANTITY:
            return ""
        match = _ORDINAL_UNIT.search(self.text)
        return next((g for g in match.groups() if g), "").casefold() if match else ""


_ASKS_SCORE = re.compile(r"\bwhat (?:was|is|were) the (?:\w+ |half-time |full-time )?score\b|\bscore at (?:half|full)[- ]?time\b"
                         r"|\bfinal score\b|\bkoks (?:buvo |yra )?(?:\w+ )?rezultatas\b|\bkokiu rezultatu\b"
                         r"|\bwie (?:stand|steht|endete) es\b|\bqué marcador\b|\bс каким сч[её]том\b|\bкакой (?:был )?сч[её]т\b",
                         re.IGNORECASE)
_ORDINAL_UNIT = re.compile(r"\b(?:in|at|during|on) (?:which|what) (minute|round|lap|inning|innings|quarter|over|hole|stage|leg"
                           r"|kilometre|kilometer|mile)\b|\b(?:kelint[ąa]|kuri[ąa]) (minutę|minute|ratą|etapą|kėlinį)",
                           re.IGNORECASE)
_LT_HOW_MANY_ASKED = re.compile(_LT_HOW_MANY_OPENING, re.IGNORECASE)
_COUNTS_THINGS = re.compile(rf"\bhow many\b|\bkiek\b|{_LT_HOW_MANY_OPENING}|\bwie viele\b|\bcuánt[oa]s\b|\bсколько\b", re.IGNORECASE)
_MEASURES = {
    "length": re.compile(r"\bhow (?:far|tall|deep|wide)\b"
                         r"|\b(?:what|which) (?:is |was |were |are |will be )?(?:the )?(?:\w+ )?(?:distance|height|length|depth|width)\b"
                         r"|\bkokio (?:aukščio|ilgio|gylio|pločio)\b|\bkoks (?:buvo |yra |bus )?(?:\w+ )?(?:atstumas|aukštis|ilgis|gylis|plotis)\b"
                         r"|\bwie (?:weit|tief|breit)\b", re.IGNORECASE),
    "weight": re.compile(r"\bhow heavy\b|\bhow much did (?:\w+ ){1,4}weigh\b|\bkiek (?:\w+ )?(?:svėrė|sveria|svers)\b"
                         r"|\b(?:what|which) (?:is |was |were |are )?(?:the )?(?:\w+ )?weight\b|\bkokio svorio\b"
                         r"|\bkoks (?:buvo |yra )?(?:\w+ )?svoris\b|\bwie schwer\b", re.IGNORECASE),
    "temperature": re.compile(r"\btemperature\b|\btemperatūr|\btemperatur\b|\bhow (?:hot|cold|warm)\b|\bwie (?:heiß|kalt|warm)\b",
                              re.IGNORECASE),
    "speed": re.compile(r"\bhow fast\b|\b(?:what|which) (?:is |was |were |are )?(?:the )?(?:\w+ )?speed\b"
                        r"|\bkokiu greičiu\b|\bkoks (?:buvo |yra )?(?:\w+ )?greitis\b|\bwie schnell\b", re.IGNORECASE),
}
_ASKS_DAY = re.compile(r"\b(?:what|which) (?:date|day)\b|\bkuri[ąa] dien[ąa]\b|\bkokią datą\b|\bkokia (?:buvo |yra |bus )?data\b"
                       r"|\ban welchem tag\b|\bwelches datum\b|\bqué (?:día|fecha)\b|\bкакого числа\b|\bв какой день\b",
                       re.IGNORECASE)
_PLACE_KINDS = {
    "country": re.compile(r"\b(?:which|what) (?:\w+ ){0,2}(?:country|countries|nation)\b"
                          r"|\b(?:kuri|kokia|kurioje|kokioje|kurią|kokią|kurios|kokios|kuriai|kokiai|kurias|kokias) (?:\w+ )?šal"
                          r"|\bwelche[mnrs]? (?:\w+ )?(?:Land|Länder|Landes|Staat)\b|\bqué país\b|\bкак(?:ая|ой|ие) стран",
                          re.IGNORECASE),
    "city": re.compile(r"\b(?:which|what) (?:\w+ ){0,2}(?:city|cities|town)\b"
                       r"|\b(?:kuri|kokia|kuriame|kokiame|kurį|kokį|kurio|kokio) (?:\w+ )?miest"
                       r"|\bwelche[mnrs]? (?:\w+ )?Stadt\b|\bqué ciudad\b|\bкак(?:ой|ом) город",
                       re.IGNORECASE),
}
_ASKS_SINCE = re.compile(r"^\W*(?:since|ever since) (?:when|what|which)\b|\bnuo kada\b|\bnuo kuri[ųo] (?:met|mėnes|dien)"
                         r"|\bseit wann\b|\bseit welche[mr]\b|\bdesde (?:cuándo|qué)\b|\bс какого\b|\bс каких пор\b",
                         re.IGNORECASE)
# "Which protein …", "Kuris laikraštis …", "Kokią agentūrą …": the word after the question word
_ASKED_KIND = re.compile(r"\s*(?:which|what|kuri[sąoe]?|kurį|koki[ąa]?|kok[sį])\s+([^\W\d_]{3,})\b", re.IGNORECASE)
_ASKS_MONTH = re.compile(r"\b(?:what|which) month\b|\bkurį mėnesį\b|\bkuriame mėnesyje\b|\bkokį mėnesį\b"
                         r"|\bin welchem monat\b|\ben qué mes\b|\bв каком месяце\b|哪个月|几月", re.IGNORECASE)
_ASKS_YEAR = re.compile(r"\b(?:what|which) year\b|\bkuriais metais\b|\bkelintais metais\b|\bnuo kuri[ųe] met"
                        r"|\bin welchem jahr\b|\bseit welchem jahr\b|\ben qué año\b|\bdesde qué año\b|\bв каком году\b"
                        r"|\bс какого года\b", re.IGNORECASE)


# a figure in an imperial unit as the metric one a translation gives, and back: "40 miles" is "64 km"
_CONVERSIONS = [
    (re.compile(r"^(?:miles?|mi)$", re.I), 1.609344), (re.compile(r"^(?:km|kilomet\w*)$", re.I), 1 / 1.609344),
    (re.compile(r"^(?:feet|foot|ft)$", re.I), 0.3048), (re.compile(r"^(?:m|metr\w*|meters?|metres?)$", re.I), 1 / 0.3048),
    (re.compile(r"^(?:pounds?|lbs?)$", re.I), 0.45359237), (re.compile(r"^(?:kg|kilogram\w*)$", re.I), 1 / 0.45359237),
    (re.compile(r"^(?:inch|inches|in)$", re.I), 2.54),
]


def converted(values: set[float], unit: str) -> set[float]:
    """The values a figure in `unit` has in the other system, rounded as a writer would (to a whole number
    and to one decimal): 40 miles -> 64 and 64.4 (km). Empty for other units."""
    factor = next((f for pattern, f in _CONVERSIONS if pattern.match(unit)), None)
    if factor is None:
        return set()
    return {r for v in values for r in (float(round(v * factor)), round(v * factor, 1))}


_LEADING_CONJUNCTION = re.compile(r"^(?:and|but|so|also|then|ir|o|bet|tai|und|aber|y|pero|и|а|но)\s+", re.IGNORECASE)


def answer_type(question: str) -> AnswerType:
    """The kind of answer a question asks for ("and did Moscow confirm it?" asks yes or no)."""
    text = _LEADING_CONJUNCTION.sub("", " ".join(question.strip().split()))
    for kind, pattern in _COMPILED:
        if pattern.search(text):
            return kind
    return AnswerType.OTHER


_MEASURED = re.compile(r"\b(?:what|which) (?:is |was |were |are |will be |could be )?(?:the )?(minute|score|temperature|distance"
                       r"|height|weight|size|speed|length|depth|population|margin|price|cost|rate|share|percentage)\b"
                       r"|\bhow (heavy|tall|high|far|fast|deep|wide|big|large|old|long)\b", re.IGNORECASE)
_MEASURE_NOUNS = {"heavy": "weight", "tall": "height", "high": "height", "far": "distance", "fast": "speed",
                  "deep": "depth", "wide": "width", "big": "size", "large": "size", "old": "age", "long": "time"}


def counted_thing(question: str) -> str:
    """What a how-many/how-much question counts ("troops"), or what a what/how question measures
    ("minute", "weight"): the words the answer's number should stand next to."""
    tokens = [t.rstrip(".") for t in TOKEN.findall(question)]
    lowered = [facts.plain(t) for t in tokens]
    measured = _MEASURED.search(question)
    if measured:
        word = (measured.group(1) or measured.group(2)).casefold()
        return _MEASURE_NOUNS.get(word, word)
    opening = _LT_HOW_MANY_ASKED.match(question)
    if opening:  # "keli" agrees with what it counts: the next word
        return next((word.rstrip(".") for word in TOKEN.findall(question[opening.end():])
                     if facts.plain(word.rstrip(".")) not in QUESTION_WORDS), "")
    for i, token in enumerate(lowered):
        if (token in ("many", "much") and i and lowered[i - 1] == "how") or token == "kiek":
            picked = []
            for word, low in zip(tokens[i + 1:], lowered[i + 1:]):
                if low in _FOCUS_END or (picked and low in QUESTION_WORDS):
                    break
                if token == "kiek" and not word.casefold().endswith("ų") and not word.isupper():
                    if word[:1].isupper():
                        continue  # a name in the genitive before the counted thing: "Kiek Šiaurės Korėjos karių"
                    break  # the counted thing is a genitive plural ("kiek naujų atvejų"); a verb ends it
                picked.append(word)
            return " ".join(picked[:4])
    return ""


# German articles and determiners (and preposition-article contractions): the capitalised word after one is a noun
_GERMAN_DETERMINERS = frozenset({
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "kein", "keine",
    "keinen", "keinem", "keiner", "im", "am", "zum", "zur", "vom", "beim", "ins", "ans", "dieser", "diese", "dieses",
    "diesen", "diesem", "welcher", "welche", "welches", "welchen", "welchem", "sein", "seine", "seinen", "seinem",
    "seiner", "ihr", "ihre", "ihren", "ihrem", "ihrer", "viele", "vielen", "wie",
})


def _german_noun(word: str, previous: str) -> bool:
    """German writes every noun capitalised: a word after an article ("der Vertrag") or one the dictionary
    reads as an inflected form of another ("Truppen" -> "Truppe") is a noun, not a name. A genitive "-s"
    ("Putins") may be a name's."""
    if previous in _GERMAN_DETERMINERS:
        return True
    from rag.text.lemmas import lemmatize

    try:
        lemma = lemmatize(word, "de")
    except ValueError:
        return False
    return lemma != word and not word.endswith("s")


_PREFIXED_NAME = re.compile(r"^[^\W\d_A-Z]+-(?=[A-Z])")


def question_names(question: str, lang: str = "en") -> list[str]:
    """Runs of capitalised words (and acronyms, "DEC" and "WHO" too), without a leading question word: 'Gary Holt',
    'Livingston'.
    A possessive ends a run: "Holly Willoughby's Marks & Spencer deal" names two; a prefixed name
    counts without its prefix ("pro-Trump" names Trump)."""
    names: list[str] = []
    run: list[str] = []
    stop = facts.stopwords(lang) | facts.stopwords("en")
    shouted = not any(ch.islower() for ch in question)  # a question in capitals has no acronyms to tell apart
    previous = ""
    for position, token in enumerate(TOKEN.findall(question)):
        word = re.sub(r"['’]s$", "", token).rstrip(".")
        word = _PREFIXED_NAME.sub("", word)  # "pro-Trump", "anti-NATO": the name after the prefix
        key = facts.plain(word)
        capital = (word[:1].isupper() and key not in QUESTION_WORDS and not (position == 0 and key in stop)
                   and not facts.calendar_facts(word, "en") and not facts.calendar_facts(word, lang)
                   and not (lang == "de" and _german_noun(word, previous)))
        # an acronym is a name even where it spells a common word, month or question word: "DEC", "WHO"
        capital = capital or (not shouted and facts.is_acronym(word))
        previous = key
        if capital:
            run.append(word)
            if word != token.rstrip("."):  # a possessive (or a prefix) ends the name: "Holly Willoughby's Marks…"
                names.append(" ".join(run))
                run = []
            continue
        if run:
            names.append(" ".join(run))
            run = []
    if run:
        names.append(" ".join(run))
    return names


def analyse(question: str, lang: str = "en", context: str = "") -> Question:
    """Parse a question into its answer type, counted thing, names, numbers and content words.

    `context` is the question a follow-up leans on: its names and words join the follow-up's,
    the answer type stays the follow-up's own."""
    if context:
        own, before = analyse(question, lang), analyse(context, lang)
        return Question(
            text=f"{before.text} {own.text}", lang=lang, answer_type=own.answer_type, focus=own.focus,
            names=tuple(dict.fromkeys(own.names + before.names)), numbers=own.numbers + before.numbers,
            words=tuple(dict.fromkeys(own.words + before.words)), ordinals=own.ordinals or before.ordinals,
            predicate=f"{before.predicate} {own.predicate}")
    text = " ".join(question.split())
    stop = facts.function_words(lang) | facts.function_words("en")
    plain_words = [facts.plain(w) for w in facts.WORD.findall(text)]
    words = [w for w, key in zip(facts.WORD.findall(text), plain_words)
             if len(key) > 2 and key not in stop and key not in QUESTION_WORDS]
    names = question_names(text, lang)
    predicate = text
    for name in names:
        for word in name.split():
            predicate = re.sub(rf"\b{re.escape(word)}(?:['’]s)?(?!\w)", "", predicate)
    return Question(
        text=text, lang=lang, answer_type=answer_type(text), focus=counted_thing(text), names=tuple(names),
        numbers=tuple(frozenset(values | converted(values, unit)) for _written, values, unit in facts.numbers_with_units(text)),
        words=tuple(words), ordinals=tuple(EN_ORDINALS[w] for w in plain_words if w in EN_ORDINALS),
        predicate=" ".join(predicate.split()),
    )
