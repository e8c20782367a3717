"""Word lists for :mod:`compare.actors` (private).

Hand-made lists of honorifics, titles and roles, organisation head words, nationality adjectives,
and a small gazetteer of countries, regions and major cities. All lower-case.
"""

from __future__ import annotations

__all__ = [
    "CONNECTORS",
    "CREDIT_WORDS",
    "DEMONYMS",
    "EXTRA_OUTLETS",
    "FIRST_NAME_VARIANTS",
    "FUNCTION_WORDS",
    "GROUP_WORDS",
    "HONORIFICS",
    "KNOWN_ORGS",
    "LOCATIONS",
    "MEDIA_HEADS",
    "NOT_NAMES",
    "ORG_HEADS",
    "ORG_SUFFIX_LOWER",
    "PLACE_HEADS",
    "PLACE_PREFIXES",
    "PUBLISH_VERBS",
    "ROLE_WORDS",
    "SPEECH_VERBS",
    "THING_HEADS",
]


def _words(s: str) -> frozenset[str]:
    return frozenset(w.replace("_", " ") for w in s.split())


#: Honorifics that precede a person's name (without the dot).
HONORIFICS = _words(
    """
    mr mrs ms miss mx dr prof sen sens rep reps gov gen lt col maj capt cmdr adm sgt cpl pvt rev fr hon
    pres sir dame lord lady messrs mme mlle atty supt insp det
    """
)

#: Words of a title or role that may precede a name ("Deputy Defense Minister", "envoy").
ROLE_WORDS = _words(
    """
    president presidents vice prime minister ministers deputy secretary secretaries chancellor king queen
    prince princess pope senator senators representative congressman congresswoman congressmember
    governor mayor general colonel admiral chief chiefs justice judge director ambassador envoy
    spokesman spokeswoman spokesperson chairman chairwoman chair chairperson leader leaders speaker
    attorney commissioner commander lieutenant sergeant officer agent former acting interim special
    counsel adviser advisor advisers advisors press sheriff detective professor doctor reverend
    bishop cardinal archbishop rabbi imam sheikh emir crown supreme first lady lord majority minority
    whip defense defence foreign interior finance foreign_affairs state national security homeland
    economy economic trade health education justice energy treasury culture labor labour transport
    transportation agriculture environment commerce intelligence military army navy air force
    aide aides official officials diplomat diplomats negotiator envoy minister premier dictator
    strongman ruler monarch founder ceo cfo coo executive executives head boss owner anchor host
    correspondent reporter editor columnist analyst economist spokesperson candidate nominee
    frontrunner challenger incumbent lawmaker lawmakers legislator rep. sen. gov. dr. mr. mrs. ms.
    assistant associate senior junior top lead chief-of-staff staff campaign manager strategist
    coach captain star actor actress singer rapper billionaire businessman businesswoman tycoon
    activist lawyer attorney-general attorney general solicitor prosecutor prosecutors
    investigator inspector superintendent constable commissioner marshal
    vice-president then-president then-candidate ex-president late self-described
    house senate white u.s. us usa uk un eu
    affairs vp blogger marine ousted incoming outgoing jailed imprisoned detained freed exiled opposition
    dissident journalist politician widow presidential prominent embattled veteran famed renowned slain
    murdered deceased released elect president-elect
    """
)

#: Head words of organisation names ("Defense Ministry", "Wall Street Journal").
ORG_HEADS = _words(
    """
    ministry department agency party council committee commission congress senate house administration
    kremlin pentagon court courts bank university college institute foundation association union
    organization organisation service office army navy forces force guard guards police times journal
    post news network networks group corp corporation inc ltd llc co company companies club parliament
    assembly duma church fund bureau reserve government cabinet embassy coalition alliance federation
    airlines motors industries holdings board authority tribunal caucus league front movement
    brigade battalion regiment command corps ministries secretariat unit units center centre
    institution school academy hospital press agency reuters network channel tv radio magazine
    gazette herald tribune telegraph guardian review daily weekly express mirror chronicle
    """
)

#: Lower-case nouns after a name that make an organisation: "the Trump administration".
ORG_SUFFIX_LOWER = _words("administration government campaign team regime cabinet camp family foundation")

