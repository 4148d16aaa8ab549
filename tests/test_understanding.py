"""Understanding before matching: follow-ups, districts, broad questions, spoken numbers, and a
scope file a curator can break only with a clear `file:line` message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import text
from bot.answer_lists import listed_items
from bot.conversation import RecentAnswers
from bot.knowledge import KnowledgeBase, KnowledgeBaseError, load
from bot.matcher import Matcher
from bot.understanding import Understander, phrases_pattern
from tests.paths import REPO


def _entry_id(matcher: Matcher, question: str, context: str | None = None) -> str | None:
    told = matcher.kb.entry(context) if context else None
    best = matcher.match(question, context=told).best
    return best.entry.id if best else None


def test_follow_up_is_read_against_the_last_answer(matcher: Matcher):
    """After an answer about an entry, "具体哪些区在做" style follow-ups lean on it."""
    alone = matcher.match("那它的英文名叫什么")
    followed = matcher.match(
        "那它的英文名叫什么", context=matcher.kb.entry("clusters-low-altitude-aerospace")
    )
    assert alone.best is None or alone.best.entry.id != "clusters-low-altitude-aerospace"
    assert followed.best is not None
    assert followed.best.entry.id == "clusters-low-altitude-aerospace"
    assert followed.follow_up


def test_a_question_that_stands_alone_is_never_bent(matcher: Matcher):
    """A question with its own topic gets the same answer whatever the chat was told."""
    for question in ("专精特新是什么", "番禺2104是什么", "那番禺呢"):
        alone = _entry_id(matcher, question)
        assert alone is not None
        assert _entry_id(matcher, question, context="enablers-tianhe-12126") == alone


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("一二二一八是什么", "12218是什么"),
        ("幺二二幺八体系", "12218体系"),
        ("二十一加八指哪些产业", "21+8指哪些产业"),
        # ...the first number read digit by digit, and no later one swallowing what follows.
        ("二一加八系咩", "21+8系咩"),
        ("二十一加八一共几个", "21+8一共几个"),
        ("三加五加三加一", "3+5+3+1"),
        ("两\u200b业\u200b融\u200b合是什么", "两业融合是什么"),
        ("十四五规划", "十四五规划"),
        ("Guangzhou\u2019s clusters", "guangzhou's clusters"),
        ("一万两千二百一十八是什么", "12218是什么"),
        ("一万二", "12000"),
        ("三千亿元", "三千亿元"),
        ("twelve two eighteen, what is it", "12218, what is it"),
        ("One-two-two-one-eight", "12218"),
        ("twenty-one plus eight", "21+8"),
        ("one of the two directions", "one of the two directions"),
        ("十一个区怎么分工", "11个区怎么分工"),
        ("十五个集群加六个未来产业", "15个集群加6个未来产业"),
        ("第三个是什么，一个办公室还是两化转型", "第三个是什么,一个办公室还是两化转型"),
        ("一二二一八它那个二是指什么", "12218的2是指什么"),
        ("12218里面的两业融合", "12218里面的两业融合"),
        ("AI+制造", "ai plus 制造"),
        ("21+8", "21+8"),
        (
            "1\ufe0f\u20e32\ufe0f\u20e32\ufe0f\u20e31\ufe0f\u20e38\ufe0f\u20e3 到底啥意思",
            "12218 到底啥意思",
        ),
    ],
    ids=[
        "digits",
        "yao",
        "sum",
        "sum-read-digit-by-digit",
        "sum-before-a-word",
        "support-system",
        "zero-width",
        "words-untouched",
        "apostrophe",
        "read-out-in-full",
        "said-short",
        "magnitude-untouched",
        "english-read-aloud",
        "english-digits",
        "english-sum",
        "english-words-untouched",
        "counted-districts",
        "counted-clusters",
        "ordinals-one-and-names-untouched",
        "a-digit-of-the-plan",
        "a-plan-name-after-the-plan-untouched",
        "a-latin-name-plus",
        "a-sum-of-numbers-untouched",
        "keycap-emoji-digits",
    ],
)
def test_spoken_numbers_and_invisible_characters(question: str, expected: str):
    """Numbers read aloud become the digits the base writes; invisible characters vanish."""
    assert text.normalize(text.clean(question)) == expected


@pytest.mark.parametrize(
    "question",
    [
        "一二二一八是什么",
        "两\u200b业\u200b融\u200b合是什么",
        "二十一加八指哪些产业",
        "twelve two eighteen, what's that thing Guangzhou officials keep talking about",
    ],
)
def test_spoken_and_invisible_forms_are_answered(matcher: Matcher, question: str):
    """The same questions typed by voice or pasted with invisible characters are answered."""
    assert matcher.match(question).best is not None


def test_district_question_gets_the_district(matcher: Matcher):
    """A question about a district with no other topic is answered with that district."""
    best = matcher.match("番禺在里面扮演什么角色").best
    assert best is not None
    assert "番禺" in best.entry.title


@pytest.mark.parametrize(
    "template",
    ["{d}在12218里负责什么", "{d}区在广州产业体系里是什么定位", "What is {en} district's role?"],
)
def test_every_district_question_gets_that_districts_own_entry(matcher: Matcher, template: str):
    """For each district in the scope, a question about its part in the plan is answered by
    the entry the scope names as that district's own, not by a neighbour naming it too."""
    scope = matcher.kb.scope
    assert len(scope.district_entries) == 11
    for district, entry_id in scope.district_entries.items():
        english = next(n for n in scope.districts[district] if n.isascii())
        question = template.format(d=district, en=english.title())
        assert _entry_id(matcher, question) == entry_id, question


def test_district_with_a_topic_gets_the_entry_naming_both(matcher: Matcher):
    """A district and a place inside it ("黄埔的生物岛") get the place's entry, not the
    district's; a topic the district's entry speaks of keeps the district's entry."""
    best = matcher.match("黄埔的生物岛是做什么的").best
    assert best is not None and "生物岛" in best.entry.title
    best = matcher.match("金融城是干什么的").best
    assert best is not None and "金融城" in best.entry.title


def test_broad_question_gets_the_plan(matcher: Matcher):
    """A journalist's broad question about Guangzhou's economy gets the plan, not silence."""
    result = matcher.match("广州经济还能挑大梁吗？")
    assert result.best is not None
    assert result.best.entry.pillar == "overall"
    assert result.broad


def test_gap_phrases_match_across_their_gap(kb: KnowledgeBase):
    """A scope phrase written with `…` matches with words between its parts ("全国…有多少"
    declines "全国现在一共有多少家小巨人" as national), not only as typed."""
    from bot.understanding import Understander
    from bot.vocabulary import Refusal

    understander = Understander(kb.scope)
    understood = understander.understand(text.normalize("全国现在一共有多少家专精特新小巨人"))
    assert understood.refusal is Refusal.NATIONAL


@pytest.mark.parametrize(
    ("message", "declined"),
    [
        ("Which stock should I buy for AI?", True),
        ("stock tips for the low-altitude economy", True),
        ("Guangzhou's livestock industry and the 12218 plan", False),  # livestock, not stock
        ("What are Guangzhou's restocking policies for factories?", False),
    ],
)
def test_english_scope_words_match_whole_words_only(kb: KnowledgeBase, message: str, declined):
    """An English scope word declines a message only as a whole word: "stock" declines a
    stock tip, not "livestock" or "restocking"."""
    from bot.understanding import Understander

    understood = Understander(kb.scope).understand(text.normalize(message))
    assert (understood.refusal is not None) is declined, understood


@pytest.mark.parametrize(
    ("question", "title_word"),
    [
        ("广州汽车是不是不行了 广汽都卖不动了还说重点发展？", "汽车"),
        ("文化创意算不算广州重点产业啊 我是做设计的想知道有没有前途", "文化创意"),
        ("12218有没有专门的咨询电话可以打？", "12345"),
    ],
    ids=["chatter-around-a-topic", "plan-part-beside-advice", "plan-hotline-not-a-number"],
)
def test_plan_questions_wrapped_in_chatter_are_answered(
    matcher: Matcher, question: str, title_word: str
):
    """Guangzhou and a plan topic named amid chatter, a plan question beside a wish for
    advice, and a question about the plan's hotline are answered, not declined."""
    best = matcher.match(question).best
    assert best is not None, matcher.match(question).refusal
    assert title_word in best.entry.title + " ".join(best.entry.keywords)


@pytest.mark.parametrize("question", ["广州还能翻身吗？", "广州还行不行啊", "广州经济是不是凉了"])
def test_broad_question_about_the_city_gets_the_overview(matcher: Matcher, question: str):
    """ "广州还能翻身吗" names no part of the plan: it gets the scope's broad answer, not silence
    and not an entry that merely shares a common word."""
    result = matcher.match(question)
    assert result.best is not None and result.broad
    assert result.best.entry.id == matcher.kb.scope.broad_default


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("广州为啥这几年这么强调制造业", "overall-industry-first"),
        ("广州为什么现在要构建这个产业体系", "overall-why-now"),
    ],
)
def test_a_broad_why_gets_the_entry_its_cue_names(matcher: Matcher, question: str, expected: str):
    """Why manufacturing is answered by the overall requirement (产业第一、制造业立市); why the
    plan at all, by the entry on why now."""
    assert _entry_id(matcher, question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("广州战略性新兴产业规模多大", "clusters-strategic-emerging-industries-scale"),
        ("广州主要想发展哪些新兴产业", "clusters-overview"),
        ("广州经济规模有多大", "overall-economy-figures"),
    ],
)
def test_a_topic_that_contains_a_broad_cue_is_still_a_topic(
    matcher: Matcher, question: str, expected: str
):
    """ "战略性新兴产业规模" contains the broad cue 规模 but names a topic of its own: it gets
    that topic's entry, not the city's economic figures."""
    assert _entry_id(matcher, question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("广州接下来的增长点会在哪", "enablers-2026-tracks"),
        ("广州哪些产业过千亿了", "clusters-six-100-billion-clusters"),
        ("广州有几个产业做到千亿规模", "clusters-six-100-billion-clusters"),
        ("Which part of Guangzhou leads in robotics?", "enablers-industries-by-district"),
        ("万亩千亿产业平台具体指什么", "enablers-wanmu-qianyi-platforms"),
    ],
)
def test_broad_cues_pick_the_closer_entry(matcher: Matcher, question: str, expected: str):
    """The city's next growth poles are the 2026 tracks; what it is already big in is its
    100-billion-yuan clusters; a platform's own name is not a cue."""
    assert _entry_id(matcher, question) == expected


def test_broad_question_whose_everyday_word_finds_no_entry_still_gets_the_overview(
    matcher: Matcher,
):
    """ "是不是还得靠工厂" names 工厂, which leads to no entry clearly: the broad question about
    the city still gets the overview, not silence. One that asks a name or an amount does not."""
    result = matcher.match("广州这些年经济到底靠什么撑着？说到底是不是还得靠工厂")
    assert result.best is not None and result.broad
    assert result.best.entry.id == matcher.kb.scope.broad_default
    asks_a_name = matcher.match("广州推产业链链长制，每条链的链长分别是哪位市领导")
    assert asks_a_name.best is None or not asks_a_name.confident


def test_broad_question_in_a_chat_is_not_read_as_a_follow_up(matcher: Matcher):
    """Asked right after an answer on 两业融合, "广州还能翻身吗？" still gets the broad answer,
    not 两业融合 again."""
    told = matcher.kb.entry("fusion-overview")
    result = matcher.match("广州还能翻身吗？", context=told)
    assert result.best is not None and result.broad
    assert result.best.entry.id != "fusion-overview"


def test_broad_question_measuring_the_city_against_another_gets_the_overview(matcher: Matcher):
    """ "广州是不是已经被深圳甩开了，还有什么王牌？" is about Guangzhou's prospects: naming
    Shenzhen does not make it a question about Shenzhen's plan, and it is not left unanswered."""
    result = matcher.match("说实话广州是不是已经被深圳甩开了，还有什么王牌？")
    assert result.best is not None and result.broad
    assert result.best.entry.pillar == "overall"


def test_elliptical_follow_up_without_a_pointing_word(matcher: Matcher):
    """In a chat just told about 专精特新, "广州现在有几多间？" is about them; asked alone it
    is not answered with them."""
    told = matcher.kb.entry("fusion-specialised-smes")
    alone = matcher.match("广州现在有几多间？").best
    assert alone is None or alone.entry.id != "fusion-specialised-smes"
    followed = matcher.match("广州现在有几多间？", context=told)
    assert followed.best is not None and followed.best.entry.id == "fusion-specialised-smes"


