"""Understand a message before matching it: what it asks, about which place and years.

From normalised text and the base's scope (`knowledge/scope.yaml`) this decides the
place (Guangzhou or one of its districts, Guangdong, another place, the nation, or none
named), the intent (explain, compare, how to apply, personal advice, write something, a
number look-up, small talk, an instruction to the bot, a city service), the years asked
about, and whether the message should be declined before any entry is scored. This is the
one place that decides what is in scope; the matcher only scores what passes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from bot import text as textmod
from bot.index import PLAN_DIGITS, PLAN_NUMBER
from bot.scope import Pair, Rule, Scope
from bot.vocabulary import Refusal


class Place(StrEnum):
    GUANGZHOU = "guangzhou"
    DISTRICT = "district"
    PROVINCE = "province"
    OTHER = "other-place"
    NATIONAL = "national"
    NONE = "none"


class Intent(StrEnum):
    EXPLAIN = "explain"
    COMPARE = "compare"
    APPLY = "apply"
    ADVICE = "advice"
    WRITE = "write"
    NUMBER = "number"
    SMALL_TALK = "small-talk"
    INSTRUCTION = "instruction"
    CITY_SERVICE = "city-service"


# The rule classes of scope.yaml, in the order they are checked, and what each means.
_RULE_ORDER: tuple[tuple[str, Refusal, Intent], ...] = (
    ("greeting", Refusal.SMALL_TALK, Intent.SMALL_TALK),
    ("about-bot", Refusal.SMALL_TALK, Intent.SMALL_TALK),
    ("instruction", Refusal.INSTRUCTION, Intent.INSTRUCTION),
    ("small-talk", Refusal.SMALL_TALK, Intent.SMALL_TALK),
    ("write", Refusal.WRITE, Intent.WRITE),
    ("number", Refusal.NUMBER, Intent.NUMBER),
    ("advice", Refusal.ADVICE, Intent.ADVICE),
    ("city-service", Refusal.CITY_SERVICE, Intent.CITY_SERVICE),
    ("general", Refusal.GENERAL, Intent.EXPLAIN),
    ("technology", Refusal.GENERAL, Intent.EXPLAIN),
    # A firm's own figures, prices and dates are not in the base: said plainly, not guessed.
    ("company", Refusal.NO_MATCH, Intent.EXPLAIN),
    ("unpublished", Refusal.NO_MATCH, Intent.EXPLAIN),
)
# Rules that never decline a question naming Guangzhou or the plan: "广州的量子科技" is ours,
# "量子纠缠是什么原理" is physics.
_AWAY_FROM_HOME_RULES = frozenset({"general", "technology"})
_GAP = r"[^。！？!?\n]"
# Rules read over the whole message: an instruction hidden in the middle still counts.
_WHOLE_MESSAGE_RULES = frozenset({"greeting", "about-bot", "instruction", "small-talk"})
LONG_MESSAGE = 60  # characters: past this, a message tells a story before it asks
# A last sentence this long (in characters) asks on its own; "能省多少税？" does not.
_FULL_QUESTION = 16
# A sentence ends at its mark, or after an ellipsis ("……" is "......" once normalised).
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|(?<=\.\.\.)(?!\.)")
# 12218, 21+8 (or 3×5×3×1), or numbers in a row written apart ("12 21 8": a lottery pick).
_NUMBER = re.compile(r"(?<![0-9])(?:[0-9]{3,}|[0-9]+(?:[+×*][0-9]+)+|[0-9]+(?:\s+[0-9]+){2,})")
# The plan's numbers as an amount of something ("12218分", "21+8天", "12218元"): a quantity,
# not the plan's name.
_QUANTITY = re.compile(
    r"(?<![0-9+])(?:[0-9]{4,}|[0-9]+(?:\+[0-9]+)+)\s*"
    r"(?:分(?!别)|天|元|块钱|块|米|岁|次|期|届|级|楼|室|公里|斤|路(?![线径子上演])|号(?![召文]))"
)
_LETTER_NUMBER = re.compile(r"(?<![a-z0-9])[a-z]{1,2}[0-9]{3,}")  # K12218 trains, CZ3101 flights
# A year: 2040年, or in 2040 / by 2040 in English (2104 alone is Panyu's system, not a year).
_YEAR = re.compile(
    r"(?<![0-9])(19[0-9]{2}|2[01][0-9]{2})(?=\s*年)|"
    r"(?:in|by|until|before|after|beyond|of|to|for|through|around|about) "
    r"(19[0-9]{2}|2[01][0-9]{2})(?![0-9])|"
    # ...and a year that names a plan's horizon: "a 2045 vision", "2040 targets".
    r"(?<![0-9])(19[0-9]{2}|2[01][0-9]{2})(?= (?:vision|plan|goals?|targets?|blueprint|roadmap)\b)|"
    # ...and a year typed on its own between spaces: "低空 2050", "黄埔 gdp 2026",
    # or asked instead of the last answer's ("2035呢", "2030嘅呢").
    r"(?:(?<=\s)|^)(20[0-9]{2})(?=\s|$|[?？]+$)|"
    r"(?<![0-9])(20[0-9]{2})(?=\s*(?:的|嘅)?呢)"
)
_PREAMBLE = re.compile(r"[^:?!。《“\"]{2,24}:\s*")  # normalised text has ASCII colons
# "第三个", "第2项", "最后一个", "the second one": an item of the last answer's list.
_ORDINAL_WORDS = (
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
)  # fmt: skip
_ORDINAL = re.compile(
    r"第\s*([一二三四五六七八九十]|[0-9]{1,2})\s*(?:个|项|条|点|类|样|种|部分)|"
    r"最后(?:一|那)?\s*(?:个|项|条|点)|\b(first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|last) (?:one|item|point|part)\b"
)
# The horizon year itself with "after" (2035年之后, after 2035) is past the horizon too.
_AFTER_YEAR = re.compile(
    r"(?<![0-9])((?:19|20|21)[0-9]{2})\s*年?\s*(?:之后|以后|往后|过后)"
    r"|(?:after|beyond) ((?:19|20|21)[0-9]{2})(?![0-9])"
)
# A year named by its distance from this one: "今年前三季度", "明年", "last year".
_RELATIVE_YEARS = {
    "今年": 0, "this year": 0, "去年": -1, "上一年": -1, "上年": -1, "last year": -1,
    "前年": -2, "明年": 1, "来年": 1, "next year": 1, "后年": 2,
}  # fmt: skip
# ...not a span of years ("十来年", "几来年"), which has 来年 in it.
_RELATIVE_YEAR = re.compile(
    "|".join(sorted(_RELATIVE_YEARS, key=len, reverse=True)).replace(
        "来年", "(?<![0-9十几两二三四五六七八九百千多数])来年"
    )
)
_PUNCT = re.compile(r"[\W_]+")
_PUNCT_OPENING = re.compile(r"^[\W_]+")
# After a place opening a question, words making it the one that gives or decides ("东莞对…").
_GIVER_AFTER = re.compile(r"(?:市|区|政府|那边|这边)?(?:对|给|为|出台|发的|的政策|的补贴)")
_POINTING_OPENING = re.compile(r"^(?:那个|这个|嗰个|呢个|那|这)\s*")
# A part of a year a figure is asked for: 前三季度, 第三季度, 上半年, 1-10月.
_PERIOD = re.compile(
    r"前三季度|第?[一二三四1-4]季度|上半年|下半年|[0-9]{1,2}\s*[-至到]\s*[0-9]{1,2}\s*月"
)
# A goal asked for ("2027年的阶段性目标", "targets for 2030").
_TARGET = re.compile(r"目标|指标|target|goal")
# "同比增长" is a figure's change on the year before, not one place set beside another (同…比).
_YEAR_ON_YEAR = re.compile(r"同比|环比")
# 比较 as "rather" compares nothing: "哪几个区芯片企业比较集中".
_RATHER = re.compile(
    r"比较(?=集中|多|少|强|弱|好|大|小|高|低|快|慢|发达|成熟|突出|靠前|领先|有名|出名|活跃|稳|"
    r"靠谱|方便|合适|适合|对口|权威|清楚|复杂|便宜|近|远|准|地道|容易|难|重要|全|热|火|新|早|晚|常见)"
)
_NOT_ASKED = re.compile(
    r"(?<!是)(?:不是问|不是说|不是|不问|并非|not asking about|i don't mean)[^，,。；;？?！!]{0,10}"
    # ...nor what the plan's name is likened to ("听着像房地产，它真的是集群？").
    r"|(?:听着像|听起来像|看着像|看起来像|还以为是)[^，,。；;？?！!]{0,8}"
)
_LABELLED_NUMBER = re.compile(r"\s?[:：是为]?\s?([0-9]{3,})(?![0-9])")  # after 验证码, 工号
_FILLER = "[啦呀啊哈了呢嘛喔哦噢咯啰哟吧嘞喇晒你您嗯]"  # particles between whole-message words
# "8呢？", "天河呢", "人工智能嘞": a short question about something else.
_SHORT_INSTEAD = re.compile(r"[^，,。？?！!\s]{1,8}\s*[呢嘞]\s*[？?！!。]*")
_SHORT_INSTEAD_EN = re.compile(r"and (?:the |its )?[a-z0-9+' -]{1,30}\??")  # "and the 8?"
# "我们小厂在", "我家在", "我司系", "我司（", "I have a small factory in": the asker saying where
# he is, just before a place.
_ASKER_IS_IN = re.compile(
    r"(?:我|我们|我哋|我家|老家|我司|公司|小厂|工厂|厂子|店)[^，,。！？!?]{0,4}(?:在|喺|位于)$"
    r"|(?:我|我们|我哋|我司|本公司|我公司)(?:系|是)$|(?:我司|我公司|本公司|我们公司|我厂)\s*[（(]$"
    r"|\b(?:i|we)(?:'m| am|'re| are)?\s+(?:based|located|live|living|work|working)\s+(?:in|at)\s+$"
    r"|\b(?:i|we|my|our)\b[^,.!?]{0,30}\b(?:factory|factories|company|companies|firms?|shops?"
    r"|workshops?|business(?:es)?|offices?|plants?|stores?|startups?|members?)\s+(?:is\s+|are\s+)?"
    r"(?:in|at)\s+$"
    r"|\b(?:i|we)\s+(?:make|produce|manufacture|run|own|have|sell|operate|do business)\b"
    r"[^,.!?]{0,30}\b(?:in|at)\s+$"
)
# "区里", "我们区", "这边": the asker's own district is what he asks about after all.
_OWN_DISTRICT = re.compile(r"区里|區裡|区裡|這個區|这个区|我们区|我哋区|本区|这边|呢边|當地|当地")
# What follows a robot that is a trade, not the bot: 这机器人产业, 小机器人企业.
_TRADE_AFTER = re.compile(r"[产企公厂集行板概项]")
# What follows the bot's name when a message opens by calling it: a pause, or asking it.
_CALLED_ASKED = r"你|您|请|帮|在吗|在不在|喺唔喺度|問|问"
_CALLED_PAUSE = r"\s|[,，:：、!！~～。?？]"
# What a digit of the plan's number stands for: "12218里的8是指", "12218嘅「1」系指"; or of a
# district's own number: "番禺那个2104体系，有人说“2”是两个百亿级产业" (its quotation marks are
# gone by now: a digit quoted is read as that digit).
_DIGIT_MEANT = re.compile(
    rf"{PLAN_NUMBER}\S{{0,3}}?[「“\"'‘]?(?:{PLAN_DIGITS})[」”\"'’]?\s*(?:是指|系指|指的是|就是|即是|代表)"
    r"|[0-9]{3,5}(?![0-9年])[^「“\"'‘0-9]{0,12}[「“\"'‘]?[0-9]{1,2}[」”\"'’]?\s*(?:是指|系指|指的是|就是|即是|代表|是|系)"
)
# An amount in hearsay: "100亿", "三万亩", "一个亿", "200万补贴" (not a count: "48个").
_CLAIMED_FIGURE = re.compile(
    r"[0-9.]+\s*(?:个)?\s*(?:万|亿|元|亩|%|倍|块)"
    r"|[一二两三四五六七八九十百千几]+\s*(?:个)?\s*[万亿]"
    r"|[0-9.]+\s*(?:million|billion|thousand|k|m|bn)?\s*(?:yuan|rmb|dollars)\b"
)
# An amount handed to each person, firm or thing ("每人补贴3万块", "每家企业一次性领100万"),
# not a yearly sum ("天河每年拿10亿扶持产业").
_AMOUNT_EACH = re.compile(
    r"每(?!年)[^\s，,。！？!?；;]{0,16}?(?:[0-9.]+|[一二两三四五六七八九十百千几]+)\s*(?:个)?\s*(?:万|亿|元|块)"
    # ...or handed straight out: "落户直接奖500万", "能领100万", in Cantonese "拎咗几千万" (took)
    # and "袋咗500万" (pocketed).
    r"|(?:奖|奖励|补|补贴|发|送|领|给|拎|袋)(?:到|咗)?\s*(?:[0-9.]+|[一二两三四五六七八九十百千几]+)\s*(?:个)?\s*(?:万|元|块)"
    # ...and in English: "every startup gets 10 million yuan".
    r"|\b(?:every|each)\b[^.?!]{0,40}?\b(?:gets?|receives?|will get|is given)\s*[0-9.]+"
)
# The asker's own business told: "我们公司", "厂在", "做显示模组的", "开了两家民宿".
_ASKERS_OWN = re.compile(
    r"我|本人|公司|厂|店|供应商|老板|企业|做[^，,。！？!?]{1,10}(?:的|代工|加工|生意)|开了"
    r"|开[^，,。！？!?]{0,3}(?:店|厂|民宿)"
)
# Rules whose cues may be the asker's own story before he asks what a plan name means.
_STORY_RULES = frozenset({"advice", "city-service"})
# Rules whose cue may be in an aside (scope.yaml's `asides`) after a question of the plan
# ("低空经济是个啥？另外广州明天会下雨吗"): the plan's question is answered, the aside is not.
# A request to write beside a question is still declined ("两业融合是哪两业？顺便帮我写…").
_ASIDE_RULES = frozenset({"city-service", "general", "technology"})
# Rules whose cue may be the thing a plan list is asked to hold (scope.yaml's `membership`).
_MEMBERSHIP_RULES = frozenset({"write", "city-service", "general", "technology", "unpublished"})
_DEFINES = re.compile(
    r"啥意思|什么意思|是啥$|是什么$|具体指啥|具体指什么|指的是什么|指什么|是指|咩意思|係咩|系咩"
    r"|是搞什么$|搞什么的$|是干什么的$|是干嘛的$"
)
_SPACE = re.compile(r"\s")
_LEAD_IN_REST = 4  # characters a question keeps after its lead-in, or the lead-in stays
_SHORT_CHECK = 6  # characters: a last clause this short ("真唔真", "是吗") asks of the one before
_SOME = re.compile(r"十几|几十|好几|几百|几千|几万")  # "some": no question word
# What puts the plan's name in another place's hands: "深圳的", "佛山也出了个自己的".
_OWNED = re.compile(
    r"\s*(?:的|也有|也出|也搞|也叫|也学|也在搞|也弄|自己的|版)[^，。？！,.?!]{0,10}$"
)
_PLAN_NAME_WORD = re.compile(r"[0-9]|体系|规划")  # a home word that names the plan, not the city
# The city (not a district) asked about after a story: "市里怎么看", "在广州怎么定位".
_CITY_ASKED = re.compile(r"市里|全市|广州|廣州|12218|产业体系|这套体系|整个体系|这个规划|个集群")
# Words that place a thing in a text or a plan, or only frame the question.
_PLACED_IN = re.compile(
    r"入面|里面|里头|裡面|当中|之中|方面|这方面|专门|部署|安排|有关|相关|对于|关于|讲到|提到|讲|提|"
    r"喺|系|嘅|咗|的|了|对|同|和|跟|与|及|或|在|有|算|类|个|种|些|到|会|能|可以|请问|一下|到底"
)
_CLAUSE_END = re.compile(r"[，,；;。？?！!]|以及|还有")
_QUESTION_WORD = re.compile(
    r"什么|啥|哪|怎么|怎样|如何|多少|几|吗|是否|有没有|为什么|为何|谁|咩|点样|边"
)
# What makes a message with a greeting in it ask something ("谢谢，那低空经济呢").
_ASKS_SOMETHING = re.compile(
    _QUESTION_WORD.pattern
    # ...呢 asks, not Cantonese 呢个 ("this"): "我呢个月人工都两化转型咗", "记住呢两句".
    + r"|[？?]|呢(?![个個度啲排次间間位0-9一二两三四五六七八九十几])"
    + r"|还是|定系|对吧|是吧|对不对|对唔对|系咪|是不是|有冇|请问|"
    r"想问|问下|问一下|想了解|烦请|告知|盼复|望复|"
    r"了解一下|想知道|请教|咨询|介绍|解释|展开|总结|列|翻译|举例|详细|讲讲|讲下|讲一下|说说|说下|说一下|再讲|再说|告诉|"
    r"(?<![a-z])(?:what|which|who|where|when|why|how|tell|explain|please|pls)(?![a-z])|"
    # ...and English asks by its verb first ("is it…", "lol is that right"), not "our WFH is
    # the real…".
    r"(?:^|[,.;:!?，。；：！？]\s*)(?:is|are|does|do|can|could)(?![a-z])|"
    r"(?<![a-z])(?:is|are|does|do|did|can|could|was|were|will|would|should)\s+"
    r"(?:it|that|this|there|they|you|we|he|she|i)(?![a-z])"
)
# ...its clauses: a voice message's are spaces ("谢谢 讲得挺清楚的").
_PLEASANTRY_CLAUSE = re.compile(
    r"[，,；;。！!～~\u2600-\u27bf\U0001f300-\U0001faff]+|(?<=[\u3400-\u9fff])\s+|\s+(?=[\u3400-\u9fff])"
)
# Words that ask how two things relate ("这跟新质生产力是啥关系").
RELATION = re.compile(r"关系|关联|联系|挂钩|对上|对得上|对应|relat")
# A last question that only sets the other place beside the plan: "不是杭州吗", "跟香港有关系吗".
_ALLUDES = re.compile(rf"不是|唔系|还\S{{0,2}}啥|{RELATION.pattern}")
# The asker introducing himself in a clause of his opening: "我是师范生，", "本人暨大研一，",
# "您好，冒昧请教：我是退休中学老师，".
_OPENING = 30  # characters: where a message's greeting and introduction stand
_INTRODUCTION = re.compile(
    r"(?:^|[，,。；;：:！!]\s*)(?:我是|本人|我系|我们是|我哋系)[^，,。；;：:！!？?]{1,20}[，,。；;：:！!]"
)
# Which tier, not which rank: "半导体在规划里排第几类".
_TIER_ASKED = re.compile(r"第几(?:类|档|梯队|层级|层|级|批|梯度)")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
_CLAUSE_COMMA = re.compile(r"[，,；;]")
_PARTICLE_END = re.compile(r"[啊呀哈啦喔噢哦嘞咯哇喇嘛]+$")
_AFTER_QUESTION_MARK = re.compile(r"(?<=[？?])")
# ...and Cantonese asks the question words above leave out: "12136系乜😂", "点转" (not 晚点,
# "later", nor 点名, 点赞).
_ALSO_ASKS = re.compile(
    r"乜|(?<![0-9一二三四五六七八九十两重有终起观地焦要亮热特优缺难景据试网站晚早差])点(?![名赞击开餐菜心])"
)
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没唔冇]\1")
# The bot called in a message to someone else: a command ("👉 /ask …") or its @…bot name.
_CALLS_BOT = re.compile(r"(?:^|\s)/[a-z_]{2,}|@\w*bot\b")
# A correction said at once, what was not meant and then what was: "不是两化 是两业",
# "我打错了，不是上海，是广州的…", "唔系番禺，系荔湾，1283嗰个": what follows is asked.
_NOT_THIS_BUT = re.compile(
    r"^(?:[^\s,，:：?？]{1,6}[\s,，]+)?(?:不是|唔系)\s*[^\s,，:：?？]{1,10}[\s,，]+"
    r"(?:而是|应该是|是|系)\s*([^,，。?？]{2,}(?:[,，。?？].*)?)$"
)
# Praise of an answer's detail, not a request for more: "好详细", "讲得很详细".
_PRAISED_DETAIL = re.compile(r"(?:好|很|太|够|真|超|非常|挺|蛮|咁|几)详(?:细|尽)|详细晒")
# ...and the plain spoken asks none of those hold: "示范区这事落地了没", "咋解决", "干嘛的".
_ALSO_ASKS_PLAINLY = re.compile(r"咋|干嘛|干啥|了没|了未|未呀|揭晓")
_INTENDS = re.compile(r"想搞|想做|想申请|想申报|想转|打算|准备搞|准备做|准备申|plan to|want to")
# What makes a remark beside a plan word ask something after all, or a statement to a group.
_ASKS_AFTER_ALL = (_ASKS_SOMETHING, _A_NOT_A, _ALSO_ASKS, _INTENDS)
_REMARK_CHARS = 4  # characters besides the plan's names: a remark, not a look-up
_GENERIC_NOUNS = re.compile(r"发展|产业|行业|情况|政策|规划|体系|计划|方案|措施|目标|现状|前景")
# Who a greeting is addressed to: "good morning bot", "早晨小助手".
_ADDRESSED = re.compile(r"\b(?:bot|robot)\b|小助手|小帮手|小幫手|助手")
# ...or a request, or a question of the form A不A ("算不算"): the message asks something.
_REQUEST = re.compile(
    r"([\u4e00-\u9fff])[不唔冇]\1|讲|講|说|說|介绍|解释|展开|总结|列|翻译|举例|详细|具体|再|呢|烦请|告知|盼复|"
    r"(?<![a-z])(?:what|which|who|whom|whose|where|when|why|how|is|are|does|do|did|can|could|"
    r"will|would|should|any|please|pls|plz|tell|explain|list|show|give|summar\w*|more|in chinese|"
    r"in english)(?![a-z])"
)


@dataclass(frozen=True, slots=True)
class Understanding:
    """What a message asks, as far as it can be told before matching."""

    place: Place
    district: str | None
    intent: Intent
    years: tuple[int, ...]
    refusal: Refusal | None  # declined before matching, and why
    rule: str = ""  # the scope rule that declined it (greeting, about-bot …)
    names_home: bool = False  # Guangzhou, a district or the plan itself is named
    together: bool = False  # about working with, or comparing to, Guangzhou
    follow_up: bool = False  # has a word that leans on what was said before
    pronoun: bool = False  # ... and a pronoun that points back ("它", "it")
    broad_entry: str | None = None  # the entry for a broad question about Guangzhou
    instead: bool = False  # asks the last question again about something else ("那8呢")
    facet_entry: str | None = None  # the entry that answers what is asked of any topic
    ordinal: int | None = None  # "第三个" -> 2, "最后一个" -> -1: which item of a list
    asker_is_in: str | None = None  # the district the asker says he is in, not asked about
    elsewhere: str | None = None  # another place named ("深圳"), as written
    compares: bool = False  # compares what it names ("…有啥不一样", "跟深圳比呢")
    figures: tuple[str, ...] = ()  # the figures asked for ("产值" in "产值多少亿")
    firms: tuple[str, ...] = ()  # the firms the question names ("宁德时代")
    asks_figure: bool = False  # asks an amount, a name or a rank (多少, 是谁, 哪位)
    asks_amount: bool = False  # ...an amount, which a number answers (多少万, how many)
    asks_policies: bool = False  # "有什么政策": after an answer, the topic's support entry
    asked_head: str = ""  # the words right before the amount asked ("手机号" of "手机号是多少")
    asked_unit: str = ""  # what an amount is counted in ("家" of "有多少家企业")
    claim: str = ""  # hearsay asked to be confirmed, less the words around it ("南沙要划给深圳")
    decreed: bool = False  # ...a rule or handout, not a change: stands only when no topic is named
    # Another place weighed in what the message asks: its figure, or it set beside Guangzhou,
    # in one clause ("深圳GDP增速多少", "跟杭州比哪个给得多"), not only in the story.
    weighs_elsewhere: bool = False
    period: str = ""  # the part of a year asked about ("前三季度", "上半年", "1-10月")
    # Asks something at all: a question word or mark. "明白 晚安", "以后回答都不要加来源" do not.
    asks: bool = True
    new_topic: bool = False  # turns from the last answer ("题外话", "换个话题", "off topic")
    corrects: bool = False  # says the last answer was not what was meant ("不是…，我问的是…")
    # The message less what the asker sets aside ("2035以后的事我不问，就问…"): what is ranked.
    asked_text: str = ""
    asks_rank: bool = False  # "排第几", "排名": a place in a ranking
    asks_firms: bool = False  # "第一批是哪些公司": firms to be named
    asks_coverage: bool = False  # "12218有冇提元宇宙": whether the plan covers something
    asks_source: bool = False  # "出自哪里", "链接发我": where an answer comes from
    asks_target: bool = False  # "2027年阶段性目标是什么": a goal, for the years asked
    # ...and the amounts the asker gives with it ("占GDP 15%，这是2030年的目标？").
    target_amounts: tuple[str, ...] = ()


_NORMAL: dict[str, str] = {}  # curated phrases normalised: many stand in several lists


def _normal(phrase: str) -> str:
    """A curated phrase normalised, once."""
    normal = _NORMAL.get(phrase)
    if normal is None:
        normal = _NORMAL[phrase] = textmod.normalize(phrase)
    return normal


def normalised_phrases() -> dict[str, str]:
    """Every curated phrase normalised so far in this process, to be kept with the index."""
    return dict(_NORMAL)


def remember_normalised(phrases: Mapping[str, str]) -> None:
    """Take phrases normalised before (by the same code: the index cache's key says so)."""
    _NORMAL.update(phrases)


def _phrase_pattern(phrase: str) -> str:
    """A scope phrase as a regex.

    `…` is a short gap; English words match whole ("industr*" matches any ending)."""
    star = phrase.endswith("*")
    # Split before normalising: normalising turns "…" into "...".
    parts = [_normal(part) for part in phrase.rstrip("*").split("…")]
    norm = "…".join(parts)
    # English words are longer than characters: an English gap spans a few words.
    gap = _GAP + ("{0,40}" if all(part.isascii() for part in parts) else "{0,12}")
    pattern = gap.join(re.escape(part) for part in parts)
    if norm[:1].isascii() and norm[:1].isalnum():
        # The word boundary is checked after the first letter, not before it: a pattern
        # whose every branch starts with a literal is scanned many times faster.
        pattern = pattern[0] + r"(?<![a-z0-9].)" + pattern[1:]
    if norm[-1:].isascii() and norm[-1:].isalnum() and not star:
        pattern += r"(?![a-z0-9])"
    return pattern


def _alternation(phrases: tuple[str, ...]) -> str:
    """Phrases as one alternation, longest first."""
    return _grouped([_phrase_pattern(p) for p in _longest_first(phrases)])


def _longest_first(phrases: tuple[str, ...]) -> list[str]:
    return sorted((p for p in phrases if p.strip()), key=lambda p: -len(p))


def _grouped(patterns: list[str]) -> str:
    """Patterns as one alternation, grouped by their first character ("买(?:哪只|基金)|…").

    The regex engine then tries one group at a position instead of every pattern, and finds
    the same matches; and when every branch opens with a character, it skips the positions
    where none can start."""
    groups: dict[str, list[str]] = {}
    for pattern in patterns:
        first = _first_atom(pattern)
        if first is None:  # opens with a gap: grouping could change what is found first
            return "|".join(patterns)
        groups.setdefault(first, []).append(pattern[len(first) :])
    return "|".join(
        first + rests[0] if len(rests) == 1 else f"{first}(?:{'|'.join(rests)})"
        for first, rests in groups.items()
    )


def _first_atom(pattern: str) -> str | None:
    """The literal character a phrase's pattern opens with (escaped or not), or None."""
    if pattern.startswith("\\"):
        return pattern[:2] if len(pattern) > 1 and not pattern[1].isalnum() else None
    return pattern[0] if pattern and pattern[0] not in "[(.^$*+?{|" else None


_CHECKS = 200  # texts a phrase pattern is checked against before it is compiled anyway


@lru_cache(maxsize=64)  # the texts of one message or so: each set holds a few hundred items
def _openings_in(text: str) -> frozenset[str]:
    """Every character of `text` and every run of two or three: what a phrase can open with."""
    return frozenset(text).union(text[i : i + n] for n in (2, 3) for i in range(len(text) - n + 1))


def _labels_a_number(rule: _CompiledRule, norm: str) -> bool:
    """Whether one of the number rule's cues labels a number it is written against.

    "验证码12218是什么意思", "取件码12218": the number is the code, whatever is asked of it
    (not a number the rule names as the plan's own, such as the city's hotline 12345)."""
    if rule.search is None:
        return False
    for cue in rule.search.finditer(norm):
        number = _LABELLED_NUMBER.match(norm, cue.end())
        if number is not None and not _found(rule.unless, number.group(1)):
            return True
    return False


def _opening(phrase: str) -> str:
    """The first (up to three) characters a message must hold for `phrase` to be found in it."""
    return _normal(phrase.rstrip("*").split("…")[0])[:3]


class PhrasePattern:
    """A regex of curated phrases, compiled when a message first could hold one of them.

    Compiling the scope's phrases took most of a second at every start, and one question
    needs few of them. A text without the opening characters of any phrase cannot match, so
    it is answered without searching (or compiling) at all: the same matches, found later.
    After `_CHECKS` such texts the pattern is compiled anyway: a long-running bot searches a
    compiled pattern faster than it checks a text's openings."""

    __slots__ = ("_checks", "_compiled", "_openings", "_source")

    def __init__(self, source: str, openings: frozenset[str] | None) -> None:
        """`openings`: what each branch opens with; None when some branch opens with a gap."""
        self._source = source
        self._openings = openings
        self._compiled: re.Pattern[str] | None = None
        self._checks = _CHECKS

    def _for(self, text: str) -> re.Pattern[str] | None:
        if self._compiled is not None:  # a compiled pattern skips such positions itself
            return self._compiled
        if self._openings is not None and self._checks > 0:
            self._checks -= 1
            if self._openings.isdisjoint(_openings_in(text)):
                return None
        self._compiled = re.compile(self._source)
        return self._compiled

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        pattern = self._compiled or self._for(text)  # the common case without a call
        return pattern.search(text, pos) if pattern else None

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        pattern = self._for(text)
        return pattern.match(text, pos) if pattern else None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        pattern = self._for(text)
        return pattern.fullmatch(text) if pattern else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pattern = self._compiled or self._for(text)
        return pattern.finditer(text) if pattern else iter(())

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        pattern = self._for(text)
        return pattern.sub(repl, text) if pattern else text


Searchable = re.Pattern[str] | PhrasePattern


def _openings_of(phrases: Iterable[str]) -> frozenset[str] | None:
    openings = frozenset(_opening(p) for p in phrases if p.strip())
    return None if "" in openings else openings


def _compile(phrases: tuple[str, ...]) -> PhrasePattern | None:
    alternation = _alternation(phrases)
    return PhrasePattern(alternation, _openings_of(phrases)) if alternation else None


def phrases_pattern(phrases: tuple[str, ...]) -> PhrasePattern | None:
    """Curated phrases as one regex: `…` a short gap, English words whole."""
    return _compile(phrases)


_CLAUSE_OPENS = r"(?:^|(?<=[，,。；;？?！!\s]))"
_IN_CLAUSE = r"[^，,。；;？?！!\s]"


def _set_aside_pattern(scope: Scope) -> re.Pattern[str] | None:
    """What the asker sets aside, as scope.yaml's `set_aside` says (see there)."""
    before, after, known, english, forget = (
        _alternation(words)
        for words in (
            scope.set_aside_before,
            scope.set_aside_after,
            scope.set_aside_known,
            scope.set_aside_english,
            scope.set_aside_forget,
        )
    )
    branches = [
        # "不是问广州哈", "撇开房地产": what follows, to the clause's end or 是/就/只.
        before and f"(?:{before})[^，,。；;？?！!\\s是就只]{{0,12}}",
        # "2035以后的事我不问", "房价我都不关心了": the clause before.
        after
        and f"{_CLAUSE_OPENS}{_IN_CLAUSE}{{1,24}}?(?:我|俺)?(?:都|就|先|也)?"
        f"(?:{after})(?:了|啦|哈|啊)?",
        # "这些我都知道了，…": what the asker already knows.
        known
        and f"{_CLAUSE_OPENS}{_IN_CLAUSE}{{1,24}}?(?:我|俺)(?:都|也)?(?:{known})"
        f"(?:了|啦)?(?=[，,。；;！!\\s])",
        # "not asking for stock tips —", "forget guangzhou".
        english and f"(?:{english})(?: you)?(?: about| for| to)?\\b[^,.;:?!—–-]{{0,40}}",
        forget,
    ]
    pattern = "|".join(b for b in branches if b)
    return re.compile(pattern) if pattern else None


def _member_called(scope: Scope) -> re.Pattern[str] | None:
    """Another member called as a message opens, then spoken to: "阿强 你…", "@陈姐，你…".

    A name is one of scope.yaml's `members.openings` and one character, or one or two
    characters and one of its `titles`; none of its `not_names` (老师: how some call the bot)."""
    names = []
    if scope.member_openings:
        names.append(f"(?:{_alternation(scope.member_openings)})[\u4e00-\u9fff]")
    if scope.member_titles:
        names.append(f"[\u4e00-\u9fff]{{1,2}}?(?:{_alternation(scope.member_titles)})")
    if not names:
        return None
    not_names = _alternation(scope.member_not_names)
    unless = f"(?!{not_names})" if not_names else ""
    return re.compile(rf"^@?{unless}(?:{'|'.join(names)})[\s,，:：]*(?:你|您)")


def _pair_patterns(pair: Pair) -> list[str]:
    """A pair as one pattern for each of its first words, in order.

    They find what `(?:first…){gap}(?:then…)` finds, and open with a character each."""
    gap, then = f"{_GAP}{{0,{pair.within}}}?", _alternation(pair.then)
    return [f"{_phrase_pattern(first)}{gap}(?:{then})" for first in _longest_first(pair.first)]


def _called_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """A name the group calls the bot by, opening a message.

    Before a word asking it, or before a pause (then the group `pause` is set)."""
    called = _alternation(names)
    if not called:
        return None
    return re.compile(rf"^(?:{called})(?:(?={_CALLED_ASKED})|(?P<pause>(?={_CALLED_PAUSE})))")


class _CompiledRule:
    def __init__(self, rule: Rule) -> None:
        branches = [_phrase_pattern(p) for p in _longest_first(rule.phrases)]
        branches += [pattern for pair in rule.pairs for pattern in _pair_patterns(pair)]
        openings = _openings_of([*rule.phrases, *(p for pair in rule.pairs for p in pair.first)])
        self.search = PhrasePattern(_grouped(branches), openings) if branches else None
        self.whole = {_PUNCT.sub("", textmod.normalize(w)) for w in rule.whole}
        # A message made of nothing but these ("多谢晒，辛苦你啦") is one too.
        pieces = sorted(self.whole, key=len, reverse=True)
        self.only_whole = (
            re.compile(f"(?:{'|'.join(map(re.escape, pieces))}|{_FILLER})+") if pieces else None
        )
        self.unless = _compile(rule.unless)

    def matches(
        self, norm: str, bare: str, inside_name: Callable[[str, int, int], bool] | None = None
    ) -> bool:
        """Whether `norm` is of this class.

        A phrase inside one of the plan's names is not (`inside_name`: 动车 in 电动车)."""
        if bare and (bare in self.whole or (self.only_whole and self.only_whole.fullmatch(bare))):
            return True
        if self.search is None or self.search.search(norm) is None:  # most messages: no cue
            return False
        return not _found(self.unless, norm) and any(
            inside_name is None or not inside_name(norm, *found.span())
            for found in self.search.finditer(norm)
        )


class Understander:
    """Compiled once per knowledge base; `understand` is cheap."""

    def __init__(
        self, scope: Scope, this_year: int | None = None, plan_names: frozenset[str] = frozenset()
    ) -> None:
        """Compile `scope` once.

        `plan_names` are the base's names of things (电动车, 轨道交通): a scope phrase found
        inside one of them in a message is no cue (动车 of 电动车 is no train)."""
        self.scope = scope
        # Chinese names of three or more characters, English ones of two or more words.
        self._plan_names = frozenset(
            n for n in plan_names if (len(n) >= 3 and textmod.has_cjk(n)) or " " in n.strip()
        )
        self._plan_name_longest = max(map(len, self._plan_names), default=0)
        # ...and the places of the districts (荔枝湾 holds 荔枝, 白云山 no cue of 白云 either).
        self._names_no_cue = self._plan_names | frozenset(
            textmod.normalize(w)
            for words in scope.districts.values()
            for w in words
            if len(w) >= 3 and textmod.has_cjk(w)
        )
        self._names_no_cue_longest = max(map(len, self._names_no_cue), default=0)
        # "今年", "明年", "last year" are read against the clock (tests pass a year).
        self.this_year = this_year or date.today().year
        self._rules = {name: _CompiledRule(rule) for name, rule in scope.rules.items()}
        self._home = _compile(scope.place_words("home"))
        # One pattern for every district's names (one search, not eleven), and the district
        # each normalised name belongs to.
        self._district_names = _compile(
            tuple(w for words in scope.districts.values() for w in words)
        )
        self._district_of = {
            textmod.normalize(w): name for name, words in scope.districts.items() for w in words
        }
        self._province = _compile(scope.place_words("province"))
        self._national = _compile(scope.place_words("national"))
        self._national_topics = _compile(scope.place_words("national_topics"))
        self._national_designations = _compile(scope.place_words("national_designations"))
        self._district_role = _compile(scope.place_words("district_role"))
        self._other = _compile(scope.place_words("other"))
        like = _alternation(scope.place_words("like"))
        self._like = _compile(scope.place_words("like"))
        self._like_before = re.compile(f"(?:{like})\\s*$") if like else None
        self._together = _compile(scope.place_words("together"))
        self._compare, self._same_or_not = (
            _compile(scope.place_words("compare")),
            _compile(scope.place_words("same_or_not")),
        )
        self._apply = _compile(scope.support_words)
        self._policies = _compile(scope.support_after_an_answer)
        self._follow_up = _compile(scope.follow_up_markers)
        self._pronoun = _compile(scope.follow_up_pronouns)
        self._instead = _compile(scope.follow_up_instead)
        self._part, self._new_topic, self._source, self._meant, self._not_meant = (
            _compile(scope.follow_up_part),
            _compile(scope.follow_up_new_topic),
            _compile(scope.follow_up_source),
            _compile(scope.follow_up_meant),
            _opening_a_clause(scope.follow_up_not_meant),
        )
        # Every follow-up word on its own, the parts of "那…呢" too, to strip them off.
        pieces = [p for w in scope.follow_up_instead for p in w.split("…") if p.strip()]
        self._marker_words = _compile(
            (*scope.follow_up_markers, *scope.follow_up_pronouns, *pieces)
        )
        self._broad = _compile(scope.broad_topics)
        self._broad_rules = [(rule.entry, _compile(rule.cues)) for rule in scope.broad_rules]
        self._facets = [(rule.entry, _compile(rule.cues)) for rule in scope.facets]
        self._figure_words = _compile(scope.figure_words)
        self._figure_cues = _compile(scope.figure_cues)
        self._amount_cues = _compile(scope.figure_amounts)
        self._ranks = _compile(scope.figure_ranks)
        self._firms_named = _compile(scope.firms_asked)
        self._coverage = _compile(scope.coverage_cues)
        self._addressing, self._called = _compile(scope.addressing), _called_pattern(scope.called)
        self._membership = _compile(scope.membership)
        self._aside, self._quiz_label, self._lead_in = (
            _compile(scope.asides),
            _label_opening(scope.quiz_labels),
            _lead_in_opening(scope.lead_ins),
        )
        # Word lists read as they are: remarks, statements, premises told first, words of the past.
        self._remarks, self._statements, self._premises, self._past = (
            _compile(scope.remarks),
            _compile(scope.statements),
            _compile(scope.premises),
            _compile(scope.past),
        )
        self._foretold, self._member_called, self._set_aside, self._set_aside_cue = (
            _compile(scope.figure_foretold),
            _member_called(scope),
            _set_aside_pattern(scope),
            _compile(
                (
                    *scope.set_aside_before,
                    *scope.set_aside_after,
                    *scope.set_aside_known,
                    *scope.set_aside_english,
                    *scope.set_aside_forget,
                )
            ),
        )
        self._heard = _compile(scope.rumour_heard)
        self._check = _compile(scope.rumour_check)
        self._changes = _compile(scope.rumour_changes)
        self._decrees = _compile(scope.rumour_decrees)
        self._firms = _compile(scope.firms)
        self._horizon = (
            _compile(scope.rules["horizon"].phrases) if "horizon" in scope.rules else None
        )

    def understand(self, norm: str, spoken_to: str = "") -> Understanding:
        """What the normalised message `norm` asks, and whether to decline it unscored.

        `spoken_to` is the message's opening before mentions were cleared ("@陈姐 你…"): it
        says whether another member of a group is spoken to."""
        whole, norm = norm, self.without_set_aside(norm)
        years = self._years(norm)
        asked = _the_ask(norm)
        # A district in the story before a long message's question ("我们公司在黄埔做机器人……
        # 市里在机器人这块怎么定位") is where the asker is, not what is asked about.
        named, district = self._districts_in(asked)
        if district is None and named is not None and _OWN_DISTRICT.search(asked):
            district = named  # "我喺番禺開廠……區裡面主打咩產業": his district is asked about
        # ...and so is one the asker introduces himself with ("我们小厂在黄埔开了二十年"):
        # it still makes the question Guangzhou's.
        # Other places are looked for once: what is asked about, what it is likened to, and
        # whether a place's own name holds a word of working together ("横琴粤澳深度合作区").
        elsewhere = _first(self._other, norm)
        names_home = named is not None or self._names_home(norm, elsewhere is not None)
        without_places = self._other.sub(" ", norm) if elsewhere and self._other else norm
        together = _found(self._together, _RATHER.sub(" ", _YEAR_ON_YEAR.sub(" ", without_places)))
        pronoun = _found(self._pronoun, whole)
        # ...and a correction that names no question of its own ("我问的是广州的，不是国家的")
        # asks the last one again.
        follow_up = pronoun or _found(self._follow_up, whole) or self._corrects(whole)
        place = self._place(norm, district, names_home)
        # A long message's story may be Guangzhou's while its question is another place's
        # ("老乡拉我去广州，说在搞12218……江苏省对模具企业有什么补贴"): the question decides.
        if asked != norm and place is Place.GUANGZHOU and not _found(self._home, asked):
            asked_place = self._place(asked, None, False)
            if asked_place in (Place.PROVINCE, Place.OTHER, Place.NATIONAL):
                place, names_home = asked_place, False
        # ...and so may a short one's last question: "合肥靠投新能源车翻身，广州能学吗？合肥当年
        # 具体怎么投的" asks about Hefei (not "…跟深圳比呢", which weighs the two).
        # So may the last clause of one that asks nothing before it: "群里传顺德的“1+6+N”是照搬
        # 广州12218的，顺德那个到底是啥".
        if place is Place.GUANGZHOU and elsewhere:
            last = final_sentence(asked)
            clause = _final_clause(last)
            if (
                self._asks_only_elsewhere(last, asked)
                or (
                    not _asks(last[: len(last) - len(clause)])
                    and self._asks_only_elsewhere(clause, asked)
                )
                or self._elsewhere_gives(asked)
            ):
                place, names_home = Place.OTHER, False

        # What a digit stands for ("12218里的8是指8大千亿级制造业") is no claim, even when the
        # number is named before the question: the digit's entry says what it is.
        claim, decreed = ("", False) if _DIGIT_MEANT.search(norm) else self._claim(asked)

        asks_target = bool(years) and _TARGET.search(asked) is not None

        def outcome(refusal: Refusal | None, intent: Intent, rule: str = "") -> Understanding:
            broad = self._broad_entry(norm) if names_home and refusal is None else None
            return Understanding(
                place,
                district,
                intent,
                years,
                refusal,
                rule,
                names_home,
                together,
                follow_up,
                pronoun,
                broad,
                follow_up and not pronoun and self._asks_instead(norm),
                # A facet's entry is the city's: a district's own offices are in its entry.
                self._facet_entry(asked) if refusal is None and district is None else None,
                _ordinal(norm),
                named if district is None else None,
                elsewhere,
                _found(self._compare, _RATHER.sub(" ", self._without_premises(norm))),
                self._figures(asked, foretold=bool(years)),
                self._firms_asked(asked),
                asks_figure=_found(self._figure_cues, asked),
                asks_amount=_found(self._amount_cues, asked),
                asks_policies=_found(self._policies, asked),
                asked_head=self._asked_head(asked),
                asked_unit=_asked_unit(asked),
                claim=claim,
                decreed=decreed,
                weighs_elsewhere=self._weighs_elsewhere(asked),
                period=_first(_PERIOD, asked) or "",
                asks=_asks(norm),
                new_topic=_found(self._new_topic, norm),
                asks_rank=_found(self._ranks, _TIER_ASKED.sub(" ", asked)),
                asks_firms=_found(self._firms_named, asked),
                # "有没有提前押注" asks what was done in advance (提前), not what is mentioned.
                asks_coverage=_found(self._coverage, asked.replace("提前", " ")),
                asks_source=_found(self._source, asked),
                asks_target=asks_target,
                target_amounts=tuple(amounts_claimed(norm)) if asks_target else (),
                asked_text=norm,
            )

        bare = _PUNCT.sub("", norm)
        if not norm:
            return outcome(Refusal.EMPTY, Intent.SMALL_TALK, "empty")
        if not (textmod.has_cjk(norm) or re.search(r"[a-z0-9]", norm)):
            return outcome(Refusal.NO_TEXT, Intent.SMALL_TALK, "no-text")
        # Thanks with a remark ("谢谢，讲得挺清楚的"), or chatter by a plan word ("我钱包很低空😂").
        remark = (
            "pleasantry"
            if self._pleasantry_only(norm)
            else "chatter"
            if self._remark_only(norm)
            else "statement"
            if self._statement_only(norm)
            else "to-member"
            if self._calls_member(norm) or self._calls_member(spoken_to)
            else ""
        )
        if remark:
            return outcome(Refusal.SMALL_TALK, Intent.SMALL_TALK, remark)
        found = self._rule_found(norm, asked, bare)
        if found is not None:
            return outcome(*found)
        if _LETTER_NUMBER.search(norm) or _QUANTITY.search(norm):
            return outcome(Refusal.NUMBER, Intent.NUMBER, "number")
        out_of_years = self._out_of_years(norm, asked, years)
        if out_of_years is not None:
            rule = "horizon" if out_of_years is Refusal.HORIZON else "history"
            return outcome(out_of_years, Intent.EXPLAIN, rule)
        # Where and whom comes first: "对接哪个部门比较对口" asks whom, though 比较 compares.
        intent = (
            Intent.APPLY
            if _found(self._apply, norm)
            else (Intent.COMPARE if together else Intent.EXPLAIN)
        )
        # A comparison with Guangzhou's plan ("两化转型跟国家的双化协同是一回事吗") is ours.
        if not names_home and not together:
            if place is Place.PROVINCE:
                return outcome(Refusal.PROVINCE, intent, "province")
            if place is Place.NATIONAL:
                return outcome(Refusal.NATIONAL, intent, "national")
            if place is Place.OTHER:
                return outcome(Refusal.OTHER_PLACE, intent, "other-place")
        return outcome(None, intent)

    def _rule_found(self, norm: str, asked: str, bare: str) -> tuple[Refusal, Intent, str] | None:
        """The first scope rule, in order, that the message falls under: its class and name."""
        has_number = bool(_NUMBER.search(norm)) or bool(_LETTER_NUMBER.search(norm))
        # What the asker says he is not asking ("不是车次哈", "不是问展会") is no request.
        not_asked = {text: _NOT_ASKED.sub(" ", text) for text in (norm, asked)}
        for name, refusal, intent in _RULE_ORDER:
            rule = self._rules.get(name)
            if rule is None or (name == "number" and not has_number):
                continue
            # A district is a place with a history too (黄埔军校): only the city or the plan
            # named keeps a general-knowledge question in scope.
            if name in _AWAY_FROM_HOME_RULES and _found(self._home, norm):
                continue
            # Background in a long message ("我做了十年外贸，一直在想要不要……") is not the
            # request; what it asks of the bot is in its last sentences.
            text = norm if name in _WHOLE_MESSAGE_RULES else asked
            # Who the asker says he is ("我是中学政治老师，…") is no city service he asks about.
            # (Advice and errand cues in an introduction still count: measured, leaving them
            # out lost more look-alikes than it answered.)
            if name == "city-service":
                text = _without_introduction(text)
            said = not_asked.get(text) or _NOT_ASKED.sub(" ", text)
            if name == "number" and _labels_a_number(rule, said):
                return refusal, intent, name
            if rule.matches(said, bare, self._inside_plan_name) and not self._cue_is_not_the_ask(
                name, rule, text, asked
            ):
                return refusal, intent, name
        return None

    def decrees_on(self, claim: str, topics: tuple[str, ...]) -> bool:
        """Whether the rule or handout a claim tells is laid on one of `topics`.

        The topic is named after the decree word in its clause: "强制所有企业上云" is a duty to
        use the cloud; in "搬进两业融合示范园区可以免三年房租" the free rent is laid on nothing
        of the plan."""
        if self._decrees is None:
            return False
        for found in self._decrees.finditer(claim):
            end = _CLAUSE_END.search(claim, found.end())
            governed = claim[found.end() : end.start() if end else None]
            if any(topic in governed for topic in topics):
                return True
        return False

    def _out_of_years(self, norm: str, asked: str, years: tuple[int, ...]) -> Refusal | None:
        """Why the years asked are not the plan's: beyond its horizon, or long before it."""
        after = [int(a or b) for a, b in _AFTER_YEAR.findall(norm)]
        beyond = any(year > self.scope.horizon_year for year in years) or any(
            year >= self.scope.horizon_year for year in after
        )
        if beyond or _found(self._horizon, norm):
            return Refusal.HORIZON
        # Only years long before the plan ("1978年改革开放时广州工业什么样"): history, asked
        # in the question's own clause ("广州1990年代就提汽车了，12218里汽车算哪类" tells a
        # story, then asks of the plan).
        if not years or any(y >= self.scope.earliest_year for y in years):
            return None
        asked_years = self._years(_final_clause(final_sentence(asked)))
        if asked_years and all(y < self.scope.earliest_year for y in asked_years):
            return Refusal.GENERAL
        return None

    def points_at_a_part(self, norm: str) -> bool:
        """Whether a message points at a part of the last answer ("低空那块", "这方面")."""
        return _found(self._part, norm)

    def turns_from_last(self, norm: str) -> bool:
        """Whether a message turns from the last answer ("另外想问…", "unrelated but…")."""
        return _found(self._new_topic, norm)

    def without_lead_in(self, norm: str) -> str:
        """A question without the words that only lead into it (scope.yaml's `lead_ins`)."""
        if self._lead_in is None:
            return norm
        rest = self._lead_in.sub("", norm, count=1)
        return rest if len(rest) >= _LEAD_IN_REST else norm

    def without_quiz_label(self, norm: str) -> str:
        """A quiz item given without its label ("判断题:文化创意属于…" -> "文化创意属于…")."""
        if self._quiz_label is None:
            return norm
        rest = self._quiz_label.sub("", norm, count=1)
        return rest if len(rest) >= 2 else norm

    def without_addressing(
        self, norm: str, names_a_topic: Callable[[str], bool] = lambda rest: True
    ) -> str:
        """`norm` without the words that address the bot ("你好呀小机器人" -> "你好呀").

        Not before the name of a trade: "这机器人产业" speaks of robots. A name the group calls
        the bot by, opening the message before a pause, is that name only when what follows
        names a topic itself: "机器人 荔湾做什么" asks the bot; "机器人 产业怎么样", robots."""
        called = self._called.match(norm.lstrip()) if self._called is not None else None
        if called is not None:
            rest = norm.lstrip()[called.end() :]
            if called.group("pause") is None or names_a_topic(rest):
                norm = rest
        if self._addressing is None:
            return norm
        return self._addressing.sub(
            lambda m: m.group() if _TRADE_AFTER.match(norm, m.end()) else " ", norm
        )

    def _figures(self, norm: str, *, foretold: bool) -> tuple[str, ...]:
        """The figures a message asks for: "低空经济今年产值多少" -> ("产值",).

        With a year named (`foretold`), a figure foretold is asked for too: "明年GDP能不能到6%"."""
        asks = _found(self._figure_cues, norm) or (foretold and _found(self._foretold, norm))
        if self._figure_words is None or not asks:
            return ()
        return tuple(dict.fromkeys(f.group() for f in self._figure_words.finditer(norm)))

    def _claim(self, norm: str) -> tuple[str, bool]:
        """What a message asks to be confirmed, and whether only a rule or handout makes it one.

        "听说南沙要整体划给深圳管了，真的假的" is a change; "听说12218要发纪念币" a handout.
        (What one of the plan's digits stands for is never one: see `understand`.)"""
        # Hearsay of a change needs no check word: "有人说广州要取消制造业立市这个提法，是吗".
        checked = self._check is not None and self._check.search(norm) is not None
        heard = _found(self._heard, norm)
        if not (checked or heard):
            return "", False
        # ...nor does hearsay of a figure asked to be checked: "朋友圈看到：番禺要建占地三万亩的
        # 机器人产业园，真有这事？" (every number of a claim must be stated).
        # ...and hearsay of an amount handed to each one ("听说应届生来广州每人补贴3万块").
        # ...nor one passed on that asks nothing else ("网传12218设了一个1000亿的母基金").
        figure = ((checked or not _asks(norm)) and heard and self._claims_figure(norm)) or (
            _AMOUNT_EACH.search(norm) is not None
        )
        changed = figure or _found(self._changes, norm)
        claim = self._check.sub(" ", norm) if self._check else norm
        decreed = not changed and _found(self._decrees, claim)  # "准不准" is a check, not 不准
        if not (changed or decreed):
            return "", False
        return (self._heard.sub(" ", claim) if self._heard else claim), decreed

    def _defines_after_story(self, rule: _CompiledRule, norm: str) -> bool:
        """Whether the asker's story holds a rule's cues and he then asks what a plan name means.

        "刚从外地来广州找工作，老听说再造新广州，这是啥意思": looking for a job is his story;
        he asks what 再造新广州 means."""
        parts = [p for p in re.split(r"[，,；;。？?！!\s]+", norm) if p]
        if len(parts) < 2 or rule.search is None or not _DEFINES.search(parts[-1]):
            return False
        if rule.search.search(parts[-1]):
            return False
        # The name may stand in the clause before ("…再造新广州，这是啥意思").
        return self._names_the_plan("".join(parts[-2:]))

    def _cue_is_not_the_ask(self, name: str, rule: _CompiledRule, text: str, asked: str) -> bool:
        """Whether a rule's cue, though found, is not what the message asks.

        It is the asker's story before he asks what a plan name means, the thing a plan list
        is asked to hold, or an aside after a question of the plan."""
        return (
            (name in _STORY_RULES and self._defines_after_story(rule, text))
            or (name in _MEMBERSHIP_RULES and self._asks_membership(asked))
            or (name in _ASIDE_RULES and self._only_in_an_aside(rule, text))
            or (name == "write" and _writes_for_itself(rule, text, self._inside_plan_name))
        )

    def _only_in_an_aside(self, rule: _CompiledRule, text: str) -> bool:
        """Whether a rule's cue is only in an aside after a question that names the plan."""
        aside = self._aside.search(text) if self._aside else None
        if aside is None or aside.start() == 0:
            return False
        before = text[: aside.start()]
        return (
            self._names_the_plan(before)
            and _ASKS_SOMETHING.search(before) is not None
            and not rule.matches(before, "", self._inside_plan_name)
        )

    def _asks_membership(self, asked: str) -> bool:
        """Whether the message asks if one of the plan's lists holds something.

        In a clause that asks: "包括指导思想、工作目标和保障措施" after a request to draft a
        plan says what the draft is to hold."""
        pieces = re.split(r"[，,；;]", asked)
        return any(_found(self._membership, p) and _asks(p) for p in pieces) and (
            self._names_the_plan(asked)
        )

    def _names_the_plan(self, text: str) -> bool:
        """Whether `text` holds one of the base's names (three characters or more)."""
        longest = self._plan_name_longest
        return any(
            text[i:j] in self._plan_names
            for i in range(len(text))
            for j in range(i + 3, min(len(text), i + longest) + 1)
        )

    def _claims_figure(self, norm: str) -> bool:
        """Whether hearsay names an amount, not a size that names a thing (千亿 of 万亩千亿)."""
        return any(
            not self._inside_plan_name(norm, *m.span()) for m in _CLAIMED_FIGURE.finditer(norm)
        )

    def _inside_plan_name(self, norm: str, start: int, end: int) -> bool:
        """Whether norm[start:end] is or lies inside a plan name, or a district's place, in `norm`.

        动车 in 电动车; 写代码, a name of the software cluster."""
        longest = self._names_no_cue_longest
        for i in range(max(0, end - longest), start + 1):
            for j in range(max(end, i + 3), min(len(norm), i + longest) + 1):
                if norm[i:j] in self._names_no_cue:
                    return True
        return False

    def _asked_head(self, norm: str) -> str:
        """The words right before the amount asked: "手机号" of "组长的手机号是多少"."""
        found = self._figure_cues.search(norm) if self._figure_cues else None
        if found is None:
            return ""
        run = _HEAD.search(_HEAD_FILLER.sub("", norm[: found.start()]))
        return run.group() if run else ""

    def _firms_asked(self, norm: str) -> tuple[str, ...]:
        """The firms a message asks about: those in its last clause.

        "广汽这两年被比亚迪压着打，汽车还算重点吗" asks about cars; "我在比亚迪上班" is where
        the asker works."""
        if self._firms is None or not self._firms.search(norm):
            return ()
        parts = clauses(norm)
        last = parts[-1] if parts else norm
        # "听讲广药要同华为合作搞AI药，真唔真": a short check asks of the clause before it.
        if len(parts) > 1 and len(last.strip()) <= _SHORT_CHECK:
            last = parts[-2] + last
        found = self._firms.finditer(last)
        return tuple(
            dict.fromkeys(f.group() for f in found if not _ASKER_IS_IN.search(last[: f.start()]))
        )

    def is_follow_up_word(self, term: str) -> bool:
        """Whether a term the matcher found is a follow-up or question word ("哪几", "哪些区")."""
        return self._follow_up is not None and self._follow_up.fullmatch(term) is not None

    def _years(self, norm: str) -> tuple[int, ...]:
        """The years a message names, in the order it names them ("今年…跟去年比": 2026, 2025)."""
        found = [(m.start(), int(next(g for g in m.groups() if g))) for m in _YEAR.finditer(norm)]
        found += [
            (m.start(), self.this_year + _RELATIVE_YEARS[m.group()])
            for m in _RELATIVE_YEAR.finditer(norm)
        ]
        return tuple(dict.fromkeys(year for _, year in sorted(found)))

    def national_only_by_title(self, norm: str) -> bool:
        """Whether the message is national only by a title the plan strives for (国家级示范区)."""
        if self._national is None or _found(self._national_topics, norm):
            return False
        titles = self._national_designations
        found = [m.group() for m in self._national.finditer(norm)]
        return bool(found) and titles is not None and all(titles.fullmatch(w) for w in found)

    def _is_premise(self, clause: str) -> bool:
        """Whether a clause is what "people say" before a question: its premise, not the ask.

        "都说苏州制造业比广州强，广州提制造业立市想干嘛" asks of Guangzhou (scope.yaml's
        `premises`)."""
        premise = self._premises
        return (
            premise is not None
            and premise.match(clause.strip()) is not None
            and not _QUESTION_WORD.search(clause)
        )

    def _without_premises(self, norm: str, *, after_first: bool = False) -> str:
        """The message less its premises (see _is_premise), when it asks something besides.

        `after_first`: only those told after its first clause ("…？我看到国家说是未来产业")."""
        if not _found(self._premises, norm):  # most messages relay nothing
            return norm
        parts = clauses(norm)
        kept = [
            c for i, c in enumerate(parts) if (after_first and i == 0) or not self._is_premise(c)
        ]
        return "，".join(kept) if kept and len(kept) < len(parts) else norm

    def _weighs_elsewhere(self, asked: str) -> bool:
        """Whether one clause names another place and asks its figure or compares with it."""
        if not _found(self._other, asked):  # most messages name no other place
            return False
        for clause in clauses(asked):
            if self._is_premise(clause):
                continue
            if _found(self._other, clause) and (
                _found(self._figure_cues, clause)
                or _found(self._compare, clause)
                or _found(self._like, clause)
                or bool(self._figures(clause, foretold=bool(self._years(clause))))
            ):
                return True
        return False

    def asks_same_or_not(self, norm: str) -> bool:
        """Whether a message asks if two things are one ("是不是一回事"; `same_or_not`)."""
        return _found(self._same_or_not, norm)

    def tells_the_past(self, clause: str) -> bool:
        """Whether a clause tells what used to be ("以前唔係靠商貿咩"; scope.yaml's `past`)."""
        return _found(self._past, clause)

    def names_elsewhere(self, norm: str) -> bool:
        """Whether the message names another place (深圳, 上海)."""
        return _found(self._other, norm)

    def asks_role(self, text: str, *, whole: bool = False) -> bool:
        """Whether `text` asks what a district is for ("定位", "角色"): all of it with `whole`."""
        role = self._district_role
        if role is None:
            return False
        return bool(role.fullmatch(text) if whole else role.search(text))

    def with_years_named(self, norm: str) -> str:
        """`norm` with each year named by its distance from this one written out.

        "今年" -> "2026年"; in English "this year" -> "2026"."""

        def named(m: re.Match[str]) -> str:
            year = self.this_year + _RELATIVE_YEARS[m.group()]
            return str(year) if m.group().isascii() else f"{year}年"

        return _RELATIVE_YEAR.sub(named, norm)

    def is_compare_word(self, term: str) -> bool:
        """Whether a term the matcher found only compares ("区别", "一回事")."""
        return self._compare is not None and self._compare.fullmatch(term) is not None

    def names_no_topic(self, term: str, broad_entry: str | None) -> bool:
        """True when a term the matcher found is no topic of the plan.

        A place (深圳), a follow-up word, or the cue that chose this broad question's entry
        (2035年 for the 2035 goals)."""
        # A place, or a word of follow-ups (哪几), is no topic.
        plain = (self._other, self._province, self._national, self._follow_up)
        if any(p is not None and p.fullmatch(term) for p in plain):
            return True
        return self.is_broad_cue(term, broad_entry)

    def is_broad_cue(self, term: str, broad_entry: str | None) -> bool:
        """True when `term` is the cue that chose this broad question's entry."""
        # ...or a word inside the cue: 工厂 of 老工厂.
        words = [
            w for rule in self.scope.broad_rules if rule.entry == broad_entry for w in rule.cues
        ]
        if any(term in w and "…" not in w for w in words):
            return True
        cues = [pattern for entry, pattern in self._broad_rules if entry == broad_entry]
        # The cue must be most of the term: "2035年" is the cue 2035, but the title
        # "战略性新兴产业规模" is a topic that happens to contain the cue 规模.
        found = [f for f in (p.search(term) for p in cues if p) if f]
        return any(2 * (f.end() - f.start()) >= len(term) for f in found)

    def is_facet_cue(self, term: str, facet_entry: str) -> bool:
        """True when `term` is mostly a cue of that facet ("which district", "在哪些区")."""
        found = [
            f
            for entry, pattern in self._facets
            if entry == facet_entry and pattern is not None
            for f in [pattern.search(term)]
            if f
        ]
        return any(2 * (f.end() - f.start()) >= len(term) for f in found)

    def without_markers(self, norm: str) -> str:
        """What a follow-up names itself: the message less its follow-up words and marks."""
        if self._marker_words is None:
            return _PUNCT.sub(" ", norm).strip()
        return _PUNCT.sub(" ", self._marker_words.sub(" ", norm)).strip()

    def _corrects(self, norm: str) -> bool:
        """Whether the message says what was meant and what was not ("不是…，我问的是…").

        The meant word first: it opens with a literal, so most messages are passed over fast."""
        return (
            _found(self._meant, norm)
            and self._not_meant is not None
            and (self._not_meant.search(norm) is not None)
        )

    def corrected(self, norm: str) -> str:
        """What a correction asks ("不是啊，我问的是全市那五个办公室" -> "全市那五个办公室").

        The clause after the word saying what was meant, without what it was not; the whole
        message when it corrects nothing. "不是两化 是两业" says both at once."""
        at_once = _NOT_THIS_BUT.match(norm)
        if at_once is not None:
            return _PARTICLE_END.sub("", at_once.group(1).strip())
        meant = self._meant.search(norm) if self._meant and self._corrects(norm) else None
        if meant is None or self._not_meant is None:
            return norm
        rest = _PUNCT_OPENING.sub("", norm[meant.end() :])
        end = min(
            (
                found.start()
                for found in (_CLAUSE_END.search(rest), self._not_meant.search(rest))
                if found is not None
            ),
            default=len(rest),
        )
        clause = _PARTICLE_END.sub("", rest[:end].strip())
        # "不对，我是问那个8": the word pointing at it is no part of what is meant.
        pointed = _POINTING_OPENING.sub("", clause)
        clause = pointed if len(pointed) == 1 else clause
        # "不是21，我问的是8": one character is what is asked instead ("那8呢").
        if len(clause) == 1 and clause.isalnum():
            return f"那{clause}呢"
        # "我问的是12218里的" leaves out what it is of: the last answer's, so the whole stays.
        return clause if len(clause) >= 2 and not clause.endswith(("的", "嘅")) else norm

    def without_source_words(self, norm: str) -> str:
        """A message less the words that ask where an answer comes from ("出自哪里")."""
        return self._source.sub(" ", norm) if self._source else norm

    def speaks_of_home(self, text: str) -> bool:
        """Whether `text` (an entry's title, say) names Guangzhou or its plan anywhere."""
        return _found(self._home, text)

    def _names_home(self, norm: str, names_elsewhere: bool) -> bool:
        """Whether the message names Guangzhou or its plan as what it asks about.

        Not when another place is asked about and the plan is only what it is likened to
        ("杭州有没有类似12218的产业规划")."""
        found = list(self._home.finditer(norm)) if self._home else []
        if not found:
            return False
        if not names_elsewhere:
            return True
        return any(
            not (self._like_before and self._like_before.search(norm[: m.start()]))
            and not (_PLAN_NAME_WORD.search(m.group()) and self._owned_elsewhere(norm[: m.start()]))
            for m in found
        )

    def _owned_elsewhere(self, before: str) -> bool:
        """Whether the plan's name that follows `before` is another place's.

        "深圳的12218", "佛山也出了个自己的12218", "东莞的产业体系也叫12218"."""
        clause = _CLAUSE_END.split(before)[-1]
        owners = list(self._other.finditer(clause)) if self._other else []
        if not owners:
            return False
        owner = owners[-1]
        between = clause[owner.end() :]
        # ...with no other name of the city in between ("深圳跟广州的12218" is ours).
        return _OWNED.match(between) is not None and all(
            _PLAN_NAME_WORD.search(m.group())
            for m in (self._home.finditer(between) if self._home else ())
        )

    def _place(self, norm: str, district: str | None, names_home: bool) -> Place:
        if district is not None:
            return Place.DISTRICT
        if names_home:
            return Place.GUANGZHOU
        # The province or the nation only in what "people say", told after the question
        # ("生物制造算集群还是未来产业？我看到国家说是未来产业"), is not what it asks of.
        asked = self._without_premises(norm, after_first=True)
        if _found(self._province, asked):
            return Place.PROVINCE
        if _found(self._other, norm):
            return Place.OTHER
        if _found(self._national, asked) or _found(self._national_topics, asked):
            return Place.NATIONAL
        return Place.NONE

    def _broad_entry(self, norm: str) -> str | None:
        """The entry for a broad question about Guangzhou's economy, if this is one."""
        if not _found(self._broad, norm):
            return None
        for entry, cues in self._broad_rules:
            if _found(cues, norm):
                return entry
        return self.scope.broad_default

    def level_named(self, norm: str) -> Place | None:
        """The province or the nation, when the message names either ("广东省的清单")."""
        return next(
            (p for p in (Place.PROVINCE, Place.NATIONAL) if self.names_level(norm, p)), None
        )

    def names_level(self, text: str, level: Place) -> bool:
        """Whether `text` names the province (`Place.PROVINCE`) or the nation."""
        pattern = self._province if level is Place.PROVINCE else self._national
        return _found(pattern, text)

    def cue_entry(self, norm: str) -> str | None:
        """The entry a broad question's cue picks ("上千亿" -> the 100-billion clusters), or None.

        Whether or not the message is a broad one: after an answer, "哪几个已经上千亿" asks
        the same of what was just told."""
        return next((entry for entry, cues in self._broad_rules if _found(cues, norm)), None)

    def _elsewhere_gives(self, asked: str) -> bool:
        """Whether another place opens the question as the one that gives or decides.

        "东莞对从广州搬过去的工厂有啥补贴" asks Dongguan's subsidies: Guangzhou is only
        where the factories come from."""
        opening = self._other.match(asked.lstrip()) if self._other else None
        return opening is not None and _GIVER_AFTER.match(asked.lstrip(), opening.end()) is not None

    def _asks_only_elsewhere(self, part: str, whole: str) -> bool:
        """Whether the last part of a message (`whole`) asks about another place, not Guangzhou."""
        return bool(
            part != whole
            and _QUESTION_WORD.search(part)
            and _found(self._other, part)
            and not (_found(self._home, part) or _found(self._together, part))
            and not _ALLUDES.search(part)
            and self._districts_in(part)[0] is None
        )

    def _districts_in(self, text: str) -> tuple[str | None, str | None]:
        """The district named first in `text`, and the first one asked about.

        Where the asker says he is ("我家在番禺") is named but not asked about."""
        named: str | None = None
        for found in self._district_names.finditer(text) if self._district_names else ():
            district = self._district_of.get(found.group())
            named = named or district
            if not (
                _ASKER_IS_IN.search(text[: found.start()]) or self._told_before_asking(text, found)
            ):
                return named, district
        return named, None

    def _told_before_asking(self, text: str, found: re.Match[str]) -> bool:
        """Whether a district is named in the asker's own story, before he asks of the city.

        "增城做显示模组的供应商，新型显示这条线市里怎么看" is asked from 增城, about the city."""
        # A voice message's clauses are spaces ("白云这边做化妆品代加工的 我们这行…算哪一块").
        end = _CLAUSE_END.search(text, found.end()) or _SPACE.search(text, found.end())
        if end is None:
            return False
        told, rest = text[: end.start()], text[end.end() :]
        # "做服装十几年了" tells how long, it asks nothing.
        if _QUESTION_WORD.search(_SOME.sub("", told)) or not _ASKERS_OWN.search(told):
            return False
        asks = _ASKS_SOMETHING.search(rest) or _found(self._coverage, rest)
        return bool(_CITY_ASKED.search(rest) and asks) and not (
            self._district_names and self._district_names.search(rest)
        )

    def without_asking_words(self, norm: str) -> str:
        """The message less what asks and where: "12218入面有冇讲宠物经济" -> "宠物经济".

        Coverage cues, question words, follow-up words, the city and the plan, and the words
        that place a thing in a text (入面, 里面, 方面)."""
        for pattern in (self._coverage, self._home, self._marker_words, _QUESTION_WORD):
            norm = pattern.sub(" ", norm) if pattern is not None else norm
        return _PLACED_IN.sub(" ", norm)

    def _asks_instead(self, norm: str) -> bool:
        """ "那8呢", "另一个主攻方向呢", or just "8呢": the last question about something else."""
        # "(那)2025年呢" or "去年呢" after a figure asks the same entry for another year.
        named = self.without_markers(norm)
        if re.fullmatch(r"(?:19|20|21)[0-9]{2}\s*年?", named) or _RELATIVE_YEAR.fullmatch(named):
            return False
        if _found(self._instead, norm):
            return True
        short = _SHORT_INSTEAD.fullmatch(norm.strip()) or _SHORT_INSTEAD_EN.fullmatch(norm.strip())
        return bool(short) and not (_YEAR.search(norm) or _RELATIVE_YEAR.search(norm))

    def _pleasantry_only(self, norm: str) -> bool:
        """Whether a message greets, thanks or says goodbye and asks nothing.

        "谢谢，低空经济那段讲得挺清楚的👍" and "晚安啦，明天再来问未来产业" are pleasantries
        with a remark; "谢谢，那低空经济呢" asks."""
        greeting = self._rules.get("greeting")
        # ...nor asks in a "A不A" form or in Cantonese ("算不算绿色集群 谢谢", "系乜嘢嚟 谢谢");
        # praise of the detail asks for none ("多谢晒，好详细").
        said = _PRAISED_DETAIL.sub(" ", norm)
        if greeting is None or any(p.search(said) for p in (_ASKS_SOMETHING, _A_NOT_A, _ALSO_ASKS)):
            return False
        clauses = [_ADDRESSED.sub("", c).strip() for c in _PLEASANTRY_CLAUSE.split(norm)]
        # ...said with a particle: "谢谢啊", "辛苦啦".
        greeted = [
            c
            for c in clauses
            if _PUNCT.sub("", c) in greeting.whole
            or _PARTICLE_END.sub("", _PUNCT.sub("", c)) in greeting.whole
        ]
        if not greeted:
            return False
        # ...and says something besides: "你好，低空经济" (a name and no more) asks about it.
        remark = self._besides_names(" ".join(c for c in clauses if c not in greeted))
        return _says_more(remark, latin_words=3) or _found(self._remarks, remark)

    def _besides_names(self, text: str) -> str:
        """`text` less the base's names, the city's and the words for a topic in general."""
        rest = _GENERIC_NOUNS.sub(" ", self._without_plan_names(text))
        return self._home.sub(" ", rest) if self._home is not None else rest

    def _remark_only(self, norm: str) -> bool:
        """Whether a message makes a remark beside a plan word and asks nothing.

        A laugh, venting or a notice (scope.yaml's `remarks`): "哈哈哈两业融合，我跟我老婆也是
        两业融合", "我钱包很低空😂", "明早10点例会，议题：…" are group chatter, not look-ups;
        "两业融合 哈哈" (a name and a laugh) and "…是真的有一万亩地吗哈哈" (a question) are
        looked up."""
        if not _found(self._remarks, norm):
            return False
        # A plan name echoed with a question mark before the joke ("专精特新？我只专精摸鱼😂")
        # asks nothing.
        said = "".join(
            piece
            for piece in _AFTER_QUESTION_MARK.split(norm)
            if not (
                piece.rstrip().endswith(("？", "?"))
                and _CJK_CHAR.search(piece)  # an English "True?" asks
                and not _CJK_CHAR.search(self._without_plan_names(piece.rstrip()[:-1]))
            )
        )
        # ...nor asks in a "A不A" form ("算不算", "高不高"), nor says what the asker means to do
        # ("我嘅五金厂想搞数字化转型": he wants to know how).
        if any(p.search(said) for p in _ASKS_AFTER_ALL):
            return False
        return _says_more(self._besides_names(norm), latin_words=4)

    def without_set_aside(self, norm: str) -> str:
        """`norm` without what the asker says he is not asking (all of it, when that is all)."""
        # Most messages hold no word of it: a twentieth of the full search's time.
        if self._set_aside is None or not _found(self._set_aside_cue, norm):
            return norm
        return self._set_aside.sub(" ", norm).strip() or norm

    def with_pronoun_named(self, norm: str, name: str) -> str:
        """`norm` with its first pronoun pointing back ("它") replaced by `name`."""
        found = self._pronoun.search(norm) if self._pronoun else None
        return norm if found is None else f"{norm[: found.start()]}{name}{norm[found.end() :]}"

    def _calls_member(self, text: str) -> bool:
        """Whether `text` opens by calling another member of the group and speaking to him."""
        return (
            self._member_called is not None
            and self._member_called.search(text) is not None
            and _CALLS_BOT.search(text) is None
        )

    def _statement_only(self, norm: str) -> bool:
        """Whether a message tells a group something and asks nothing (scope.yaml's `statements`).

        "宣讲会后天2点开始，三楼大会议室", "我觉得量子科技离我哋太远喇" are told to the group;
        "群友说…" (hearsay told) and "…求证" (a check) are claims, and "各位，低空经济算哪一类"
        asks."""
        if not _found(self._statements, norm):
            return False
        if any(p.search(norm) for p in (*_ASKS_AFTER_ALL, _ALSO_ASKS_PLAINLY)):
            return False
        if any(_found(words, norm) for words in (self._check, self._heard, self._premises)):
            return False
        return _says_more(self._besides_names(norm), latin_words=4)

    def _without_plan_names(self, text: str) -> str:
        """`text` with the base's names (three characters or more) blanked out."""
        longest = self._plan_name_longest
        for size in range(min(longest, len(text)), 2, -1):
            for i in range(len(text) - size + 1):
                if text[i : i + size] in self._plan_names:
                    text = text[:i] + " " * size + text[i + size :]
        return text

    def _facet_entry(self, asked: str) -> str | None:
        """The entry that answers what this message asks of a topic, if that is all it asks.

        "人工智能怎么定位，有没有专门的办公室" asks two things; the topic's own entry, which
        speaks of its office too, answers both."""
        for entry, cues in self._facets:
            if not _found(cues, asked):
                continue
            others = [
                clause
                for clause in _CLAUSE_END.split(asked)
                if _QUESTION_WORD.search(clause)
                and not _found(cues, clause)
                and not _found(self._apply, clause)
            ]
            return None if others else entry
        return None


def _ordinal(norm: str) -> int | None:
    """Which item of a list a message points at: "第三个" -> 2, "最后一个" -> -1."""
    found = _ORDINAL.search(norm)
    if found is None:
        return None
    word = found.group(1) or found.group(2) or ""
    if word.isdigit():
        return int(word) - 1 if int(word) > 0 else None
    if word in ("last", ""):
        return -1
    return _ORDINAL_WORDS.index(word) % 10


def without_ordinal(norm: str) -> str:
    """The message less the words that point at an item ("第三个展开说说" -> "展开说说")."""
    return _ORDINAL.sub(" ", norm).strip()


def amounts_claimed(claim: str) -> list[str]:
    """The amounts a claim names, as an entry would write them ("2个亿" -> "2亿", "五百万")."""
    return [re.sub(r"\s|个", "", m.group()) for m in _CLAIMED_FIGURE.finditer(claim)]


def _says_more(remark: str, *, latin_words: int) -> bool:
    """Whether what a message says besides names is a remark of its own.

    Four characters or more, or `latin_words` English words (thanks take three)."""
    return (
        len(_CJK_CHAR.findall(remark)) >= _REMARK_CHARS
        or len(textmod.LATIN_WORD.findall(remark)) >= latin_words
    )


# Writing the asker does himself, named as what his question is for ("为撰写专题调研报告，请简要
# 说明…", "想写个report，两业融合的…有哪些？", "作文素材：…是什么意思"), not asked of the bot.
_PURPOSE = re.compile(r"为|想|要|准备|打算|正在|我在|我们在|需|素材|用于|让我|叫我")
_ASKED_OF_BOT = re.compile(r"帮|替|给我|请你|你|麻烦|能否|能不能|可不可以|可否|求|吗|呢")
_PURPOSE_CLAUSE_END = re.compile(r"[，,；;。？?！!：:]")


def _asks(norm: str) -> bool:
    """Whether a message asks something: a question word or mark, or a request."""
    return bool(_QUESTION_WORD.search(norm) or _REQUEST.search(norm) or re.search(r"[？?]", norm))


def _writes_for_itself(
    rule: _CompiledRule, norm: str, inside_name: Callable[[str, int, int], bool]
) -> bool:
    """Whether a request to write is only what the asker's question is for.

    The clause naming the writing says it is his ("为撰写…报告", "我们写申报书需要引用") and
    asks nothing of the bot; another clause, with no writing in it, asks the question."""
    parts = [p for p in _PURPOSE_CLAUSE_END.split(norm) if p.strip()]
    writing = [p for p in parts if rule.matches(p, "", inside_name)]
    if not writing or len(writing) == len(parts):
        return False
    return all(
        _PURPOSE.search(p) is not None and _ASKED_OF_BOT.search(p) is None for p in writing
    ) and any(_asks(p) for p in parts if p not in writing)


def _without_introduction(norm: str) -> str:
    """A message less the asker's opening words about himself, when more follows.

    "我是中学政治老师，想给学生举例：广州哪个区工业最强？": 中学 is who he is, not a
    school place he asks about."""
    found = _INTRODUCTION.search(norm, 0, _OPENING)
    return norm[found.end() :] if found and len(norm) - found.end() >= _FULL_QUESTION // 2 else norm


def _label_opening(labels: tuple[str, ...]) -> re.Pattern[str] | None:
    """A label opening a message, with the colon or space after it ("简答题:", "判断题 ")."""
    alternation = _alternation(labels)
    return re.compile(rf"^\s*(?:{alternation})\s*[:\s]\s*") if alternation else None


def _lead_in_opening(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """Lead-ins opening a message, one after another, each with its pause ("请问，能不能告诉我")."""
    alternation = _alternation(words)
    return re.compile(rf"^(?:\s*(?:{alternation})\s*[,，:：]?\s*)+") if alternation else None


def _opening_a_clause(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """`words` where they open the message or a clause: "不是啊" but not "是不是"."""
    alternation = _alternation(words)
    return re.compile(rf"(?:^|(?<=[\W_]))(?:{alternation})(?![a-z])") if alternation else None


def _the_ask(norm: str) -> str:
    """What a long message asks: all of a short one.

    Its last sentence when that is a full question of its own, else its last two."""
    last = _last_sentences(norm, 1)
    asks = bool(_QUESTION_WORD.search(last)) or last.rstrip().endswith(("？", "?"))
    if last != norm and len(last) >= _FULL_QUESTION and asks:
        return last
    return _last_sentences(norm, 2)


def without_preamble(norm: str) -> str:
    """A question without the line that introduces it ("请问市发改委:", "第一财经:")."""
    found = _PREAMBLE.match(norm)
    if found and len(norm) - found.end() >= _FULL_QUESTION // 2:
        return norm[found.end() :]
    return norm


def clauses(norm: str) -> list[str]:
    """The clauses of a message, between punctuation, 以及 or 还有 (empty ones left out)."""
    return [c for c in _CLAUSE_END.split(norm) if c.strip()]


def last_clause_question(norm: str) -> str | None:
    """The last clause of a message with a lead-in, when it is a question of its own.

    "我们社区要组织学习，能不能用大白话讲讲12218是干什么的" -> the part after the comma."""
    clauses = [c for c in re.split(r"[，,；;。]", norm) if c.strip()]
    if len(clauses) < 2:
        return None
    last = clauses[-1].strip()
    if len(last) < _FULL_QUESTION // 2 or not _QUESTION_WORD.search(last):
        return None
    return last


def last_sentence(norm: str) -> str:
    """A long message's last sentence (all of a short one)."""
    return _last_sentences(norm, 1)


def final_sentence(norm: str) -> str:
    """A message's last sentence, however short the message."""
    sentences = _sentences(norm)
    return sentences[-1] if sentences else norm


def _final_clause(sentence: str) -> str:
    """A sentence's last clause: what follows its last comma."""
    return _CLAUSE_COMMA.split(sentence.rstrip("，,、 "))[-1]


def _last_sentences(norm: str, count: int) -> str:
    if len(norm) <= LONG_MESSAGE:
        return norm
    sentences = _sentences(norm)
    return "".join(sentences[-count:]) if len(sentences) > count else norm


def _sentences(norm: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(norm) if part.strip()]


def _first(pattern: Searchable | None, norm: str) -> str | None:
    found = pattern.search(norm) if pattern else None
    return found.group() if found else None


# An amount asked in a unit: "多少家", "几个", "多少亿". Only these units: an entry that states
# such an amount writes a number before the unit (15个, 1000家, 4470亿).
_UNIT_ASKED = re.compile(
    r"多少(家|个|亿|台|辆|座|所|间|吨)(?![0-9一-九])|(?:几多|有几|共几)(家|间|吨)(?![0-9一-九])"
)


# ...and money ("投了多少钱", "市财政出几多") or a day ("几月几号印发"), stated as such.
_MONEY_ASKED = re.compile(
    r"(?:多少|几多)(?:钱|资金|经费)|(?:投|出|拨|砸|花|给)(?:了|咗)?(?:多少|几多)(?!家|个|间|人)|"
    r"how much (?:money|funding|cash)|"
    r"how much (?:does|do|did|will) [a-z ]{1,30}(?:spend|invest|put in|give)"
)
# A share asked ("完成了百分之几", "各占几成"): stated as a percentage, 几成 or 百分之….
_SHARE_ASKED = re.compile(r"百分之几|几成|几多成|百分比是|what share|what percent")
_DAY_ASKED = re.compile(r"几月几[号日]|哪一?天(?!.*(?:开始|起))|几号(?:印发|发布|开|出台)")


def _asked_unit(norm: str) -> str:
    norm = _NOT_ASKED.sub(" ", norm)  # "不问能拿多少钱，就想知道…" asks no amount
    if _MONEY_ASKED.search(norm):
        return "钱"
    if _SHARE_ASKED.search(norm):
        return "%"
    if _DAY_ASKED.search(norm):
        return "日"
    found = _UNIT_ASKED.search(norm)
    return (found.group(1) or found.group(2)) if found else ""


_HEAD = re.compile(r"[\u3400-\u9fff]{2,4}$")
# Words between what is asked and the amount: "增速(现在是)多少", "总规模(一共是)多少亿".
_HEAD_FILLER = re.compile(
    r"(?:是|有|为|达到|达|现在|目前|一共|总共|到底|大概|大约|共|总|能|会|要|了|的|占|约|还|已经|又|都|"
    r"做到|一年|每年|今年|去年|分别|具体|究竟)+$"
)


def _found(pattern: Searchable | None, norm: str) -> bool:
    return bool(pattern and pattern.search(norm))
