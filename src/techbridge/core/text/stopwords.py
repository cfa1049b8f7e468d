"""Stop words per language (function words only), written for this project.

They serve two purposes: dropping words that carry no topic before indexing, and, being the most
frequent words of each language, serving as a strong profile for language identification.
"""

from __future__ import annotations

from functools import cache

_RAW: dict[str, str] = {
    "en": """a an the and or but if then else of to in on at by for with from about into over
        under than as is are was were be been being am do does did doing have has had having
        i me my mine we us our you your he him his she her it its they them their this that these
        those there here what which who whom whose when where why how not no nor so too very can
        could will would shall should may might must just also only all any both each few more most
        other some such own same s t don't can't won't isn't i'm it's that's let's up down out off
        again once further while until because through during before after above below between""",
    "zh": """的 了 是 在 和 与 及 或 我 你 他 她 它 我们 你们 他们 她们 这 那 这个 那个 有 不 也 都
        就 吗 呢 吧 啊 呀 很 会 要 着 过 把 被 给 个 一 对 从 向 以 为 之 而 于 其 该 等 所 并 但
        还 又 再 没 没有 我的 你的 他的 么 什么 这里 那里 因为 所以 如果 可以 能 让 得 地""",
    "pl": """i w we z ze na do od o u a ale lub albo czy że żeby nie tak to ten ta te tego tej tym
        jest są był była było byli być jestem jesteś się mi mnie mój moja moje ty ci cię twój on ona
        ono oni one jego jej ich go mu nam nas wam was jak co kto gdzie kiedy już jeszcze tylko bardzo
        też także przez przy po za dla bez pod nad który która które jego sobie może mam ma""",
    "cs": """a i v ve s se z ze na do od o u k ke ale nebo že aby ne to ten ta ty toho té tom je jsou
        byl byla bylo byli být jsem jsi jsme si mi mě můj moje ty tě tvůj on ona ono oni jeho její
        jejich ho mu nám nás vám vás jak co kdo kde kdy už ještě jen velmi také pro při po za bez pod
        nad který která které sobě může mám má tady""",
    "sk": """a i v vo s so z zo na do od o u k ku sa si ale alebo že aby nie to ten tá tie toho tej tom je
        sú bol bola bolo boli byť som si sme mi ma môj moja moje ty ťa tvoj on ona ono oni jeho jej
        ich ho mu nám nás vám vás ako čo kto kde kedy už ešte len veľmi tiež pre pri po za bez pod nad
        ktorý ktorá ktoré sebe môže mám má tu""",
    "hu": """a az egy és vagy de hogy nem is ez azt ezt van volt lesz vagyok vagy vagyunk én te ő mi
        ti ők engem téged őt minket nekem neked neki meg már még csak nagyon is mint ha akkor amikor
        ki mi hol mikor miért hogyan kell lehet minden sem itt ott ami aki amely való után előtt
        alatt fölött között nélkül által szerint mert""",
    "ro": """și sau dar că să nu da în pe la cu de din spre pentru prin fără sub peste despre un o
        unei unui niște este sunt era au am ai a fost fi eu tu el ea noi voi ei ele mă te îl îi ne
        vă le meu mea tău ta lui ei lor acest această acesta aceasta acel acea ce cine unde când cum
        foarte mai doar deja încă tot toate care se""",
    "bg": """и в във с със на до от за по при без под над към през а но или че да не ли се си е са
        бях беше бяха съм си сме сте аз ти той тя то ние вие те ме те го я ни ви ги ми му ѝ им мой
        моя мое твой този тази това тези онзи какво кой къде кога как защо много вече още само също
        който която което които""",
    "hr": """i u na s sa od do za o po pri bez pod nad k ka a ali ili da ne li se si je su sam smo
        ste bio bila bilo biti ja ti on ona ono mi vi oni one me te ga je nas vas ih mi ti mu joj im
        moj moja moje tvoj ovaj ova ovo taj ta to što tko gdje kada kako zašto vrlo već još samo
        također koji koja koje jer""",
    "sr": """i u na s sa od do za o po pri bez pod nad k ka a ali ili da ne li se si je su sam smo
        ste bio bila bilo biti ja ti on ona ono mi vi oni one me te ga nas vas ih mu joj im moj moja
        moje tvoj ovaj ova ovo taj ta to šta ko gde kada kako zašto vrlo već još samo takođe koji
        koja koje jer и у на са од до за по при без а али или да не ли се је су сам смо био била
        било бити ја ти он она оно ми ви они шта ко где када како који која које""",
    "bs": """i u na s sa od do za o po pri bez pod nad k ka a ali ili da ne li se si je su sam smo
        ste bio bila bilo biti ja ti on ona ono mi vi oni one me te ga nas vas ih mu joj im moj moja
        moje tvoj ovaj ova ovo taj ta to šta ko gdje kada kako zašto vrlo već još samo također koji
        koja koje jer""",
    "sl": """in v na s z od do za o po pri brez pod nad k h a ali ter da ne se si je so sem smo ste
        bil bila bilo biti jaz ti on ona ono mi vi oni one me te ga jo nas vas jih mu ji jim moj
        moja moje tvoj ta to kaj kdo kje kdaj kako zakaj zelo že še samo tudi ki kateri katera
        katero ker""",
    "el": """και ή αλλά ότι να δεν μη μην θα σε στο στη στην στον στα στους από για με χωρίς προς
        κατά μετά ο η το οι τα του της των τον την ένα μια ένας είναι ήταν είμαι είσαι είμαστε
        εγώ εσύ αυτός αυτή αυτό εμείς εσείς αυτοί μου σου του μας σας τους τι ποιος πού πότε πώς
        γιατί πολύ ήδη ακόμα μόνο επίσης που αν""",
    "et": """ja ning ka või aga et kui ei ära on oli olen oled oleme olete olid olema see need seda
        selle mina sina tema meie teie nemad ma sa ta me te nad mu su mind sind teda meid teid neid
        minu sinu tema mis kes kus millal kuidas miks väga juba veel ainult ka kõik siin seal
        mitte kuid sest""",
    "lv": """un vai bet ka lai ne nav ir bija būs esmu esi esam esat būt es tu viņš viņa mēs jūs
        viņi viņas mani tevi viņu mūs jūs man tev viņam viņai mans mana tavs šis šī tas tā kas kur
        kad kā kāpēc ļoti jau vēl tikai arī visi uz no par pie ar bez pēc pirms zem virs līdz
        caur starp""",
    "lt": """ir ar bet kad kaip ne nėra yra buvo bus esu esi esame būti aš tu jis ji mes jūs jie
        jos mane tave jį ją mus jus man tau jam jai mano tavo šis ši tas ta kas kur kada kodėl labai
        jau dar tik taip pat visi į iš per prie su be po prieš už apie tarp nuo iki""",
    "mk": """и во со на до од за по при без под над кон низ а но или дека да не ли се си е се беше
        бев сум си сме сте јас ти тој таа тоа ние вие тие ме те го ја не ве ги ми му ѝ им мој моја
        мое твој овој оваа ова овие тој што кој каде кога како зошто многу веќе уште само исто
        кој која кое кои""",
    "sq": """dhe ose por që të në nga me për pa mbi nën te tek deri një një i e së të u nuk s'
        ka kam kemi keni kanë është jam je jemi jeni janë ishte isha unë ti ai ajo ne ju ata ato më
        të e i na ju u im ime yt jot ky kjo këta këto ai ajo çfarë kush ku kur si pse shumë tashmë
        ende vetëm gjithashtu""",
    "de": """der die das den dem des ein eine einen einem einer und oder aber dass nicht kein keine
        in im an am auf aus bei mit nach von vor zu zum zur für über unter durch ohne um ist sind
        war waren sein bin bist seid habe hat haben ich du er sie es wir ihr mich dich sich mein
        dein sein ihr unser was wer wo wann wie warum sehr schon noch nur auch""",
}


@cache
def stop_words(lang: str) -> frozenset[str]:
    """The stop words of ``lang`` (ISO 639-1); an empty set for a language without a list."""
    return frozenset(_RAW.get(lang, "").split())


def all_stop_words() -> dict[str, frozenset[str]]:
    """Every language's stop words, keyed by ISO 639-1 code."""
    return {lang: stop_words(lang) for lang in _RAW}