def test_follow_up_asking_for_support_gets_the_topics_support_entry(matcher: Matcher):
    """After an answer on a cluster, "那它有专门的扶持政策吗" gets the support entry on that
    cluster's policies, not the cluster's overview again."""
    told = matcher.kb.entry("clusters-artificial-intelligence")
    best = matcher.match("那它有专门的扶持政策吗", context=told).best
    assert best is not None and best.entry.id in matcher.kb.scope.support_entries
    assert "人工智能" in best.entry.title


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("低空经济和航空航天有专门的办公室吗", "clusters-low-altitude-aerospace"),
        ("新型显示和集成电路为什么合成一个办公室", "clusters-uhd-video-new-display"),
        (
            "Is there a dedicated government office in Guangzhou for connected and new energy "
            "vehicles?",
            "clusters-intelligent-connected-nev",
        ),
    ],
)
def test_a_question_about_a_topics_office_gets_the_offices_entry(
    matcher: Matcher, question: str, topic: str
):
    """Asked whether an industry has its own office, the bot answers with the entry on the
    five offices and offers the industry's own entry beside it."""
    result = matcher.match(question)
    assert result.best is not None and result.best.entry.id == "enablers-key-industry-offices"
    assert topic in {m.entry.id for m in result.alternatives}


def test_an_office_that_is_not_the_question_does_not_redirect_it(matcher: Matcher):
    """The asker's own office in the story, or an office asked beside another question, leaves
    the answer with the topic's own entry."""
    story = (
        "我们是一家做SaaS的创业公司，办公室在天河软件园。上周投资人问我们的赛道是不是政府重点"
        "支持的。软件与互联网在广州的产业体系里是什么定位？"
    )
    assert _entry_id(matcher, story) == "clusters-software-internet"
    both = "广州的人工智能产业在12218里怎么定位，有没有专门的产业办公室？"
    assert _entry_id(matcher, both) == "clusters-artificial-intelligence"


def test_a_follow_up_about_the_office_gets_the_offices_entry(matcher: Matcher):
    """After an answer on the low-altitude economy, "那它有没有专门的发展办公室" is answered by
    the offices entry."""
    told = "clusters-low-altitude-aerospace"
    assert _entry_id(matcher, "那它有没有专门的发展办公室", told) == (
        "enablers-key-industry-offices"
    )


@pytest.mark.parametrize(
    "question",
    [
        "周末去从化泡温泉 突然好奇旅游休闲算不算广州的重点产业啊",
        "坐地铁路过科学城，科学城是做什么产业的",
    ],
)
def test_city_life_in_the_background_does_not_decline_a_plan_question(
    matcher: Matcher, question: str
):
    """A hot spring or a metro ride mentioned on the way to a question about industry does
    not make the question a city errand."""
    assert matcher.match(question).refusal != "city-service"
    assert matcher.match(question).best is not None


def test_a_district_in_a_long_messages_story_is_not_what_it_asks(matcher: Matcher):
    """ "我们公司在黄埔做机器人……想了解市里在机器人这块怎么定位" asks about the city's
    robotics, not about Huangpu; the same district in the question itself still counts."""
    story = (
        "我们公司在黄埔做工业机器人，去年开始接到一些本地车企的订单。"
        "最近园区开会反复提到具身智能训练场。想了解一下市里在机器人这块是怎么定位的？"
    )
    result = matcher.match(story)
    assert result.understanding is not None and result.understanding.district is None
    assert result.best is not None and "黄埔" not in result.best.entry.title
    asked = story.replace("市里在机器人这块", "黄埔在机器人这块")
    understood = matcher.match(asked).understanding
    assert understood is not None and understood.district == "黄埔"


def test_english_name_of_the_plan_yields_to_the_topic_beside_it(matcher: Matcher):
    """ "the 2035 goals of Guangzhou's modern industrial system" asks about the goals: the
    plan's English name only sets the context, as 12218 does in Chinese."""
    best = matcher.match(
        "For a feature I'm writing: what are the 2035 goals of Guangzhou\u2019s modern "
        "industrial system?"
    ).best
    assert best is not None and "2035" in best.entry.title


def test_recent_answers_forget_after_ttl_and_stay_bounded():
    """Follow-up memory forgets after its time and never holds more than its size."""
    now = [0.0]
    recent = RecentAnswers(max_size=2, ttl=600, clock=lambda: now[0])
    a, b, c = (recent.conversation(chat) for chat in (1, 2, 3))
    recent.remember(a, "x")
    recent.remember(b, "y")
    recent.remember(c, "z")
    assert len(recent) == 2
    assert recent.recall(a) is None
    assert recent.recall(c) == "z"
    now[0] = 601
    assert recent.recall(c) is None
    key = recent.conversation(123456789)
    assert "123456789" not in key  # the key is a keyed hash, not the chat id
    assert key != RecentAnswers().conversation(123456789)  # and its key dies with the process


@pytest.fixture
def base_copy(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "knowledge", tmp_path / "knowledge")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    return tmp_path / "knowledge"


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("horizon_year: 2035\n", "horizon_year: soon\n"),
        ("earliest_year: 2000\n", "earliest_year: 2040\n"),
        ("  advice:\n", "  adviec:\n"),
        ("  horizon: [overall-2035-goals]\n", "  horizon: [overall-2099-goals]\n"),
        ("        within: 18\n", "        within: 900\n"),
        ("        within: 0\n", "        within: -1\n"),
        ("  从化: enablers-conghua\n", "  从话: enablers-conghua\n"),
        ("  从化: enablers-conghua\n", "  从化: enablers-conghwa\n"),
        (
            "    entry: enablers-key-industry-offices\n",
            "    entry: enablers-key-industry-ofices\n",
        ),
        ("  endings: [率, 额,", "  endings: [比率, 额,"),
        ('    "%": [比重,', '    "%": 比重\n    "x": [比重,'),
        ("rumours:\n", "rumours: hearsay\nrumour_words:\n"),
        ("      over_parts: true\n", "      over_parts: always\n"),
        ("  amounts: [", "  amount: ["),
        ("    services-overview: [8个", "    services-overveiw: [8个"),
        ("members:\n", "members: 阿强\nmember_words:\n"),
        ("set_aside:\n", "set_aside: 不问\nset_aside_words:\n"),
    ],
    ids=[
        "horizon-year",
        "earliest-year-after-the-horizon",
        "unknown-class",
        "dangling-offer",
        "within",
        "within-negative",
        "district-unknown",
        "district-dangling",
        "facet-dangling",
        "figure-ending-not-one-character",
        "figure-form-not-a-list",
        "rumours-not-a-mapping",
        "broad-flag-not-a-bool",
        "figures-key-misspelt",
        "list-dangling",
        "members-not-a-mapping",
        "set-aside-not-a-mapping",
    ],
)
def test_broken_scope_names_file_and_line(base_copy: Path, broken: str, message: str):
    """A mistake in scope.yaml is refused with scope.yaml:<line> and what is wrong."""
    _assert_refused_at_its_line(base_copy / "scope.yaml", broken, message)


def _assert_refused_at_its_line(path: Path, broken: str, message: str) -> None:
    """Writing `message` over `broken` in `path` makes the base refuse to load, naming the
    file and the line where `broken` stood."""
    original = path.read_text(encoding="utf-8")
    assert broken in original
    path.write_text(original.replace(broken, message, 1), encoding="utf-8")
    line = original[: original.index(broken)].count("\n") + 1
    with pytest.raises(KnowledgeBaseError) as info:
        load(path.parent)
    assert any(p.file == path.name and p.line == line for p in info.value.problems), [
        str(p) for p in info.value.problems
    ]


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("  万亩千亿: [大型产业园", "  万亩百亿: [大型产业园"),  # a term no entry has
        (
            "  万亩千亿: [大型产业园, 大型工业园",
            "  万亩千亿: 大型产业园\n  x: [大型工业园",
        ),  # no list
    ],
    ids=["term-named-by-no-entry", "phrases-not-a-list"],
)
def test_a_broken_description_names_file_and_line(base_copy: Path, broken: str, message: str):
    """A described term no entry names, or phrases that are not a list, is refused with
    aliases.yaml:<line>."""
    _assert_refused_at_its_line(base_copy / "aliases.yaml", broken, message)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("广州的服务业和制造业会怎么打通", "fusion-"),
        ("Is Guangzhou linking factories and service companies?", "fusion-"),
        ("广州的老工业以后要走绿色低碳的路子吗", "transformation-green"),
        ("市里为推产业准备了哪几个大动作", "enablers-four-major-measures"),
        ("国务院给广州的城市定位跟产业有啥关系", "overall-6-plus-4"),
        ("Does Guangzhou have a whole support package for each industry?", "enablers-support"),
        ("市里有没有划工业用地保护线", "enablers-industrial-zones-36"),
        ("广州怎么把科研成果变成产业", "future-innovation-platforms"),
    ],
)
def test_a_part_of_the_plan_described_without_its_name_is_answered(
    matcher: Matcher, question: str, expected: str
):
    """A message that describes a part of the plan without naming it (factories and services
    joined up: 两业融合) gets that part's entries, from the descriptions in aliases.yaml."""
    assert (_entry_id(matcher, question) or "").startswith(expected)


def test_shipped_scope_loads(kb: KnowledgeBase):
    """The shipped base carries its scope: the 2035 horizon and every refusal class."""
    assert kb.scope.horizon_year == 2035
    assert {"write", "advice", "number", "instruction", "city-service"} <= set(kb.scope.rules)


def test_cold_start_builds_the_index_in_a_child_process(kb: KnowledgeBase, tmp_path: Path):
    """A bot started with an empty index cache never loads jieba itself: a short-lived child
    builds and caches the index, so the bot's memory stays at what the index needs."""
    import subprocess
    import sys

    probe = (
        "import sys; from pathlib import Path; from bot.knowledge import load; "
        "from bot.matcher import Matcher; "
        f"m = Matcher(load(), cache_dir=Path({str(tmp_path)!r}), isolate_build=True); "
        "assert m.match('两业融合').best is not None; "
        "print('jieba' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "False"
    assert list(tmp_path.glob("index-*.pickle"))


@pytest.mark.parametrize(
    "question",
    [
        "在广州，专精特新认定去哪里申请",
        "新来广州投资的企业应该先找哪个部门",
        "广州的产业政策一般在哪个网站发布",
        "数字化改造的补贴政策一般是谁发的",
    ],
)
def test_where_and_whom_questions_get_the_support_channels(matcher: Matcher, question: str):
    """ "Where do I apply / whom do I ask" is answered by an entry on where firms find support,
    never by a guess at amounts or rules, with the topic's own entry offered beside it."""
    best = matcher.match(question).best
    assert best is not None
    assert best.entry.id in matcher.kb.scope.support_entries


def test_a_districts_own_channels_answer_only_a_question_that_names_a_district(
    matcher: Matcher,
):
    """ "广州的产业政策在哪个网站发布" is the city's question: the city's channels answer it;
    the same question about Huangpu gets the district's channels."""
    district_only = matcher.kb.scope.support_district_only
    assert district_only
    city = _entry_id(matcher, "广州的产业政策一般在哪个网站发布")
    assert city in matcher.kb.scope.support_entries and city not in district_only
    assert _entry_id(matcher, "黄埔的产业政策一般在哪个网站发布") in district_only


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("做低空经济的公司想跟政府对接，该找哪个部门？", "enablers-low-altitude-policies"),
        ("AI企业在广州有什么专门政策可以看", "enablers-ai-policies"),
        ("广州有没有生物医药专项资金", "enablers-biomedicine-policies"),
        ("做无人机植保的小公司有专门的扶持政策吗，该问哪个部门", "enablers-low-altitude-policies"),
    ],
)
def test_where_and_whom_on_a_topic_get_that_topics_support_entry(
    matcher: Matcher, question: str, entry: str
):
    """Asked whom to contact about an industry, named in full or by its short English name,
    the bot answers with the support entry on that industry, not the industry's overview."""
    assert _entry_id(matcher, question) == entry


def test_which_cluster_two_industries_belong_to_is_not_a_support_question(matcher: Matcher):
    """ "分别归哪类集群" asks for a classification, not for whom to ask."""
    best = matcher.match("低空经济和智能网联汽车分别归哪类集群？").best
    assert best is not None and best.entry.id not in matcher.kb.scope.support_entries


