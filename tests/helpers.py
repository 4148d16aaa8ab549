"""Test helpers: an offline Bot API request and builders of update payloads.

Modelled on python-telegram-bot's own test suite: no network; the request answers
getMe, sendMessage and the like with canned JSON and records every call. Like Telegram,
it refuses text sent with parse_mode=HTML that Telegram could not parse, so every
handler test also checks the escaping.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import IO, Any

from telegram.request import BaseRequest, RequestData

from tests.botapi_double import BOT_ID, BOT_USER, BOT_USERNAME, FAKE_TOKEN, chat_of

__all__ = ["BOT_ID", "BOT_USER", "BOT_USERNAME", "FAKE_TOKEN", "chat_of"]

USER_ID = 424242
GROUP_ID = -1001234567890
USER = {"id": USER_ID, "is_bot": False, "first_name": "Ada", "language_code": "zh-hans"}
OTHER_BOT = {"id": 7000000002, "is_bot": True, "first_name": "Other", "username": "other_bot"}

# The keys of `policybot ask --json` (DESIGN.md's contract).
CONTRACT_KEYS = {
    "query",
    "matched",
    "pillar",
    "pillar_name",
    "entry",
    "title",
    "passage",
    "score",
    "sources",
    "alternatives",
    "why",
    "refusal",
}

_update_ids = itertools.count(1)
_message_ids = itertools.count(100)


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)  # uploads (sendPhoto), by field
    result: Any = None  # what the double answered

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    def json(self, key: str) -> Any:
        value = self.params.get(key)
        return json.loads(value) if isinstance(value, str) else value


@dataclass
class Recorder:
    calls: list[Call] = field(default_factory=list)

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def clear(self) -> None:
        self.calls.clear()


def bot_message(chat_id: int, text: str, message_id: int | None = None) -> dict[str, Any]:
    return {
        "message_id": message_id or next(_message_ids),
        "date": int(time.time()),
        "chat": chat_of(chat_id),
        "from": BOT_USER,
        "text": text,
    }


# --- Telegram HTML, as the Bot API accepts it ---------------------------------------------
# https://core.telegram.org/bots/api#html-style: these tags (with these attributes) only,
# properly nested; every other <, > and & written as &lt; &gt; &amp; (or &quot; / numeric).

_ALLOWED_TAGS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "pre"),
        frozenset(),
    ),
    "span": frozenset({"class"}),
    "a": frozenset({"href"}),
    "code": frozenset({"class"}),
    "blockquote": frozenset({"expandable"}),
}
_TAG = re.compile(r"<(/?)([a-z][a-z-]*)((?:\s+[a-z-]+(?:=\"[^\"<>]*\")?)*)\s*>")
_ATTRIBUTE = re.compile(r"([a-z-]+)(?:=\"([^\"]*)\")?")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")


def telegram_html_errors(text: str) -> list[str]:
    """What Telegram would refuse in `text` sent with parse_mode=HTML (empty if nothing)."""
    errors: list[str] = []
    open_tags: list[str] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char == "&":
            entity = _ENTITY.match(text, pos)
            if entity is None:
                errors.append(f"bare & at {pos}: {text[pos : pos + 12]!r}")
                pos += 1
                continue
            pos = entity.end()
            continue
        if char == ">":
            errors.append(f"bare > at {pos}")
        if char != "<":
            pos += 1
            continue
        tag = _TAG.match(text, pos)
        if tag is None:
            errors.append(f"bare < at {pos}: {text[pos : pos + 12]!r}")
            pos += 1
            continue
        closing, name, attributes = tag.group(1), tag.group(2), tag.group(3)
        pos = tag.end()
        if name not in _ALLOWED_TAGS:
            errors.append(f"tag <{name}> is not allowed")
        elif closing:
            if not open_tags or open_tags[-1] != name:
                errors.append(f"</{name}> does not close the open tag {open_tags[-1:]}")
            else:
                open_tags.pop()
        else:
            found = dict(_ATTRIBUTE.findall(attributes))
            if set(found) - _ALLOWED_TAGS[name]:
                errors.append(f"<{name}> has attributes {sorted(found)}")
            if name == "a" and not found.get("href"):
                errors.append("<a> without href")
            if name == "span" and found.get("class") != "tg-spoiler":
                errors.append('<span> without class="tg-spoiler"')
            errors += [
                f"in <{name}> attribute: {e}"
                for value in found.values()
                for e in telegram_html_errors(value)
            ]
            open_tags.append(name)
    if open_tags:
        errors.append(f"tags left open: {open_tags}")
    return errors


def _html_errors_in(params: Any) -> list[str]:
    """Problems in every text of `params` (nested objects too) sent with parse_mode=HTML."""
    if isinstance(params, list):
        return [e for item in params for e in _html_errors_in(item)]
    if not isinstance(params, dict):
        return []
    errors = [e for value in params.values() for e in _html_errors_in(value)]
    if params.get("parse_mode") == "HTML":
        for key in ("text", "caption", "message_text"):
            if isinstance(params.get(key), str):
                errors += telegram_html_errors(params[key])
    return errors


def _content(part: bytes | IO[bytes]) -> bytes:
    return part if isinstance(part, bytes) else part.read()


class OfflineRequest(BaseRequest):
    """Answers Bot API calls locally with canned JSON and records them in a Recorder."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(  # noqa: PLR0917 - BaseRequest's signature
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        files = (
            {name: _content(part[1]) for name, part in (request_data.multipart_data or {}).items()}
            if request_data
            else {}
        )
        call = Call(api_method, dict(params), files)
        self.recorder.calls.append(call)
        if errors := _html_errors_in(dict(params)):
            return 400, json.dumps(
                {
                    "ok": False,
                    "error_code": 400,
                    "description": f"Bad Request: can't parse entities: {errors[0]}",
                }
            ).encode()
        result: Any = True
        if api_method == "getMe":
            result = BOT_USER
        elif api_method == "getUpdates":
            result = []
        elif api_method == "sendPhoto":
            uploaded = next(iter(files.values()), b"")
            result = {
                **bot_message(int(str(params["chat_id"])), ""),
                "caption": str(params.get("caption", "")),
                "photo": [
                    {
                        "file_id": f"photo-{len(uploaded)}",
                        "file_unique_id": "u1",
                        "width": 1000,
                        "height": 2000,
                    }
                ],
            }
        elif api_method in {"sendMessage", "editMessageText"}:
            message_id = params.get("message_id")
            result = bot_message(
                int(str(params["chat_id"])),
                str(params["text"]),
                int(str(message_id)) if message_id is not None else None,
            )
        call.result = result
        return 200, json.dumps({"ok": True, "result": result}).encode()