#: Well-known organisations and institutions (lower case, as written).
KNOWN_ORGS = _words(
    """
    kremlin pentagon nato un eu fbi cia nsa kgb fsb gru mi6 mi5 nasa who imf opec wto oecd g7 g20 brics
    congress senate parliament duma knesset bundestag hamas hezbollah taliban isis isil al-qaeda
    gop dnc rnc aclu epa fda cdc irs ice dhs doj dod sec fcc ftc ntsb faa atf dea ap afp reuters
    bbc cnn nbc abc cbs msnbc npr pbs fox politico axios bloomberg twitter facebook google apple
    amazon microsoft meta tesla spacex openai nytimes white_house supreme_court european_union
    united_nations european_commission state_department justice_department defense_department
    security_council tass ria interfax rt sputnik zelensky_administration
    red_cross red_crescent icrc shin_bet mossad idf unrwa unicef unhcr fatah plo islamic_jihad
    houthis wagner hayat_tahrir_al-sham hts sdf isw amnesty_international human_rights_watch
    """
)

#: Nationality and regional adjectives (used in titles; plural forms are groups).
DEMONYMS = _words(
    """
    american americans russian russians ukrainian ukrainians british french german germans chinese
    japanese korean koreans north_korean south_korean iranian iranians iraqi iraqis syrian syrians
    israeli israelis palestinian palestinians turkish turk turks saudi saudis egyptian egyptians
    indian indians pakistani pakistanis afghan afghans mexican mexicans canadian canadians
    brazilian brazilians italian italians spanish polish poles dutch swedish swedes norwegian
    finnish danish belgian swiss austrian hungarian hungarians czech greek greeks irish scottish
    welsh english european europeans african africans asian asians arab arabs latin belarusian
    belarusians georgian chechen kurdish kurds qatari emirati lebanese jordanian yemeni libyan
    venezuelan venezuelans cuban cubans colombian argentine chilean peruvian australian
    australians taiwanese vietnamese thai filipino indonesian nigerian kenyan ethiopian
    south_african western eastern northern southern soviet federal u.s. us democratic republican
    conservative liberal nato-led allied foreign international national
    """
)

#: Plural nouns naming a group when capitalised.
GROUP_WORDS = _words(
    """
    democrats republicans conservatives liberals tories labourites socialists communists
    russians ukrainians americans europeans israelis palestinians iranians chinese germans
    muslims christians jews catholics protestants evangelicals sunnis shiites kurds arabs
    """
) | frozenset(w for w in DEMONYMS if w.endswith("s") and w not in {"us", "u.s."})

#: Countries, regions, states and major cities (lower case).
LOCATIONS = _words(
    """
    afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
    bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil
    brunei bulgaria burkina_faso burundi cambodia cameroon canada chad chile china colombia comoros
    congo costa_rica croatia cuba cyprus czechia czech_republic denmark djibouti dominica
    dominican_republic ecuador egypt el_salvador eritrea estonia eswatini ethiopia fiji finland
    france gabon gambia georgia germany ghana greece grenada guatemala guinea guyana haiti honduras
    hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan
    kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein
    lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico
    micronesia moldova monaco mongolia montenegro morocco mozambique myanmar burma namibia nauru nepal
    netherlands holland new_zealand nicaragua niger nigeria north_korea north_macedonia macedonia
    norway oman pakistan palau palestine panama papua_new_guinea paraguay peru philippines poland
    portugal qatar romania russia rwanda samoa san_marino saudi_arabia senegal serbia seychelles
    sierra_leone singapore slovakia slovenia somalia south_africa south_korea south_sudan spain
    sri_lanka sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga
    trinidad tunisia turkey türkiye turkmenistan tuvalu uganda ukraine united_arab_emirates uae
    united_kingdom uk britain great_britain england scotland wales northern_ireland united_states
    america usa u.s. u.s.a. uruguay uzbekistan vanuatu vatican venezuela vietnam yemen zambia zimbabwe
    gaza west_bank crimea donbas donbass donetsk luhansk kherson zaporizhzhia kharkiv mariupol
    bakhmut odesa odessa kyiv kiev lviv dnipro sevastopol chechnya siberia
    europe asia africa antarctica oceania north_america south_america latin_america middle_east
    east_asia southeast_asia central_asia eastern_europe western_europe balkans baltics caucasus
    caribbean scandinavia arctic pacific atlantic mediterranean black_sea persian_gulf gulf
    korean_peninsula
    alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho
    illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
    mississippi missouri montana nebraska nevada new_hampshire new_jersey new_mexico new_york
    north_carolina north_dakota ohio oklahoma oregon pennsylvania rhode_island south_carolina
    south_dakota tennessee texas utah vermont virginia west_virginia wisconsin wyoming
    washington d.c. dc
    moscow istanbul ankara london paris berlin beijing tokyo seoul pyongyang tehran baghdad damascus
    jerusalem tel_aviv cairo riyadh doha dubai abu_dhabi beirut amman kabul islamabad new_delhi delhi
    mumbai brussels geneva vienna rome madrid lisbon warsaw prague budapest bucharest sofia athens
    stockholm oslo copenhagen helsinki tallinn riga vilnius minsk tbilisi yerevan baku astana
    bangkok hanoi manila jakarta singapore sydney melbourne canberra ottawa toronto montreal
    vancouver mexico_city havana caracas bogota lima santiago buenos_aires brasilia rio
    sao_paulo johannesburg nairobi lagos addis_ababa khartoum tripoli tunis algiers rabat
    hong_kong shanghai taipei saint_petersburg st._petersburg st_petersburg sochi minsk chisinau
    new_york_city los_angeles chicago houston phoenix philadelphia san_antonio san_diego dallas
    san_francisco boston seattle miami atlanta detroit denver las_vegas baltimore nashville
    austin portland cleveland pittsburgh orlando tampa palm_beach west_palm_beach mar-a-lago
    singapore sentosa hanoi panmunjom davos munich frankfurt hamburg milan naples
    manchester birmingham liverpool glasgow edinburgh dublin belfast jeddah mecca
    """
)