def test_background_in_a_long_message_is_not_the_request(matcher: Matcher):
    """A long message that tells its story first ("一直在想要不要……") is judged by what it
    finally asks; the same words asked outright are personal advice."""
    story = (
        "我在广州做了十多年外贸，这两年订单很不稳定，一直在想要不要往制造端延伸。"
        "最近市里开会老提以贸促工、以工兴贸。想了解广州在推动贸易和制造结合上到底有什么思路？"
    )
    assert matcher.match(story).refusal != "advice"
    assert matcher.match("我要不要往制造端延伸，能拿多少补贴").refusal == "advice"


def test_a_long_messages_last_question_is_the_request_when_it_asks_on_its_own(
    matcher: Matcher,
):
    """One sentence of story ("想留在广州找工作") before a full question about an industry is
    answered; a short last question ("能省多少税？") still reads with the sentence before it."""
    story = (
        "我儿子今年大学毕业，学的是生物工程，他说想留在广州找工作，我们做父母的也不太懂行情。"
        "我就想了解一下，广州的生物医药与健康产业到底有多大规模、是不是政府重点扶持的？"
    )
    assert _entry_id(matcher, story) == "clusters-biomedicine-health"
    advice = "我在南沙开厂十年了，最近订单多了想扩产，纠结了很久。你觉得我该把新厂放在南沙还是黄埔比较好？"
    assert matcher.match(advice).refusal == "advice"
    short = "我公司在南沙开了十多年，主要做精密零件出口，今年考虑扩大产能。我该不该搬去黄埔？"
    assert matcher.match(short).refusal == "advice"


@pytest.mark.parametrize(
    ("context", "question", "expected"),
    [
        ("“12218”里的“21”指什么", "那8呢？", "overall-digit-8"),
        ("“12218”里的“21”指什么", "8呢？", "overall-digit-8"),
        ("12218到底是什么", "那8呢", "overall-digit-8"),
        ("What is Guangzhou's 12218?", "and the 2?", "overall-digit-2"),
        ("南沙在12218里主要承担什么", "那科学城呢？", "enablers-science-city"),
        ("从化在12218里有什么角色", "那越秀呢？", "enablers-yuexiu-3-3"),
        ("What are the 15 clusters in the plan?", "and the future industries?", "future-overview"),
    ],
)
def test_the_same_question_about_something_else(
    matcher: Matcher, context: str, question: str, expected: str
):
    """ "那8呢" after the answer on the 21 asks what the 8 is: the closest other entry, not the
    last answer again; after a district's own entry, "那越秀呢" is Yuexiu's own entry."""
    told = matcher.match(context).best
    assert told is not None
    assert _entry_id(matcher, question, told.entry.id) == expected


def test_another_year_of_the_same_figure_keeps_the_entry(matcher: Matcher):
    """ "2025年呢" (or "去年呢") after Guangzhou's GDP asks the same entry for another year,
    not another entry that happens to carry that year."""
    told = matcher.match("广州2024年GDP是多少").best
    assert told is not None
    assert _entry_id(matcher, "2025年呢", told.entry.id) == told.entry.id
    assert _entry_id(matcher, "那去年呢", told.entry.id) == told.entry.id


@pytest.mark.parametrize(
    "question",
    ["2035年的广州会是什么样子", "广州到2035年想变成什么样", "广州未来十年的产业目标到底是什么？"],
)
def test_what_guangzhou_will_look_like_gets_the_2035_goals(matcher: Matcher, question: str):
    """A broad question about the city's future gets the plan's 2035 goals, not an entry that
    only shares the year (the future industries' 2035 targets)."""
    assert _entry_id(matcher, question) == "overall-2035-goals"


def test_a_follow_up_that_fits_several_entries_equally_leans_on_the_last_answer(
    matcher: Matcher,
):
    """ "有专门的政策吗" alone fits the AI, biomedicine and low-altitude policy entries alike;
    after an answer on biomedicine it gets the biomedicine policies."""
    alone = matcher.match("有专门的政策吗")
    assert len(alone.matches) > 1
    assert _entry_id(matcher, "有专门的政策吗", "clusters-biomedicine-health") == (
        "enablers-biomedicine-policies"
    )


@pytest.mark.parametrize(
    ("context", "question", "expected"),
    [
        ("enablers-huangpu-12136", "它去年GDP多少", "enablers-huangpu-2024-figures"),
        ("enablers-tianhe-12126", "那它2035年要达到多少产值", "enablers-tianhe-targets"),
    ],
)
def test_a_pronoun_follow_up_asking_what_the_last_answer_does_not_say(
    matcher: Matcher, context: str, question: str, expected: str
):
    """After the entry on a district's system, "它去年GDP多少" gets the entry that names both
    the district and what is asked, not the same entry again."""
    assert _entry_id(matcher, question, context) == expected


def test_a_pronoun_follow_up_the_last_answer_already_covers_keeps_it(matcher: Matcher):
    """ "十五五建议里对它怎么说" after embodied AI: that entry already speaks of the 十五五
    proposals ("十五五”规划建议"), so it stays."""
    told = "future-embodied-ai"
    assert _entry_id(matcher, "十五五建议里对它怎么说", told) == told


def test_a_long_message_asks_about_the_district_in_its_last_sentence(matcher: Matcher):
    """A story that mentions industries ("时尚产业、汽车产业") before asking what the district
    does gets the district's own entry, not an industry's."""
    story = (
        "我家在番禺，以前附近都是小作坊，这两年说要搞时尚产业、汽车产业，还有全域土地整治。"
        "想问一下番禺在广州这套产业体系里到底是什么定位？"
    )
    assert _entry_id(matcher, story) == matcher.kb.scope.district_entries["番禺"]


def test_a_question_about_one_years_event_gets_that_years_entry(matcher: Matcher):
    """ "2026年…高质量发展大会的主题" is about the 2026 conference, not the 2025 one that first
    proposed 12218; without a year the 2025 conference's entry keeps the question."""
    assert _entry_id(matcher, "2026年广州全市高质量发展大会的主题是什么？") == (
        "fusion-2026-conference"
    )
    assert _entry_id(matcher, "全市高质量发展大会是哪天开的") != "fusion-2026-conference"


def test_guangzhou_and_a_part_of_the_plan_named_amid_chatter_are_answered(matcher: Matcher):
    """ "广州服务业以后重点发展哪些" names the city and one part of the plan (its services):
    the part's overview answers rather than "no answer"."""
    assert _entry_id(matcher, "广州服务业以后重点发展哪些") == "services-overview"


def test_where_the_asker_is_is_not_what_is_asked(matcher: Matcher):
    """ "我们小厂在黄埔开了二十年……“十百千计划”……这到底是啥？" asks about the 十百千 plan,
    not about Huangpu; the district the asker names as his own still makes it Guangzhou's."""
    story = (
        "我们小厂在黄埔开了二十年，做五金冲压，最近老听园区的人说“十百千计划”，"
        "我文化不高听不太懂，这到底是啥？"
    )
    result = matcher.match(story)
    understood = result.understanding
    assert understood is not None and understood.district is None and understood.names_home
    assert result.best is not None and result.best.entry.id == "enablers-ten-hundred-thousand"


@pytest.mark.parametrize(
    "question",
    ["我在白云开了个化妆品厂，这行算不算广州的重点产业？", "我哋喺番禺做箱包嘅，12218有冇我哋呢行"],
)
def test_the_askers_district_gives_its_entries_no_pull(matcher: Matcher, question: str):
    """Where the asker's factory is (白云, 喺番禺) says nothing of what he asks: whether his
    trade is a key industry gets the trade's cluster, not the district's entry."""
    assert _entry_id(matcher, question) == "clusters-fashion-consumer-goods"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "花都做汽车座椅的小厂，智能网联汽车市里是怎么摆位置的",
            "clusters-intelligent-connected-nev",
        ),
        ("黄埔开了家生物试剂店，生物医药在广州怎么定位", "clusters-biomedicine-health"),
    ],
)
def test_a_district_in_the_askers_own_story_is_not_asked_about(
    matcher: Matcher, question: str, expected: str
):
    """A district named where the asker tells of his business, before he asks of the city
    (市里, 12218), is where he is: the trade's entry answers, not the district's."""
    assert _entry_id(matcher, question) == expected


def test_a_district_described_before_the_question_is_still_asked_about(matcher: Matcher):
    """ "从化全是山和温泉，……产业体系" tells of the district, not of the asker: it is asked about."""
    assert _entry_id(matcher, "从化全是山和温泉，在广州产业体系里干嘛") == "enablers-conghua"


def test_the_askers_district_is_asked_about_when_he_says_so(matcher: Matcher):
    """ "我在番禺开厂……区里主打什么产业" asks about his own district after all."""
    question = "我在番禺开厂做汽车配件，区里主打什么产业？"
    assert _entry_id(matcher, question) == "enablers-panyu-2104"


def test_a_dedicated_agency_for_an_industry_is_the_offices_question(matcher: Matcher):
    """Asked whether the city has a body that deals with an industry, the bot answers with
    the key-industry offices."""
    question = "我们想把低空飞行项目落地广州，市里有没有专门对接这个产业的机构"
    assert _entry_id(matcher, question) == "enablers-key-industry-offices"


def test_a_follow_up_comparing_the_last_answer_with_the_nation_is_answered(matcher: Matcher):
    """ "那国家层面是怎么归类的" right after the answer on biomanufacturing compares Guangzhou's
    plan with the nation's and is answered; asked alone it is a national question, and
    "那深圳呢" after an answer is still another place's."""
    told = matcher.kb.entry("clusters-biomanufacturing")
    followed = matcher.match("那国家层面是怎么归类的", context=told)
    assert followed.best is not None and followed.follow_up
    assert matcher.match("那国家层面是怎么归类的").refusal == "national"
    assert matcher.match("那深圳呢", context=told).refusal == "other-place"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("请问市科技局：未来产业具体是哪六个？", "future-overview"),
        ("请问市发改委：12218里的2指什么？", "overall-digit-2"),
        ("南方日报记者提问：制造业立市的底气在哪里？", "overall-industry-first"),
        (
            "作为党小组学习材料，想了解一下：12218这个提法最早是在哪次会议上提出的？",
            "overall-when-proposed",
        ),
    ],
)
def test_the_line_that_introduces_a_question_is_not_what_it_asks(
    matcher: Matcher, question: str, expected: str
):
    """A journalist's "请问市科技局：" addresses the bureau; the question after the colon is
    answered, not the bureau's own entry."""
    assert _entry_id(matcher, question) == expected


def test_a_topic_before_the_colon_still_counts(matcher: Matcher):
    """ "低空经济：有没有专门的扶持政策" keeps its topic: the support entry on that industry."""
    assert (
        _entry_id(matcher, "低空经济：广州有没有专门的扶持政策") == "enablers-low-altitude-policies"
    )


@pytest.mark.parametrize(
    ("context", "question", "expected"),
    [
        ("enablers-four-major-measures", "第三个展开说说", "enablers-scenario-opening-action"),
        ("future-overview", "第一个展开讲讲", "future-embodied-ai"),
        ("clusters-overview", "第二个呢", "clusters-strategic-leading"),
        ("services-overview", "最后一个呢", "services-tourism-leisure"),
        ("overall-digit-2", "第二个展开说说", "transformation-overview"),
        # After an item's own entry, the item after it in the list it belongs to.
        ("enablers-digital-innovation-plan", "第二个呢", "enablers-business-environment-project"),
        (
            "future-overview",
            "tell me more about the second one",
            "future-intelligent-unmanned-systems",
        ),
    ],
)
def test_an_ordinal_follow_up_gets_that_item_of_the_last_answers_list(
    matcher: Matcher, context: str, question: str, expected: str
):
    """After a list ("四大重大举措", the six future industries), "第三个展开说说" is about the
    third item the bot just listed, not the list again and not the digit 1 of 12218."""
    assert _entry_id(matcher, question, context=context) == expected


def test_an_ordinal_with_a_topic_of_its_own_is_not_an_item_of_the_list(matcher: Matcher):
    """ "第一个千亿级产业是哪个" after the future industries names its own topic."""
    entry = matcher.kb.entry("future-overview")
    assert entry is not None
    best = matcher.match("第一个千亿级产业集群是哪个", context=entry).best
    assert best is None or best.entry.id != "future-embodied-ai"


