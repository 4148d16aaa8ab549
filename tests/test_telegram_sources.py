"""On Telegram an answer links its best source and folds the rest behind 来源（N）."""

from __future__ import annotations

from typing import Any

from bot.knowledge import KnowledgeBase
from bot.telegram.callback_data import Sources, encode, parse
from tests.helpers import Recorder, callback_update, message_update

Feed = Any


def _buttons(call: Any) -> dict[str, str]:
    markup = call.json("reply_markup") or {}
    return {b["callback_data"]: b["text"] for row in markup.get("inline_keyboard", []) for b in row}


def _press(data: str, shown: Any) -> dict[str, Any]:
    """A press of `data` on the message `shown` was sent as, buttons included."""
    update = callback_update(data, text=shown.text)
    update["callback_query"]["message"]["reply_markup"] = shown.json("reply_markup")
    return update


async def test_answer_links_the_best_source_and_offers_the_rest(
    feed: Feed, recorder: Recorder, kb: KnowledgeBase
) -> None:
    """A question about an entry with several sources is answered with one link, the best
    source's, and a 来源（N） button counting all of them."""
    entry = kb.by_id["enablers-district-overview"]
    await feed(message_update("广州11个区的分工是怎样的？"))
    [reply] = recorder.of("sendMessage")
    assert reply.text.count("<a ") == 1
    assert "huacheng.gz-cmc.com" in reply.text  # the major outlet, not the reposts before it
    data = encode(Sources(entry.id, all_sources=True))
    assert _buttons(reply)[data] == f"📑 来源（{len(entry.sources)}）"


async def test_sources_button_lists_all_in_place_and_folds_back(
    feed: Feed, recorder: Recorder, kb: KnowledgeBase
) -> None:
    """Pressing 来源（N） edits the same message to list every source best first, keeping
    the other buttons; pressing 收起来源 folds the list back to the best source."""
    entry = kb.by_id["enablers-district-overview"]
    await feed(message_update("广州11个区的分工是怎样的？"))
    [reply] = recorder.of("sendMessage")
    await feed(_press(encode(Sources(entry.id, all_sources=True)), reply))
    [answered] = recorder.of("answerCallbackQuery")
    assert not answered.params.get("text")
    [opened] = recorder.of("editMessageText")
    assert opened.text.count("<a ") == len(entry.sources)
    assert f"来源（{len(entry.sources)}）：" in opened.text
    urls = [ref.source.url for ref in entry.sources_best_first]
    positions = [opened.text.index(url) for url in urls]
    assert positions == sorted(positions)
    assert "转载" in opened.text  # the reposts say so, with their original publisher
    before, after = _buttons(reply), _buttons(opened)
    assert set(before) - set(after) == {encode(Sources(entry.id, all_sources=True))}
    fold = encode(Sources(entry.id, all_sources=False))
    assert after[fold] == "📑 收起来源"
    recorder.calls.clear()
    await feed(_press(fold, opened))
    [folded] = recorder.of("editMessageText")
    assert folded.text.count("<a ") == 1 and folded.text == reply.text
    assert _buttons(folded) == before


async def test_sources_keep_the_askers_language_and_script(feed: Feed, recorder: Recorder) -> None:
    """Opening the sources of an answer given in traditional script keeps it traditional."""
    await feed(message_update("兩業融合是什麼？"))
    [reply] = recorder.of("sendMessage")
    data = next(d for d in _buttons(reply) if isinstance(parse(d), Sources))
    target = parse(data)
    assert isinstance(target, Sources) and target.traditional and not target.english
    await feed(_press(data, reply))
    [opened] = recorder.of("editMessageText")
    assert "兩業融合" in opened.text and "來源" in opened.text


async def test_single_source_entry_has_no_sources_button(
    feed: Feed, recorder: Recorder, kb: KnowledgeBase
) -> None:
    """An entry with one source links it and shows no 来源 button: there is nothing more."""
    entry = next(e for e in kb.entries if len(e.sources) == 1)
    await feed(callback_update(f"e:{entry.id}"))
    [edit] = recorder.of("editMessageText")
    assert edit.text.count("<a ") == 1
    assert not any(isinstance(parse(d), Sources) for d in _buttons(edit))


async def test_sources_of_a_removed_entry_get_a_notice(feed: Feed, recorder: Recorder) -> None:
    """A 来源 button whose entry has left the base is answered as stale, nothing edited."""
    await feed(callback_update("s:1:no-such-entry"))
    [answered] = recorder.of("answerCallbackQuery")
    assert "失效" in answered.params["text"]
    assert not recorder.of("editMessageText")