#: Verbs of saying (a capitalised word before one is likely a person or organisation).
SPEECH_VERBS = _words(
    """
    said says say told tells added added argued asked claimed declared denied explained insisted
    noted replied reported stated tweeted wrote warned urged announced acknowledged admitted
    """
)

#: Capitalised words that are never (part of) an actor name.
NOT_NAMES = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    i i'm i've i'd i'll ok okay am pm a.m. p.m. god christmas easter ramadan thanksgiving
    internet web covid covid-19 coronavirus english gmt utc est edt pst bst cet msk
    """
)

#: Function words and common sentence openers (lower case): not names at a sentence start.
FUNCTION_WORDS = _words(
    """
    a an the this that these those there here it its it's he she they we you i me him her them us
    his hers their theirs our ours your my mine who whom whose which what when where why how
    and or but nor so yet for of in on at by to from with without within into onto over under
    about above below after before during since until while as if though although because unless
    whether than then also still even just only not no yes all any both each every few many more
    most much none some such other another own same again already always never ever often once
    now today yesterday tomorrow tonight later earlier soon meanwhile instead indeed however
    moreover furthermore therefore thus hence besides otherwise perhaps maybe likely rather
    quite very too is are was were be been being has have had do does did will would shall should
    can could may might must let lets let's according despite amid among amongst between beyond
    through throughout toward towards upon via per like unlike near nearly around across along
    against behind beside inside outside up down off out away back well first second third last
    next new old one two three four five six seven eight nine ten hundreds thousands millions
    several neither either nobody everyone everybody someone somebody anyone anybody nothing
    something everything anything while whereas whatever whoever whichever wherever however
    asked says said read see watch click follow sign subscribe related more advertisement
    photo image video editor's note update updated breaking exclusive opinion analysis
    published posted regarding
    """
)

#: Lower-case connectors allowed inside a capitalised name ("Secretary of State", "bin Salman").
CONNECTORS = _words("of for de del della di da van von der den la le al el bin ibn du dos das y")

#: Last words of place names ("Friendship Park", "Downing Street").
PLACE_HEADS = _words(
    """
    park street avenue square lawn zone peninsula river mountain mountains island islands bay sea
    ocean valley airport tower bridge road lake county province region strait canal beach coast
    highway boulevard plaza harbor harbour desert forest port city town village district state
    strip bank heights corridor crossing camp oblast governorate province kibbutz
    """
)

#: Words that begin a place name ("Kibbutz Kfar Aza", "Mount Hermon", "Lake Ladoga").
PLACE_PREFIXES = _words(
    """
    kibbutz moshav mount lake cape
    """
)

#: Last words of names that are not actors: laws, treaties, events, works.
THING_HEADS = _words(
    """
    agreement treaty act accord accords partnership war wars olympics games summit tests test deal
    plan initiative program programme protocol convention conference cup award awards prize day
    law bill amendment doctrine declaration festival championship series tour
    """
)


#: Last words of publication names: a name ending in one is an outlet, never an actor
#: ("The Northern Ledger", "Kyiv Independent" is not listed: "independent" is an adjective).
MEDIA_HEADS = _words(
    """
    times journal post news ledger gazette herald tribune telegraph guardian daily weekly express
    mirror chronicle magazine newspaper newsweek examiner observer courier dispatch bulletin
    inquirer sentinel enquirer standard monitor tv radio broadcaster newswire wire
    """
)

#: Words after an outlet's name in a credit line ("AP Photo", "Reuters Photo", "Anadolu Agency").
CREDIT_WORDS = _words("photo photos video videos agency news tv screenshot file archive opinions pool the via")

#: Outlets and platforms missing from ``compare/data/outlets.csv`` (state and regional media,
#: social platforms), written from general knowledge; folded, as :func:`outlet_key` makes them.
EXTRA_OUTLETS = frozenset(
    line.strip()
    for line in """
    al jazeera arabic
    aja
    al-watan
    al watan
    middle east eye
    mee
    sham fm
    egypt independent
    national news agency
    nna
    north press
    menafn
    belta
    ians
    ani
    sputnik news agency
    truth social
    youtube
    telegram
    tiktok
    kan
    radio kan
    kan radio
    mehr
    mehr news agency
    mna
    tasnim
    tasnim news agency
    irna
    fars
    fars news agency
    sana
    press tv
    trt
    trt world
    trt haber
    a news
    yeni safak
    pravda
    pravda.ru
    european pravda
    komsomolskaya pravda
    mediazona
    the insider
    novaya gazeta europe
    censor.net
    la informacion
    epoch times
    townhall
    daily kos
    stars and stripes
    ynet
    ynetnews
    i24news
    channel 12
    arab news
    asharq al-awsat
    al-monitor
    al monitor
    al mayadeen
    azernews
    news.az
    shafaq news
    rudaw
    kurdistan 24
    ndtv
    wion
    abp live
    theprint
    bild
    die welt
    le monde
    le figaro
    el pais
    iran international
    tehran times
    rfe
    rferl
    current time
    dozhd
    tv rain
    novaya gazeta
    ukrainska pravda
    hromadske
    espreso
    suspilne
    ria
    ria novosti
    rt
    izvestia
    kommersant
    vedomosti
    rbc
    interfax
    """.strip().splitlines()
)

#: Verbs after a publication's name ("The Northern Ledger reports"): a single name followed by
#: one of them, with "the" before it or known as an outlet, is not an actor.
PUBLISH_VERBS = _words("reports reported reporting publishes published wrote writes quoted quotes cited cites")

#: Spelling and transliteration variants of first names, one group a line (the first is the
#: group's key). Russian, Ukrainian, Belarusian and Arabic transliterations and common English
#: short forms; written from general knowledge. Two full names with the same surname are one
#: person when their first names are in one group.
FIRST_NAME_VARIANTS = tuple(
    tuple(line.split())
    for line in """
    vladimir volodymyr wladimir
    alexander aleksandr alexandr oleksandr olexandr olexander alyaksandr aleksander
    alexei alexey aleksei aleksey oleksiy oleksii olexiy
    sergei sergey serhiy serhii sergiy
    andrei andrey andriy andrii
    dmitry dmitri dmitriy dmytro
    mikhail mykhailo mikhaeil
    nikolai nikolay mykola
    yuri yury yuriy yurii iurii
    yulia julia yuliya iuliia
    pyotr petr petro
    pavel pavlo
    vasily vasili vasyl vassily
    grigory hryhoriy grigoriy
    igor ihor
    georgy georgiy heorhiy
    oleg oleh
    maxim maksim maksym
    anatoly anatoliy anatolii
    viktor victor
    yevgeny evgeny yevhen evgeniy yevgeniy
    valery valeriy valerii
    vitaly vitali vitaliy
    kirill kyrylo
    denis denys
    ilya illia
    artem artyom artiom
    liliya lilia
    ksenia xenia kseniya
    natalia natalya nataliya
    tatiana tatyana
    olga olha
    elena yelena olena
    mohammed mohammad muhammad mohamed muhammed mohamad
    ahmed ahmad
    mahmoud mahmud
    hussein husein hussain
    abdullah abdallah
    yousef yusuf youssef
    omar umar
    steve steven stephen
    joe joseph
    mike michael
    tony antony anthony
    bill william
    bob robert
    jim james
    tom thomas
    dan daniel
    ben benjamin
    chris christopher
    """.strip().splitlines()
)