def test_a_passages_list_is_read_in_order():
    """Headed groups, an enumeration with 、, or the quoted names after a colon."""
    assert listed_items("甲类3个：A、B、C。乙类2个：D、E。丙类1个：F。") == ["甲类", "乙类", "丙类"]
    assert listed_items("方向有具身智能、前沿新材料（专家文章）、深海深空，尚待确认。") == [
        "具身智能",
        "前沿新材料",
        "深海深空",
    ]
    assert listed_items("推进“12218”有三项：实施“甲计划”，推进“乙工程”，开展“丙行动”。") == [
        "甲计划",
        "乙工程",
        "丙行动",
    ]
    assert listed_items("两个方向：一是甲方向，即某某；二是乙方向。") == ["甲方向", "乙方向"]
    assert listed_items("没有列表的一句话。") == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("半导体与集成电路是什么", "clusters-semiconductors-ic"),
        ("低空经济和无人机有什么区别", "clusters-low-altitude-aerospace"),
        ("区块链产业在广州怎么样", None),
    ],
)
def test_a_technology_with_its_industry_named_is_not_general_knowledge(
    matcher: Matcher, question: str, expected: str | None
):
    """ "区块链有什么用" is general knowledge, but a cluster's name, an industry or Guangzhou
    beside the technology keeps the question the plan's."""
    result = matcher.match(question)
    assert result.refusal != "general"
    if expected is not None:
        assert _entry_id(matcher, question) == expected


@pytest.mark.parametrize("question", ["亿航的无人机多少钱一架", "广汽埃安今年销量多少"])
def test_a_firms_own_figures_are_said_to_be_unknown(matcher: Matcher, question: str):
    """The base holds no company facts: a firm's price or sales get a plain "I don't know",
    not the cluster entry as if it answered."""
    result = matcher.match(question)
    assert not result.confident
    assert result.refusal == "no-match"
    assert result.understanding is not None and result.understanding.rule == "company"


def test_where_a_firm_sits_in_the_plan_is_not_a_company_fact(matcher: Matcher):
    """ "广汽在12218里属于哪个集群" asks about the plan, so the company rule lets it through."""
    understanding = matcher.match("广汽在12218里属于哪个集群").understanding
    assert understanding is not None and understanding.rule != "company"


@pytest.mark.parametrize(
    ("context", "question", "expected"),
    [
        (None, "广州跟深圳在产业上走的路有啥不一样", "clusters-shenzhen-20-plus-8"),
        (None, "广州和深圳的未来产业有什么不同", "future-shenzhen-8-future-industries"),
        ("overall-what-is-12218", "跟深圳比呢", "clusters-shenzhen-20-plus-8"),
        ("future-overview", "和深圳比呢", "future-shenzhen-8-future-industries"),
    ],
)
def test_a_comparison_with_another_place_gets_the_entry_that_compares_them(
    matcher: Matcher, context: str | None, question: str, expected: str
):
    """Guangzhou beside Shenzhen is answered by the entry comparing the two, on the topic
    asked (or just told about), not by the plan's overview or a refusal."""
    assert _entry_id(matcher, question, context=context) == expected


def test_cooperating_with_another_place_is_not_a_comparison(matcher: Matcher):
    """ "跟深圳有合作吗" after the deep-sea entry asks about cooperation, not the comparison."""
    assert (
        _entry_id(matcher, "跟深圳有合作吗", context="future-deep-sea-deep-space")
        != "clusters-shenzhen-20-plus-8"
    )


def test_a_quoted_name_is_what_the_message_asks_about(matcher: Matcher):
    """A journalist who quotes "制造业立市" beside figures on GDP asks about the overall
    requirement; quoting the plan's own name ("12218") says nothing about which part."""
    question = "广州的GDP里服务业占了七成多，现在又提“制造业立市”，底气从哪来？"
    assert _entry_id(matcher, question) == "overall-industry-first"
    assert _entry_id(matcher, "“12218”里的“21”指什么") == "overall-digit-21"


def test_asking_whom_is_not_a_comparison(kb: KnowledgeBase):
    """ "对接哪个部门比较对口" asks whom to contact; 比较 here means "rather", not compare."""
    from bot.understanding import Intent, Understander

    understood = Understander(kb.scope).understand(text.normalize("对接哪个部门比较对口"))
    assert understood.intent is Intent.APPLY


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ("fusion-overview", "transformation-overview"),
        ("transformation-overview", "fusion-overview"),
    ],
)
def test_the_other_one_of_a_pair(matcher: Matcher, context: str, expected: str):
    """After one of the two main directions, "那另一个主攻方向呢" is the other direction, not
    the entry that lists both."""
    assert _entry_id(matcher, "那另一个主攻方向呢", context=context) == expected


@pytest.mark.parametrize(
    ("context", "question", "expected"),
    [
        ("overall-digit-8", "具体是哪八个？能列全吗", "services-overview"),
        ("overall-digit-21", "具体是哪十五个", "clusters-overview"),
        ("future-overview", "具体是哪几个", "future-overview"),
        ("clusters-low-altitude-aerospace", "都有哪些区在做", "enablers-industries-by-district"),
        ("clusters-overview", "里面哪几个有专门的办公室管", "enablers-key-industry-offices"),
        ("clusters-overview", "具体是哪三类", "clusters-overview"),
        ("overall-digit-21", "那未来产业是哪几个", "future-overview"),
        # The group of as many as asked, of the three groups the overview heads.
        ("clusters-overview", "那特色优势那类是哪四个", "clusters-distinctive-advantage"),
        ("clusters-overview", "战略先导的是哪五个", "clusters-strategic-leading"),
    ],
)
def test_which_ones_gets_the_entry_that_lists_them(
    matcher: Matcher, context: str, question: str, expected: str
):
    """After an answer that counts ("8个现代服务业") more than it lists, "具体是哪八个" gets the
    related entry that lists them; after one that lists them, the same answer; "哪些区" asks
    where, not which ones; a part the last answer does not name is asked about itself."""
    assert _entry_id(matcher, question, context=context) == expected


def test_among_them_names_a_topic_it_is_not_a_pronoun(matcher: Matcher):
    """ "其中文化创意…" after Yuexiu's 3+3 asks about cultural creativity: 其中 means "among
    them", not "it"."""
    question = "其中文化创意在全市层面属于哪一块"
    assert (
        _entry_id(matcher, question, context="enablers-yuexiu-3-3")
        == "services-cultural-creativity"
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("从化这种山清水秀的地方，在全市产业布局里负责啥", "enablers-conghua"),
        ("越秀区的3+3是哪几个产业", "enablers-yuexiu-3-3"),
    ],
)
def test_a_districts_role_gets_its_own_entry(matcher: Matcher, question: str, expected: str):
    """What a district does in the plan is its own entry's, not an entry that lists it among
    others (the green clusters) or covers one side of it (Yuexiu's services)."""
    assert _entry_id(matcher, question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("两业融合跟两化转型到底有啥不一样", "overall-digit-2"),
        ("两业融合和两化转型有什么区别", "overall-digit-2"),
        ("两业融合和两化转型分别管什么，别搞混了", "overall-digit-2"),
        ("新兴支柱产业和战略先导产业有什么区别", "clusters-overview"),
    ],
)
def test_two_parts_compared_get_the_entry_that_lists_both(
    matcher: Matcher, question: str, expected: str
):
    """Two parts of the plan set against each other are answered by the entry that lists
    them side by side, not by the first one's own entry."""
    assert _entry_id(matcher, question) == expected


def test_a_part_named_alone_gets_its_overview(matcher: Matcher):
    """ "广州的服务业以后往哪走" names only a part of the plan: its overview answers, not
    silence and not a district's services entry that happens to share the word."""
    assert _entry_id(matcher, "广州的服务业以后往哪走") == "services-overview"


def test_a_comparison_with_a_place_the_base_does_not_cover_is_declined_with_our_side(
    matcher: Matcher,
):
    """Asked how Beijing's robots compare with Guangzhou's, the bot says it covers only
    Guangzhou and offers Guangzhou's side as a button, rather than answering half."""
    result = matcher.match("北京亦庄的机器人产业跟广州相比有哪些优势")
    assert result.refusal == "other-place"
    assert "clusters-intelligent-equipment-robotics" in [m.entry.id for m in result.matches]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("送外卖的无人机算唔算未来产业", "future-intelligent-unmanned-systems"),
        ("两化转型同国家讲的数字化绿色化协同有咩关系", "transformation-overview"),
        ("广州低空经济有没有专门法规", "enablers-low-altitude-regulation"),
    ],
)
def test_plan_questions_with_everyday_words_are_answered(
    matcher: Matcher, question: str, expected: str
):
    """Cantonese 算唔算 asks whether a trade belongs to the plan however it is delivered
    (外卖); 两化转型 is Guangzhou's own term, so setting it beside the nation's is ours; a
    "special law" on the low-altitude economy is its regulation."""
    assert _entry_id(matcher, question) == expected


def test_a_list_of_effects_is_not_a_list_of_parts(matcher: Matcher):
    """The fusion entry lists what fusion does (打破行业壁垒、催生新业态…), not entries:
    "第二个展开说说" after it stays with fusion instead of jumping to whatever shares a word
    with "催生新业态"."""
    entry = matcher.kb.entry("fusion-overview")
    assert entry is not None
    best = matcher.match("第二个展开说说", context=entry).best
    assert best is None or best.entry.pillar == "fusion"


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ("fusion-overview", "fusion-overview"),
        ("clusters-artificial-intelligence", "enablers-industries-by-district"),
    ],
)
def test_which_districts_follows_the_topic_when_the_district_digest_does_not(
    matcher: Matcher, context: str, expected: str
):
    """ "具体哪些区在搞" gets the digest of which districts lead which industries only when it
    speaks of the topic just answered; after 两业融合, which it never mentions, the topic's own
    entry answers."""
    assert _entry_id(matcher, "具体哪些区在搞", context=context) == expected


def test_a_follow_up_about_another_place_alone_is_that_places(matcher: Matcher):
    """After Guangzhou's future industries, "那上海是怎么搞的" asks about Shanghai alone: it is
    declined as another place's question instead of repeating Guangzhou's answer."""
    told = matcher.kb.entry("future-overview")
    result = matcher.match("那上海是怎么搞的？", context=told)
    assert result.best is None
    assert result.refusal == "other-place"


def test_another_place_after_an_answer_is_never_the_last_answer_again(matcher: Matcher):
    """ "那上海呢" after Guangzhou's future industries is declined as Shanghai's question; before,
    the future industries were given again."""
    told = matcher.kb.entry("future-overview")
    result = matcher.match("那上海呢", context=told)
    assert result.best is None
    assert result.refusal == "other-place"


def test_a_part_named_in_a_follow_up_is_its_own_subject(matcher: Matcher):
    """After the plan's overview, "两业融合具体怎么做" is about fusion, not the overview again."""
    assert _entry_id(matcher, "两业融合具体怎么做", "overall-what-is-12218") == "fusion-overview"
    assert _entry_id(matcher, "那两化转型具体怎么落地", "overall-digit-2") == (
        "transformation-overview"
    )


def test_how_to_apply_after_a_topic_gets_where_its_support_is(matcher: Matcher):
    """ "怎么申请" after the AI cluster is answered by the entry on AI policies and where to apply,
    not by the cluster's passage again."""
    assert _entry_id(matcher, "怎么申请", "clusters-artificial-intelligence") == (
        "enablers-ai-policies"
    )


def test_a_look_up_is_completed_in_a_conversation_too(matcher: Matcher):
    """ "具身" typed after an answer about fusion is the embodied-AI look-up, not a follow-up."""
    assert _entry_id(matcher, "具身", "fusion-overview") == "future-embodied-ai"


def test_a_where_question_with_its_own_topic_is_not_bent_by_the_chat(matcher: Matcher):
    """ "新能源车的厂主要落在哪个区" gets the same answer alone and after any earlier answer."""
    question = "新能源车的厂主要落在哪个区"
    alone = _entry_id(matcher, question)
    assert alone == "enablers-industries-by-district"
    for told in ("services-overview", "fusion-overview", "clusters-intelligent-connected-nev"):
        assert _entry_id(matcher, question, told) == alone


@pytest.mark.parametrize(
    ("question", "context", "expected"),
    [
        ("为什么要搞这个", "overall-what-is-12218", "overall-why-now"),
        ("哪几个已经上千亿", "clusters-overview", "clusters-six-100-billion-clusters"),
    ],
)
def test_a_broad_cue_in_a_follow_up_asks_it_of_the_last_answer(
    matcher: Matcher, question: str, context: str, expected: str
):
    """ "为什么要搞这个" after the plan asks why the plan; "哪几个已经上千亿" after the clusters
    asks which of them are 100-billion clusters: the entry the cue picks within that part."""
    assert _entry_id(matcher, question, context) == expected