# --- update payloads ---------------------------------------------------------------------

_COMMAND = re.compile(r"^/[A-Za-z_]+(?:@\w+)?")
_MENTION = re.compile(r"@[A-Za-z]\w{3,}")


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def entities_for(text: str) -> list[dict[str, Any]]:
    """bot_command and mention entities as Telegram would send them (UTF-16 offsets)."""
    found = []
    command = _COMMAND.match(text)
    if command:
        found.append({"type": "bot_command", "offset": 0, "length": _utf16_len(command.group())})
    for m in _MENTION.finditer(text):
        if command and m.start() < command.end():
            continue
        found.append(
            {
                "type": "mention",
                "offset": _utf16_len(text[: m.start()]),
                "length": _utf16_len(m.group()),
            }
        )
    return found


def message_payload(
    text: str | None = None,
    *,
    chat_id: int = USER_ID,
    sender: dict[str, Any] | None = None,
    reply_to: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat_of(chat_id),
        "from": sender or USER,
        **extra,
    }
    if text is not None:
        message["text"] = text
        if entities := entities_for(text):
            message["entities"] = entities
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    return message


def message_update(
    text: str | None = None, *, kind: str = "message", **kwargs: Any
) -> dict[str, Any]:
    """An update carrying a new (or, with kind="edited_message", an edited) message."""
    return {"update_id": next(_update_ids), kind: message_payload(text, **kwargs)}


def callback_update(data: str, *, chat_id: int = USER_ID, text: str = "旧消息") -> dict[str, Any]:
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids)),
            "from": USER,
            "chat_instance": "ci-1",
            "data": data,
            "message": bot_message(chat_id, text),
        },
    }


def inline_update(query: str) -> dict[str, Any]:
    return {
        "update_id": next(_update_ids),
        "inline_query": {"id": str(next(_update_ids)), "from": USER, "query": query, "offset": ""},
    }


STICKER = {
    "file_id": "CAACAgIAAxkBAAI",
    "file_unique_id": "AgADsticker",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
}
PHOTO = [{"file_id": "AgACAgIAAxkBAAI", "file_unique_id": "AQADphoto", "width": 90, "height": 90}]
VOICE = {"file_id": "AwACAgIAAxkBAAI", "file_unique_id": "AgADvoice", "duration": 2}