def test_a_figure_follow_up_is_not_taken_for_a_broad_cue(matcher: Matcher):
    """ "那今年的增长目标定了多少" after the city's GDP asks a figure: not the 2035 goals, though
    目标 is the cue of that broad answer."""
    assert _entry_id(matcher, "那今年的增长目标定了多少", "overall-economy-figures") != (
        "overall-2035-goals"
    )


def test_a_pronoun_follow_up_naming_a_new_topic_gets_the_entry_on_both(matcher: Matcher):
    """ "who leads it?" after 12218 gets the leading group, whose own text speaks of 12218,
    not the plan's overview again."""
    assert _entry_id(matcher, "who leads it?", "overall-what-is-12218") == "enablers-leading-group"


def test_asking_what_policies_after_an_answer_gets_the_topics_support_entry(matcher: Matcher):
    """ "有什么政策" right after the AI cluster asks for that cluster's policies: the AI policies
    entry (scope.yaml support.after_an_answer), not the cluster's passage again."""
    assert _entry_id(matcher, "有什么政策", "clusters-artificial-intelligence") == (
        "enablers-ai-policies"
    )


@pytest.mark.parametrize(
    ("question", "context", "expected"),
    [
        ("那省里的清单呢", "future-overview", "future-versus-province-nation"),
        ("那省里的呢", "clusters-overview", "clusters-guangdong-double-ten"),
    ],
)
def test_the_province_asked_after_an_answer_gets_the_entry_setting_them_side_by_side(
    matcher: Matcher, question: str, context: str, expected: str
):
    """ "那省里的清单呢" after the future industries asks for the province's list beside
    Guangzhou's: the entry comparing them, not the future industries again."""
    assert _entry_id(matcher, question, context) == expected


def test_again_marks_a_follow_up(matcher: Matcher):
    """ "国家层面又是怎么划的" right after biomanufacturing asks how the nation classes it: a
    follow-up (又是), not a national question declined."""
    result = matcher.match(
        "国家层面又是怎么划的", context=matcher.kb.entry("clusters-biomanufacturing")
    )
    assert result.best is not None and result.follow_up


def test_guangzhou_set_beside_the_province_gets_the_entry_comparing_them(matcher: Matcher):
    """ "为什么广州的未来产业和广东省的清单对不上" compares Guangzhou's list with the
    province's: the entry setting them side by side, not Guangzhou's list alone."""
    best = matcher.match("为什么广州的未来产业和广东省的清单对不上").best
    assert best is not None and best.entry.id == "future-versus-province-nation"


@pytest.mark.parametrize(
    ("message", "years"),
    [
        ("黄埔区今年前三季度GDP是多少", (2026,)),
        ("我们区明年的GDP增速能不能到6%？", (2027,)),
        ("广州去年GDP多少，前年呢", (2025, 2024)),
        ("What was Guangzhou's GDP last year?", (2025,)),
        ("2035年和后年的目标", (2035, 2028)),
    ],
)
def test_a_year_named_by_its_distance_from_this_one_is_that_year(
    kb: KnowledgeBase, message: str, years: tuple[int, ...]
):
    """ "今年", "明年", "去年", "last year" are read as the years they name, so a figure asked
    for them is checked against what the entries state for that year."""
    from bot.understanding import Understander

    understood = Understander(kb.scope, this_year=2026).understand(text.normalize(message))
    assert understood.years == years


@pytest.mark.parametrize(
    ("context", "question", "expected"),
    [
        (
            "enablers-future-industry-2029-targets",
            "那到2035年呢？",
            "enablers-future-industry-2035-targets",
        ),
        (
            "enablers-future-industry-opinions",
            "那到2035年它要达到什么目标",
            "enablers-future-industry-2035-targets",
        ),
        (
            "enablers-future-industry-opinions",
            "它2029年要达到啥目标",
            "enablers-future-industry-2029-targets",
        ),
        ("overall-what-is-12218", "那到2035年它要做到什么程度", "overall-2035-goals"),
        # ...with what it asks of that year, which that year's entry states.
        (
            "enablers-future-industry-2029-targets",
            "那2035年呢，有量化指标吗",
            "enablers-future-industry-2035-targets",
        ),
    ],
)
def test_another_year_after_an_answer_is_the_same_thing_for_that_year(
    matcher: Matcher, context: str, question: str, expected: str
):
    """After the future industries' 2029 targets (or the opinions that set them), a year is the
    same targets for that year; after the plan itself, its 2035 goals. Alone, "那到2035年呢"
    would be the plan's 2035 goals."""
    assert _entry_id(matcher, question, context=context) == expected


@pytest.mark.parametrize(
    ("context", "question", "expected"),
    [
        ("transformation-overview", "绿色那一半具体要企业做些啥", "transformation-green"),
        ("services-overview", "现代金融这一项主要在哪个区搞", "services-modern-finance"),
    ],
)
def test_a_piece_of_the_last_answer_pointed_at_by_a_word_is_its_entry(
    matcher: Matcher, context: str, question: str, expected: str
):
    """ "绿色那一半" after 两化转型 is 绿色化转型; "现代金融这一项" after the eight services is
    modern finance's own entry, not the digest of districts."""
    assert _entry_id(matcher, question, context=context) == expected


@pytest.mark.parametrize(
    "question", ["那深圳是几个？", "跟深圳的比有啥不一样", "深圳好像是8个吧，差在哪"]
)
def test_another_place_after_an_answer_gets_the_entry_setting_it_beside_that_topic(
    matcher: Matcher, question: str
):
    """After Guangzhou's future industries, Shenzhen's count or difference is the entry that
    sets Shenzhen's eight beside Guangzhou's six, not the general Shenzhen comparison."""
    assert _entry_id(matcher, question, context="future-overview") == (
        "future-shenzhen-8-future-industries"
    )


@pytest.mark.parametrize("question", ["那这个具体要怎么弄", "这个计划具体要企业做什么"])
def test_a_name_straddling_two_words_is_not_found(matcher: Matcher, question: str):
    """ "具体要" holds 体要 (a piece of 总体要求) across two words: a follow-up about the cloud
    plan stays on the cloud plan instead of turning to the plan's overall requirement."""
    assert _entry_id(matcher, question, context="transformation-cloud-plan") == (
        "transformation-cloud-plan"
    )


@pytest.mark.parametrize("message", ["好吧 算了", "明白 晚安", "你记住，以后回答都不要加来源"])
def test_a_message_that_asks_nothing_does_not_lean_on_the_last_answer(
    matcher: Matcher, message: str
):
    """After an answer, a sign-off or a remark that asks nothing is not read as a follow-up:
    the last answer is not sent again."""
    told = matcher.kb.entry("future-overview")
    result = matcher.match(message, context=told)
    assert not result.confident


@pytest.mark.parametrize("question", ["金融算不算", "用一句话总结", "those 4 in Chinese pls"])
def test_a_request_or_a_yes_no_question_still_leans_on_the_last_answer(
    matcher: Matcher, question: str
):
    """A request about the last answer or an A-not-A question asks something: it is still
    read against the chat's last answer."""
    told = matcher.kb.entry("services-overview")
    assert matcher.match(question, context=told).confident


def test_a_figure_asked_after_a_districts_answer_is_that_districts(matcher: Matcher):
    """ "去年GDP涨了多少" after Haizhu's entry asks Haizhu's growth, as "它去年GDP多少" would;
    "全市" asks the city's."""
    assert _entry_id(matcher, "去年GDP涨了多少", context="enablers-haizhu") == "enablers-haizhu"
    assert _entry_id(matcher, "全市去年GDP涨了多少", context="enablers-haizhu") == (
        "overall-economy-figures"
    )


@pytest.mark.parametrize(
    "question", ["占GDP多少", "那占全市经济的比重呢", "what share of GDP is that"]
)
def test_a_share_asked_after_an_answer_is_the_last_answers_share(matcher: Matcher, question: str):
    """ "占GDP多少" after the emerging industries' size asks their share: GDP is what it is a
    share of, not a topic of its own (alone it is the city's GDP)."""
    told = "clusters-strategic-emerging-industries-scale"
    assert _entry_id(matcher, question, context=told) == told


def test_a_share_of_a_thing_the_last_answer_names_is_that_answers(matcher: Matcher):
    """ "2025年核心产业要占GDP多少" after the digital-economy plan: 核心产业 is the end of its
    数字经济核心产业, so the plan answers; alone, GDP is the city's figures."""
    told = "transformation-digital-economy-plan"
    question = "那2025年核心产业要占GDP多少"
    assert _entry_id(matcher, question, context=told) == told
    assert _entry_id(matcher, question) != told


def test_a_piece_of_the_last_answer_named_after_among_them_is_its_entry(matcher: Matcher):
    """ "其中6个未来的具体是哪几个" after the 21 asks for the six future industries, not the 21
    again."""
    assert _entry_id(matcher, "其中6个未来的具体是哪几个", context="overall-digit-21") == (
        "future-overview"
    )


def test_an_english_gap_spans_a_few_words(matcher: Matcher):
    """English words are longer than characters: "who…in charge…industr*" finds the leading
    group in "Who at Guangzhou city hall is actually in charge of the industrial strategy?"."""
    question = "Who at Guangzhou city hall is actually in charge of the industrial strategy?"
    assert _entry_id(matcher, question) == "enablers-leading-group"


def test_what_is_asked_of_a_topic_after_a_story_is_asked_of_the_last_sentences_topic(
    matcher: Matcher,
):
    """ "我们公司做会展和广告服务，想扩一个基地。广州人工智能主要是哪几个区在搞？" asks where AI
    is: the story's trade and base do not keep the digest of districts from answering."""
    question = "我们公司做会展和广告服务，想扩一个基地。广州人工智能主要是哪几个区在搞？"
    assert _entry_id(matcher, question) == "enablers-industries-by-district"


def test_what_people_say_of_another_place_is_the_premise_not_the_question(matcher: Matcher):
    """ "都说杭州数字经济比广州强，广州搞数智化转型到底图啥" asks about Guangzhou's digital
    transformation; the comparison people make is its premise, not a question about Hangzhou."""
    result = matcher.match("都说杭州数字经济比广州强，广州搞数智化转型到底图啥")
    assert result.best is not None and result.best.entry.pillar == "transformation"


@pytest.mark.parametrize(
    ("question", "expected"),
    [("那服务业这块呢", "services-overview"), ("那汽车呢", "clusters-intelligent-connected-nev")],
)
def test_the_same_question_about_a_topic_gets_the_entry_titled_with_it(
    matcher: Matcher, question: str, expected: str
):
    """After the plan's overview, "那服务业这块呢" asks about the services: the entry titled
    with them, not a district's system that names both the plan and services."""
    assert _entry_id(matcher, question, context="overall-what-is-12218") == expected


def test_a_follow_up_naming_the_provinces_counterpart_gets_the_entry_on_it(matcher: Matcher):
    """ "那这个跟广东省的双十是一个东西吗" right after the clusters: the base's entry setting the
    province's clusters beside Guangzhou's answers it; asked alone, it is the province's."""
    question = "那这个跟广东省的双十是一个东西吗"
    followed = _entry_id(matcher, question, context="clusters-overview")
    assert followed == "clusters-guangdong-double-ten"
    assert matcher.match("广东双十产业集群是哪些").refusal == "province"


def test_a_message_that_turns_from_the_last_answer_is_read_on_its_own(matcher: Matcher):
    """ "另外想问下，21+8具体是哪些产业" after the low-altitude regulation asks about the 21+8;
    "问个题外话" before a question about the bot is not a question about the last answer."""
    assert (
        _entry_id(matcher, "另外想问下，21+8具体是哪些产业", "enablers-low-altitude-regulation")
        == "overall-21-plus-8"
    )
    result = matcher.match(
        "问个题外话，你背后用的是哪家的大模型",
        context=matcher.kb.entry("clusters-artificial-intelligence"),
    )
    assert result.best is None and result.refusal == "small-talk"


def test_a_rank_is_answered_only_by_an_entry_that_ranks(matcher: Matcher):
    """ "广州GDP在全国城市里排第几名" is not answered with the GDP figures, which rank nothing;
    "天河区的经济总量在全市排名如何" gets the entry saying Tianhe has led the city for years."""
    assert matcher.match("广州GDP在全国城市里排第几名").best is None
    assert _entry_id(matcher, "天河区的经济总量在全市排名如何？") == "enablers-tianhe-targets"


def test_a_change_asked_to_be_foretold_needs_an_entry_stating_it(matcher: Matcher):
    """ "新塘牛仔城会不会整体搬迁" asks the bot to foretell a move no entry states: declined,
    not answered with the entry on firms that sell solutions."""
    result = matcher.match("新塘牛仔城会不会整体搬迁")
    assert result.best is None and result.refusal == "no-match"


def test_a_part_named_in_everyday_words_is_answered(matcher: Matcher):
    """ "我们厂做墙板预制件的，广州有没有当产业抓" names no part of the plan; 墙板 is everyday
    words (everyday.yaml) for the smart-construction cluster, which answers it."""
    question = "我们厂做墙板预制件的，广州有没有当产业抓"
    assert _entry_id(matcher, question) == "clusters-intelligent-construction"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "公司是做工业软件的，广州在工业软件攻关上是怎么安排的",
            "transformation-industrial-software",
        ),
        ("我做外贸的，广交会跟12218有啥关系", "transformation-green-standards-canton-fair"),
    ],
)
def test_everyday_words_never_outweigh_a_part_the_message_names(
    matcher: Matcher, question: str, expected: str
):
    """做…软件 is everyday words for the software cluster and 外贸 for modern commerce, but a
    message that names 工业软件 or 广交会 is about what it names."""
    assert _entry_id(matcher, question) == expected


def test_a_broken_everyday_word_list_names_file_and_line(base_copy: Path):
    """A term in everyday.yaml that no entry names is refused with everyday.yaml:<line>."""
    _assert_refused_at_its_line(base_copy / "everyday.yaml", "  专精特新: [", "  专精特旧: [")


def test_firms_asked_to_be_named_need_an_entry_that_names_firms(matcher: Matcher):
    """ "两业融合示范企业第一批名单有哪些公司" asks for names the base does not hold: declined
    (the demonstration entry is offered), not answered as if its passage listed them."""
    result = matcher.match("两业融合示范企业第一批名单有哪些公司")
    assert result.best is None and result.unstated == "firms"
    assert any(m.entry.id == "fusion-demonstration-parks" for m in result.matches)


def test_a_count_asked_of_a_district_is_not_the_citys(matcher: Matcher):
    """ "越秀一共有多少家生物医药企业": the biomedicine entry counts the city's firms and names
    Yuexiu in another sentence; that is no count of Yuexiu's. A district's own figures entry
    still answers its GDP."""
    result = matcher.match("越秀一共有多少家生物医药企业")
    assert result.best is None and result.unstated == "figure"
    assert _entry_id(matcher, "海珠2024年GDP多少") == "enablers-haizhu"


def test_an_ordinal_naming_its_item_by_number_is_that_number(matcher: Matcher):
    """ "最后那个8呢" after the 21 asks about the 8 of 12218, not about the last item of the
    21's list (the distinctive-advantage clusters); "最后那个呢" alone is that item."""
    assert _entry_id(matcher, "最后那个8呢", "overall-digit-21") == "overall-digit-8"
    assert _entry_id(matcher, "最后那个呢", "overall-digit-21") == "clusters-distinctive-advantage"


def test_asking_whether_the_plan_covers_a_thing_no_entry_mentions_is_declined(
    matcher: Matcher,
):
    """ "12218有冇提元宇宙" is found by 12218 alone; 元宇宙 is in no entry, so the bot says it
    has nothing on it (offering the overview) rather than answering with the overview. A thing
    the base does mention ("12218有没有提到两业融合") is answered as ever."""
    result = matcher.match("12218有冇提元宇宙")
    assert result.best is None and result.unstated == "topic"
    assert result.matches and result.matches[0].entry.id == "overall-what-is-12218"
    assert _entry_id(matcher, "12218有没有提到两业融合") == "fusion-overview"
    assert _entry_id(matcher, "12218是什么") == "overall-what-is-12218"


def test_a_law_on_drones_asked_of_the_topic_gets_the_regulation(matcher: Matcher):
    """ "低空经济有没有专门立法" asks for the low-altitude regulation, not the cluster."""
    assert _entry_id(matcher, "低空经济有没有专门立法") == "enablers-low-altitude-regulation"
    question = "Is there a law for drones in Guangzhou?"
    assert _entry_id(matcher, question) == "enablers-low-altitude-regulation"


def test_a_count_of_parts_is_no_name(matcher: Matcher):
    """ "广州八大服务业有哪些": 八大 is a count, not a piece of "八大战略性新兴产业"'s name, so the
    eight services answer, not the emerging industries' size."""
    assert _entry_id(matcher, "广州八大服务业有哪些") == "services-overview"


def test_a_districts_part_asked_in_cantonese_is_no_errand(matcher: Matcher):
    """ "…嗰边就系温泉同荔枝，12218入面从化有冇安排咩产业": the hot springs are the asker's
    picture of Conghua; what it asks is the district's part in the plan."""
    question = "平时感觉从化就系温泉同荔枝，12218入面从化有冇安排咩产业"
    assert _entry_id(matcher, question) == "enablers-conghua"


def test_when_the_plan_was_set_out_gets_its_meetings(matcher: Matcher):
    """ "12218到底是哪天正式部署的" asks when and where the plan was set out: the entry on its
    meetings, not the 15th five-year plan's proposals."""
    assert _entry_id(matcher, "12218到底是哪天正式部署的") == "overall-when-proposed"


def test_a_years_figure_is_stated_in_a_sentence_of_the_passage(matcher: Matcher):
    """ "2024年广州数字经济核心产业占GDP比重多少": the plan's entry says it was issued in 2024 and
    sets a share for 2025, in two sentences (its English summary joins them); the entry on
    2024's figures states the share."""
    question = "2024年广州数字经济核心产业占GDP比重多少"
    assert _entry_id(matcher, question) == "transformation-digital-economy-2024"


def test_a_year_after_a_district_system_gets_its_targets_for_that_year(matcher: Matcher):
    """ "它2035年目标是多少" after Tianhe's "12126": the related entry on its 2035 targets. The
    system's number (12126) holds no year, though "2126" looks like one."""
    question = "它2035年目标是多少"
    assert _entry_id(matcher, question, "enablers-tianhe-12126") == "enablers-tianhe-targets"


def test_a_scope_phrase_inside_a_plan_name_is_no_cue(matcher: Matcher):
    """动车 (a train) inside 电动车 (an electric car) declines nothing; the train still is."""
    about_cars = matcher.match("新能源同储能是不是同一个集群？同电动车有没有重叠？")
    assert about_cars.best is not None
    assert about_cars.best.entry.id == "clusters-new-energy-storage"
    train = matcher.match("广州南站的动车几点开")
    assert train.best is None
    assert str(train.refusal) == "city-service"


def test_an_english_cue_inside_a_plan_name_is_no_cue(matcher: Matcher):
    """'stock' of 'rolling stock' asks no share tip; 'which stock' still does."""
    trains = matcher.match("Is metro rolling stock manufacturing counted as a strategic cluster?")
    assert trains.best is not None
    assert trains.best.entry.id == "clusters-rail-transit"
    tip = matcher.match("which stock should I buy for the rail transit boom")
    assert tip.best is None
    assert str(tip.refusal) == "advice"


@pytest.mark.parametrize(
    ("question", "stating"),
    [
        ("细胞与基因 政府会投几多钱落去", None),  # the entry states no money
        ("天河区一年拎几多钱出嚟扶持产业", "enablers-tianhe-targets"),  # 约10亿元
        ("12218意见系几月几号印发", None),  # the entry gives no day
        ("全市高质量发展大会是哪天开的", "overall-when-proposed"),  # 2月6日
        ("不问能拿多少钱，就想知道产业扶持政策原文去哪查", "enablers-where-to-find-policies"),
    ],
)
def test_money_or_a_day_asked_is_answered_only_by_an_entry_stating_one(
    matcher: Matcher, question: str, stating: str | None
):
    """An entry that names no sum (亿, 万, 元) or no day (月…日) does not answer one."""
    result = matcher.match(question)
    assert (result.best.entry.id if result.best else None) == stating
    if stating is None:
        assert result.unstated == "figure"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # how long he has worked there asks nothing ("十几年")
        (
            "厂在海珠做服装十几年了，天天听人说传统行业要被淘汰，这个规划对做衣服的到底有没有说法",
            "clusters-fashion-consumer-goods",
        ),
        # a voice message: its clauses are spaces
        ("增城做显示模组的供应商 新型显示这条线市里怎么看", "clusters-uhd-video-new-display"),
    ],
)
def test_the_district_of_the_askers_story_is_not_what_is_asked(
    matcher: Matcher, question: str, entry: str
):
    """Where the asker works, told before the question, is not the district asked about."""
    assert _entry_id(matcher, question) == entry


def test_an_amount_asked_for_a_year_needs_a_sentence_stating_one(matcher: Matcher):
    """No figure named: the year and an amount must still stand in one sentence."""
    unstated = matcher.match("低空经济2031年能到多少")
    assert unstated.best is None
    assert unstated.unstated == "figure"
    assert _entry_id(matcher, "数字经济核心产业占GDP15%的目标，2024年实际完成到多少了？") == (
        "transformation-digital-economy-2024"
    )
    # How much two lists share is answered by setting them side by side, not by an amount.
    shared = "今年全国两会报告提的未来产业，跟广州那6个重合多少"
    assert _entry_id(matcher, shared) == "future-national-2026-work-report"


def test_firms_of_hearsay_are_read_in_the_clause_a_short_check_follows(matcher: Matcher):
    """ "…，真唔真" asks of the clause before it: the firms there need an entry naming them."""
    result = matcher.match("听讲广药要同华为合作搞AI药，真唔真")
    assert result.best is None
    assert result.unstated == "firm"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "Does Guangzhou have a dedicated law on the low-altitude economy?",
            "enablers-low-altitude-regulation",
        ),
        ("听说广州专门给低空经济立了法，有这回事？", "enablers-low-altitude-regulation"),
        (
            "市里是不是专门为汽车、医药、低空这几个产业各设了一个办事机构盯着",
            "enablers-key-industry-offices",
        ),
        ("搞新能源汽车配套，广州主要喺边几个区做", "enablers-industries-by-district"),
    ],
)
def test_what_is_asked_of_a_topic_in_other_words_gets_its_entry(
    matcher: Matcher, question: str, entry: str
):
    """A law, an office or where it is, asked of a cluster: the entry on that, not the cluster's."""
    assert _entry_id(matcher, question) == entry


def test_asking_in_english_whether_the_plan_covers_a_thing_no_entry_mentions(matcher: Matcher):
    """An English word no entry uses is a thing the plan does not mention."""
    pet_food = matcher.match("Does the 12218 plan say anything about pet food?")
    assert pet_food.best is None
    assert pet_food.unstated == "topic"
    assert _entry_id(matcher, "Does the plan cover quantum computing?") == "future-networks-quantum"
    # ...and after an answer on another topic too: it asks the plan, not the last answer.
    storage = matcher.kb.entry("clusters-new-energy-storage")
    followed = matcher.match("Does the 12218 plan say anything about pet food?", context=storage)
    assert (followed.best, followed.unstated) == (None, "topic")


def test_the_eight_services_named_in_english_after_another_part_get_their_entry(
    matcher: Matcher,
):
    """ "eight services" names the services' overview, also after the future industries."""
    assert (
        _entry_id(matcher, "ok, and the eight services?", context="future-overview")
        == "services-overview"
    )


def test_cantonese_asks_for_firms_an_address_and_the_provinces_list(matcher: Matcher):
    """边几间企业 asks firms to be named, 地址几多 an address; 嗰份 leans on the last answer."""
    firms = matcher.match("招商清单入面有边几间企业可以睇")
    assert (firms.best, firms.unstated) == (None, "firms")
    address = matcher.match("新型显示与集成电路办公室喺边个局、地址几多")
    assert (address.best, address.unstated) == (None, "figure")
    province = _entry_id(matcher, "咁广东省嗰份点讲？", context="future-overview")
    assert province is not None
    assert province.startswith("future-")


def test_the_others_after_one_of_a_list_get_the_entry_listing_them(matcher: Matcher):
    """ "那另外几个是啥" after quantum computing asks for the rest of the future industries."""
    assert (
        _entry_id(matcher, "那另外几个是啥", context="future-networks-quantum") == "future-overview"
    )
    strongest = "Which Guangzhou district has the strongest manufacturing base?"
    assert _entry_id(matcher, strongest) == "enablers-which-district-strongest"


@pytest.mark.parametrize("query", ["那其余三项是什么", "仲有另外三个呢", "and the other three?"])
def test_the_others_counted_get_the_list_one_longer(matcher: Matcher, query: str):
    """ "其余三项" after the land platform, one of the four major measures, asks for the
    measures: the entry listing four."""
    context = "enablers-wanmu-qianyi-platforms"
    assert _entry_id(matcher, query, context=context) == "enablers-four-major-measures"


@pytest.mark.parametrize(
    ("query", "context", "expected"),
    [
        ("and the 6 future ones?", "clusters-overview", "future-overview"),
        ("what about the service ones", "future-overview", "services-overview"),
    ],
)
def test_english_ones_after_a_list_name_the_list_asked_for(
    matcher: Matcher, query: str, context: str, expected: str
):
    """ "the future ones" after the clusters is the future industries, not the clusters again."""
    assert _entry_id(matcher, query, context=context) == expected


def test_a_name_with_one_wrong_character_is_read_as_that_name_after_an_answer(matcher: Matcher):
    """ "末来产业有哪几个" right after the low-altitude policies asks for the future industries:
    the name is spelt right before the follow-up is read, not only when it is scored."""
    context = "enablers-low-altitude-policies"
    assert _entry_id(matcher, "末来产业有哪几个", context=context) == "future-overview"


def test_the_others_counted_wrong_do_not_get_a_list_of_another_length(matcher: Matcher):
    """ "其他五个" after one of four measures counts another list: not the four measures."""
    context = "enablers-wanmu-qianyi-platforms"
    assert _entry_id(matcher, "其他五个呢", context=context) != "enablers-four-major-measures"


def test_the_askers_story_before_asking_what_a_plan_name_means_declines_nothing(
    matcher: Matcher,
):
    """Looking for a job is the asker's story; what he asks is what 再造新广州 means."""
    story = "刚从外地来广州找工作，老听说再造新广州，这是啥意思"
    assert _entry_id(matcher, story) == "overall-rebuild-new-guangzhou"
    job = matcher.match("广州找工作去哪个网站")
    assert job.best is None


def test_a_scope_phrase_that_is_a_plan_name_is_no_cue(matcher: Matcher):
    """写代码 is a name of the software cluster: asking where such firms stand is no coding errand."""
    firms = "写代码做app的公司在广州的规划里是啥位置"
    assert _entry_id(matcher, firms) == "clusters-software-internet"


def test_a_follow_up_naming_what_the_last_answer_names_asks_about_that_answer(matcher: Matcher):
    """ "那个低空经济岛在哪里" after Haizhu's entry (which names the island) asks of Haizhu."""
    island = "那个低空经济岛在哪里"
    assert _entry_id(matcher, island, context="enablers-haizhu") == "enablers-haizhu"
    # Another district asked instead is that district's.
    assert _entry_id(matcher, "那番禺呢", context="enablers-haizhu") != "enablers-haizhu"


def test_after_the_askers_story_what_he_says_he_wants_to_know_is_asked(matcher: Matcher):
    """His firm's trade (software) is the story; 想知道 says what he asks (the transformation)."""
    saas = "我们公司做 SaaS for factories，想知道 数字化转型 在 12218 里是怎么定位的"
    assert _entry_id(matcher, saas) == "transformation-digital-intelligent"


def test_the_plans_number_with_digits_swapped_is_the_plan_but_a_districts_is_not(
    matcher: Matcher,
):
    """12128 is 12218 typed in a hurry; 12126 is Tianhe's own system; a document number is found."""
    assert _entry_id(matcher, "12128体系讲的啥") == "overall-what-is-12218"
    assert _entry_id(matcher, "天河区的12126体系") == "enablers-tianhe-12126"
    assert matcher.match("12128路公交几点").best is None
    assert _entry_id(matcher, "穗科字〔2025〕4号讲咩") == "enablers-future-industry-opinions"


def test_which_cluster_a_trade_no_entry_mentions_belongs_to_is_unstated(matcher: Matcher):
    """Pet food is in no entry: which cluster it belongs to is not given as the clusters' list."""
    pet_food = matcher.match("我在从化开宠物食品厂，这个产业算在哪个集群")
    assert (pet_food.best, pet_food.unstated) == (None, "topic")


def test_whether_a_thing_belongs_to_a_group_gets_the_things_own_entry(matcher: Matcher):
    """The AI cluster's entry says it is a strategic leading industry; the emerging pillars'
    list only leaves it out. A plain list question still gets the list."""
    assert _entry_id(matcher, "人工智能属于新兴支柱产业吗") == "clusters-artificial-intelligence"
    assert _entry_id(matcher, "新兴支柱产业有哪些") == "clusters-emerging-pillar"


def test_a_count_asked_as_a_number_of_firms_is_stated_by_so_many_firms(matcher: Matcher):
    """After biomedicine, "企业数量大概有多少家" is answered by its entry, which counts
    6,800 firms (数量 is stated as so many 家)."""
    expected = "clusters-biomedicine-health"
    assert _entry_id(matcher, "企业数量大概有多少家", context=expected) == expected


def test_a_districts_sum_is_stated_by_its_related_entry_on_the_district(matcher: Matcher):
    """ "天河每年拿多少钱出来扶持…12126" is answered by Tianhe's figures (about 10亿 a year),
    the entry Tianhe's own lists as related, not declined for want of a sum."""
    result = matcher.match("天河每年拿多少钱出来扶持它那套12126产业")
    assert result.best is not None
    assert result.best.entry.id == "enablers-tianhe-targets"


def test_which_ones_after_an_answer_that_counts_them_gets_the_entry_listing_them(
    matcher: Matcher,
):
    """After the overview, which counts "8个现代服务业", "那个8具体是哪八个" is the services'
    overview, which lists them, not the first related entry with a list of its own."""
    question = "那个8具体是哪八个"
    assert _entry_id(matcher, question, context="overall-what-is-12218") == "services-overview"


def test_the_plan_pointed_at_is_the_plan_alone_and_the_last_answer_in_a_chat(matcher: Matcher):
    """With no chat before it, "这套规划" is the plan ("总的来说这套规划跟以前的产业政策有啥
    不一样" gets an answer, not "no match"); right after Tianhe's 12126 it is Tianhe's."""
    alone = matcher.match("总的来说这套规划跟以前的产业政策有啥不一样")
    assert alone.best is not None
    assert alone.best.entry.pillar == "overall"
    assert _entry_id(matcher, "这个体系具体包括啥", context="enablers-tianhe-12126") == (
        "enablers-tianhe-12126"
    )


@pytest.mark.parametrize(
    ("context", "question", "expected"),
    [
        # The answer lists the eight it counts as "8个战略性产业集群".
        ("enablers-tianhe-12126", "那8个集群具体是哪8个", "enablers-tianhe-12126"),
        # It lists six, not all of which have an entry of their own.
        (
            "clusters-six-100-billion-clusters",
            "细说一下都是哪六个",
            "clusters-six-100-billion-clusters",
        ),
    ],
)
def test_which_ones_after_an_answer_that_lists_them_is_that_answer(
    matcher: Matcher, context: str, question: str, expected: str
):
    """ "Which N" after an answer whose passage lists the N it counts is that answer, even
    when the follow-up names what was counted (集群) or the items have no entries."""
    assert _entry_id(matcher, question, context=context) == expected


def test_an_english_follow_up_by_then_is_read_against_the_last_answer(matcher: Matcher):
    """After the future industries' 2029 targets, "how many pilot zones by then?" is those
    targets (five pilot zones), not "no match"."""
    question = "how many pilot zones by then?"
    context = "enablers-future-industry-2029-targets"
    assert _entry_id(matcher, question, context=context) == context


def test_a_national_idea_related_to_the_plan_just_told_is_answered(matcher: Matcher):
    """Right after the plan, "这跟新质生产力是啥关系" gets the entry setting the national idea
    beside the plan; asked alone, "什么是新质生产力" is still the nation's."""
    followed = matcher.match(
        "这跟新质生产力是啥关系", context=matcher.kb.entry("overall-what-is-12218")
    )
    assert followed.best is not None
    assert followed.best.entry.id == "overall-new-quality-productive-forces"
    assert matcher.match("什么是新质生产力").refusal == "national"


def test_money_asked_in_english_is_answered_by_an_entry_stating_a_sum(matcher: Matcher):
    """ "How much does Tianhe spend on it every year" after Tianhe's 12126 gets Tianhe's
    figures (about 10亿 a year), not the 12126 entry, which states no sum."""
    question = "how much does Tianhe spend on it every year"
    assert (
        _entry_id(matcher, question, context="enablers-tianhe-12126") == "enablers-tianhe-targets"
    )


@pytest.mark.parametrize(
    ("context", "question", "expected"),
    [
        # After a district's services entry, the other district's services entry.
        ("services-tianhe-emphasis", "那越秀的呢", "services-yuexiu-emphasis"),
        # After a district's own entry, the other district's own entry.
        ("enablers-tianhe-12126", "越秀呢", "enablers-yuexiu-3-3"),
    ],
)
def test_another_district_instead_gets_the_same_kind_of_entry(
    matcher: Matcher, context: str, question: str, expected: str
):
    """ "那越秀的呢" after Tianhe's services is Yuexiu's services, not Yuexiu's overview."""
    assert _entry_id(matcher, question, context=context) == expected


def test_which_ones_after_a_digits_entry_gets_the_list_it_counts(matcher: Matcher):
    """ "这8个都有哪些" after the entry on the digit 8 gets the eight services' list, not the
    digit's entry again (it names two of them)."""
    assert _entry_id(matcher, "那这8个都有哪些", context="overall-digit-8") == "services-overview"


def test_asking_for_an_example_leans_on_the_last_answer(matcher: Matcher):
    """Asking "举个例子" after 两业融合 wants an example of it, not nothing at all."""
    assert _entry_id(matcher, "举个例子", context="fusion-overview") == "fusion-overview"


@pytest.mark.parametrize(
    ("context", "question", "expected"),
    [
        ("future-overview", "那全市的呢", "future-overview"),
        ("services-tianhe-emphasis", "那全市呢", "services-overview"),
        ("enablers-huangpu-2024-figures", "全市的呢", "overall-economy-figures"),
    ],
)
def test_the_city_asked_instead_is_the_last_answers_city_counterpart(
    matcher: Matcher, context: str, question: str, expected: str
):
    """ "那全市的呢" after an answer asks the city's own: the answer itself when it is the
    city's, else the same topic's entry that is no district's (Tianhe's services -> the
    city's eight)."""
    assert _entry_id(matcher, question, context=context) == expected


@pytest.mark.parametrize(
    ("phrases", "message", "found"),
    [
        (("买", "买基金", "买哪只"), "我想买基金", ["买基金"]),
        (("买", "买基金", "买哪只"), "买啥好", ["买"]),
        (("bus", "bus route", "buy"), "which bus route, or buy a car", ["bus route", "buy"]),
        (("+", "+1", "1+"), "21+8 and 3+5", ["+", "+"]),
        (("公交", "公…车", "公司"), "公司的公交车", ["公司的公交车"]),
    ],
)
def test_scope_phrases_sharing_a_first_character_match_longest_first(
    phrases: tuple[str, ...], message: str, found: list[str]
):
    """Scope phrases are one pattern grouped by first character (for speed); the longest
    phrase still wins where several start, English words still match whole."""
    pattern = phrases_pattern(phrases)
    assert pattern is not None
    assert [m.group() for m in pattern.finditer(message)] == found


# Follow-ups read against the chat's last answer: (last answer, message, expected entry).
FOLLOW_UPS = {
    # Working with a place the last answer names, asked without a relating opening, when no
    # entry answers the question alone: the last answer.
    "working-with-a-place-the-last-answer-names": (
        "future-deep-sea-deep-space",
        "深圳那边有没有合作",
        "future-deep-sea-deep-space",
    ),
    # Which of a list have their own office: the offices, in English too.
    "which-of-them-have-an-office": (
        "clusters-overview",
        "which ones have their own office?",
        "enablers-key-industry-offices",
    ),
    # Whether the last answer's measure has an official document: that answer, with its source.
    "an-official-document-of-the-last-answer": (
        "enablers-ten-hundred-thousand",
        "这个计划有正式文件吗",
        "enablers-ten-hundred-thousand",
    ),
    # How to work with neighbours after a topic: the entry on working with them.
    "working-with-neighbours-after-a-topic": (
        "future-embodied-ai",
        "和佛山东莞要怎么配合",
        "future-bay-area-cooperation",
    ),
    # A rank in the city asked after a district's entry is the district's rank.
    "a-districts-rank-in-the-city": (
        "enablers-tianhe-12126",
        "那它的经济总量在全市排第几",
        "enablers-tianhe-targets",
    ),
    # How the last answer relates to what its passage names: that answer.
    "related-to-what-the-last-answer-names": (
        "fusion-service-oriented-manufacturing",
        "和两业融合是啥关系",
        "fusion-service-oriented-manufacturing",
    ),
    "related-to-the-plan-it-names": (
        "overall-rebuild-new-guangzhou",
        "跟12218有什么联系",
        "overall-rebuild-new-guangzhou",
    ),
    # "正式" (officially) is how a thing was published, no topic of its own.
    "officially-is-no-topic": ("future-overview", "这个名单是官方正式公布的吗", "future-overview"),
    # How the last answer's topic relates to a place its passage names: that answer.
    "the-last-topic-beside-a-place-it-names": (
        "future-deep-sea-deep-space",
        "这个跟深圳有什么关系",
        "future-deep-sea-deep-space",
    ),
    # "what about the 8?": the article is part of the asking words, not of what is asked.
    "a-digit-asked-instead-in-english": (
        "overall-what-is-12218",
        "what about the 8?",
        "overall-digit-8",
    ),
    # What a district's answer does not give, another entry of the district is titled with.
    "a-districts-other-entry-by-its-title": (
        "enablers-tianhe-12126",
        "那它的目标呢",
        "enablers-tianhe-targets",
    ),
    # Another topic asked instead after a topic's policies: that topic's policies.
    "another-topics-policies": (
        "enablers-low-altitude-policies",
        "那生物医药呢",
        "enablers-biomedicine-policies",
    ),
    # The overview lists the plan's digits: the second of them is the "2".
    "the-second-digit-after-the-overview": (
        "overall-what-is-12218",
        "第二个呢",
        "overall-digit-2",
    ),
    # A correction pointing at what it meant ("那个2") asks that digit instead.
    "a-digit-meant-pointed-at": ("overall-digit-21", "不对，我是问那个2", "overall-digit-2"),
    # Another industry asked instead after the offices: whether it has one, the offices again.
    "another-industry-asked-of-the-offices": (
        "enablers-key-industry-offices",
        "生物医药那块呢",
        "enablers-key-industry-offices",
    ),
    # Things a district's answer lists, asked for without their count: that answer.
    "what-a-districts-answer-lists": (
        "enablers-tianhe-12126",
        "具体有哪些未来产业",
        "enablers-tianhe-12126",
    ),
    # A year asked of the opinions with a thing of that year's targets: those targets.
    "a-thing-of-another-years-targets": (
        "enablers-future-industry-opinions",
        "它到2029年计划建几个先导区",
        "enablers-future-industry-2029-targets",
    ),
    # A correction naming only the place meant asks the last question again for it.
    "a-correction-naming-the-city": (
        "clusters-overview",
        "我问的是广州的嘛，不是省里的",
        "clusters-overview",
    ),
    # A correction naming one character ("不是21，我问的是8") asks it instead.
    "a-one-character-correction": ("overall-digit-2", "不对，我问的是1", "overall-digit-1"),
    # A year asked instead ("2035的呢") is the same question for that year.
    "another-year-of-the-same-targets": (
        "enablers-future-industry-2029-targets",
        "2035的呢",
        "enablers-future-industry-2035-targets",
    ),
    # Another topic asked instead after a district's answer is asked of that district: the
    # last answer, when it names the topic.
    "another-topic-of-the-same-district": (
        "enablers-tianhe-targets",
        "那科技服务呢",
        "enablers-tianhe-targets",
    ),
    # Which are the things the last answer counts and lists: that answer; not when another
    # district's are asked.
    "which-are-the-counted-ones": (
        "enablers-tianhe-12126",
        "里面的4个未来产业分别是什么",
        "enablers-tianhe-12126",
    ),
    "which-are-another-districts-counted-ones": (
        "enablers-tianhe-12126",
        "那番禺的4个未来产业是哪些",
        "enablers-panyu-2104",
    ),
    # Where the last answer comes from: that answer again, with its source, even when the
    # words that ask it are another entry's keywords (原文, 文件).
    "source-government-or-media": (
        "fusion-coordination-mechanism",
        "是政府文件还是媒体文章讲的？",
        "fusion-coordination-mechanism",
    ),
    "source-link": (
        "enablers-key-industry-offices",
        "链接发我一下",
        "enablers-key-industry-offices",
    ),
    "source-basis": ("clusters-overview", "依据是啥，哪份文件讲的", "clusters-overview"),
    "source-english": ("future-overview", "where is that from?", "future-overview"),
    # ...but where a policy's own text is found is the support entries' to say.
    "policy-text": ("fusion-overview", "去哪里查政策原文", "enablers-where-to-find-policies"),
    # A correction asks what it says was meant, not what was not.
    "correction-meant": (
        "overall-digit-2",
        "我指的是总体要求，不是那两个主攻方向",
        "overall-digit-1",
    ),
    "correction-cantonese": (
        "enablers-yuexiu-3-3",
        "唔系越秀啊，我问紧番禺",
        "enablers-panyu-2104",
    ),
    "correction-english": (
        "enablers-tianhe-12126",
        "no, I meant the city-wide 2035 goals, not Tianhe's",
        "overall-2035-goals",
    ),
    # ...and what was meant may leave out what it is of: the last answer's.
    "correction-elliptical": (
        "future-overview",
        "我问的是12218里面的，不是国家的",
        "future-overview",
    ),
    # The whole city's figure after a district's answer is the city's.
    "city-wide-goals": ("enablers-tianhe-12126", "全市2035年的目标呢", "overall-2035-goals"),
    "whole-guangzhou-goals": (
        "enablers-tianhe-12126",
        "整个广州2035年目标是什么",
        "overall-2035-goals",
    ),
    # What the last answer names itself is asked of it (三都 of 五区三都三城), and 国家级 there
    # is no national question; not a name another entry is titled with.
    "named-in-the-last-answer": (
        "transformation-digital-economy-plan",
        "那三都呢",
        "transformation-digital-economy-plan",
    ),
    "counted-in-the-last-answer": (
        "fusion-specialised-smes",
        "那国家级小巨人呢？",
        "fusion-specialised-smes",
    ),
    "titled-elsewhere": ("transformation-overview", "那绿色化呢", "transformation-green"),
    # The last answer's part set beside another: the entry listing both.
    "beside-another-part": ("fusion-overview", "它跟两化转型是什么关系", "overall-digit-2"),
    "differs-from-another-part": ("fusion-overview", "那跟两化转型有什么区别", "overall-digit-2"),
    # Another district's numbered system after one district's (黄埔's 12136 after 番禺's 2104);
    # after an entry that is no system, the district's own entry.
    "another-districts-system": ("enablers-panyu-2104", "那黄埔呢", "enablers-huangpu-12136"),
    "another-districts-entry": ("enablers-haizhu", "那黄埔呢", "enablers-huangpu"),
    # "增长几多" asks how much it grew: 几 begins 几多, it is no 增长极 typed by sound.
    "how-much-in-cantonese": (
        "transformation-digital-economy-2024",
        "同比增长几多",
        "transformation-digital-economy-2024",
    ),
}


@pytest.mark.parametrize(("context", "question", "expected"), FOLLOW_UPS.values(), ids=FOLLOW_UPS)
def test_a_follow_up_gets_the_entry_it_points_at(
    matcher: Matcher, context: str, question: str, expected: str
):
    """Each follow-up, read against the last answer, reaches the entry a reader would give."""
    assert _entry_id(matcher, question, context=context) == expected


def test_another_places_list_after_an_answer_is_not_the_answer_again(matcher: Matcher):
    """ "那上海的未来产业呢" names another place's list, not one the last answer names."""
    assert (
        matcher.match("那上海的未来产业呢", context=matcher.kb.entry("future-overview")).best
        is None
    )


def test_a_quiz_asked_to_be_written_is_still_a_request_to_write(matcher: Matcher):
    """A quiz item opening with its label is given (ANSWERS); one asked for is to be written."""
    assert matcher.match("出几道判断题：关于两业融合").refusal == "write"


def test_a_national_title_alone_is_still_national(matcher: Matcher):
    """Figures an entry states make 国家级 that entry's fact (ANSWERS); without them it is not."""
    assert matcher.match("国家级小巨人认定条件是什么").refusal == "national"


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        # A count after the plan's number stays apart from it.
        ("12218五个数字分别指什么", "12218 5个数字分别指什么"),
        # ...and typed digit by digit, it is the plan's number.
        ("1 2 2 1 8 五个数分别指啥", "12218 5个数分别指啥"),
        # ...spoken digit by digit with pauses, grouped, or romanised.
        ("一 二 二 一 八 是啥", "12218是啥"),
        ("幺-两-两-幺-八", "12218"),
        ("广州12 2 18讲什么", "广州12218讲什么"),
        ("122 18是啥", "12218是啥"),
        ("yao er er yao ba shi sha", "12218 shi sha"),
        ("Yat Yi Yi Yat Baat 系咩", "12218 系咩"),
        # A year read out in full is that year; two thousand years are not.
        ("到两千零四十五年", "到2045年"),
        ("两千年历史", "两千年历史"),
        # A message typed with a space after every character is closed up; words stay apart.
        ("8 个 现 代 服 务 业 都 有 啥", "8个现代服务业都有啥"),
        ("广 州 去 年 G D P 多 少", "广州去年gdp多少"),
        ("I am a b c d student", "i am a b c d student"),
        # ...but the plan's digits listed one by one stay apart.
        ("1、2、21、8各指什么", "1、2、21、8各指什么"),
        # ...and so does a digit asked after the number, spoken with a pause.
        ("12218 里面 那个 一 是啥", "12218的1 是啥"),
        # A digit in quotation marks, in Cantonese, is that digit of the plan.
        ("12218嗰個「8」係指咩", "12218的8系指咩"),
        ("12218里面的“1”到底是啥", "12218的1到底是啥"),
    ],
)
def test_the_plans_digits_and_counts_are_read_apart(raw: str, normalised: str):
    """ "12218五个" is the plan and a count, not 122185; "嗰個「8」" is the digit 8."""
    assert text.normalize(raw) == normalised


def test_another_year_the_last_answer_never_names_is_not_answered_with_it(matcher: Matcher):
    """ "那2028年呢" after the city's headline figures: they state no 2028 figure; 2025 they do."""
    figures = matcher.kb.entry("overall-economy-figures")
    later = matcher.match("那2028年呢", context=figures)
    assert later.best is None
    assert later.refusal == "no-match"
    stated = matcher.match("那2025年呢", context=figures).best
    assert stated is not None
    assert stated.entry.id == "overall-economy-figures"


@pytest.mark.parametrize(
    ("message", "asked"),
    [
        ("我问的不是12218，是黄埔的2035年目标", "黄埔的2035年目标"),
        ("搞错了，我要问全市的6个未来产业", "全市的6个未来产业"),
        ("我想问一下两业融合是什么", "我想问一下两业融合是什么"),
    ],
)
def test_a_correction_asks_what_it_says_was_meant(kb: KnowledgeBase, message: str, asked: str):
    """ "我问的不是X，是Y" and "搞错了，我要问Y" ask Y; a question that corrects nothing stays."""
    assert Understander(kb.scope).corrected(message) == asked


def test_the_provinces_system_after_the_21_plus_8_is_declined_as_the_provinces(
    matcher: Matcher,
):
    """ "那广东省有没有对应的体系" after the 21+8: that answer never speaks of the province.
    After the entry setting Guangzhou's future industries beside the province's, it does."""
    digits = matcher.kb.entry("overall-digit-21")
    result = matcher.match("那广东省有没有对应的体系", context=digits)
    assert result.best is None
    assert result.refusal == "province"
    beside = "future-versus-province-nation"
    assert _entry_id(matcher, "那省里有没有对应的清单", beside) == beside


def test_the_nations_figure_after_guangzhous_is_not_answered_with_guangzhous(matcher: Matcher):
    """ "全国平均水平是多少" after Guangzhou's digital-economy share: it gives no national one."""
    share = matcher.kb.entry("transformation-digital-economy-2024")
    result = matcher.match("那全国平均水平是多少", context=share)
    assert result.best is None
    assert result.refusal == "national"
