"""Masking personal details before a question's text is kept, and the privacy wording."""

from __future__ import annotations

import pytest

from bot.privacy import RecentQuestions, about_line, mask, privacy_html


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("我的手机13812345678，请回电", "13812345678"),
        ("电话 138-1234-5678 找我", "138-1234-5678"),
        ("打 +86 138 1234 5678", "138 1234 5678"),
        ("全角１３８１２３４５６７８号码", "１３８１２３４５６７８"),
        ("座机020-83123456", "83123456"),
        ("(020)8312 3456", "8312 3456"),
        ("客服4008123456", "4008123456"),
        ("发到 zhang.san@example.com.cn 吧", "zhang.san@example.com.cn"),
        ("邮箱ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", "ｚｈａｎｇ"),
        ("身份证44010619900101123X能办吗", "44010619900101123X"),
        ("旧证440106900101123", "440106900101123"),
        ("银行卡6222021234567890123", "6222021234567890123"),
        ("@zhang_san 你看低空经济", "zhang_san"),
        ("我叫王小明，想问低空经济", "王小明"),
        ("我是陈志强，做无人机的", "陈志强"),
        ("联系人：李四", "李四"),
        ("麻烦转告梁先生", "梁先"),
        ("my name is John Smith, what is 12218", "John"),
    ],
    ids=[
        "mobile",
        "mobile-dashes",
        "mobile-+86",
        "mobile-fullwidth",
        "landline",
        "landline-brackets",
        "400-number",
        "email",
        "email-fullwidth",
        "id-card-18",
        "id-card-15",
        "bank-card",
        "username",
        "name-given",
        "name-introduced",
        "name-contact",
        "name-title",
        "name-english",
    ],
)
def test_personal_details_are_masked(text: str, secret: str) -> None:
    """Phone numbers, e-mail addresses, ID-card-like and other long numbers never survive masking."""
    masked = mask(text)
    assert secret not in masked
    assert "[" in masked  # replaced by a placeholder, not silently dropped


@pytest.mark.parametrize(
    "text",
    [
        "12218是什么",
        "“3+5+3+1”配套体系",
        "2035年目标",
        "打12345热线",
        "2024年GDP 31032.5亿元",
        "15个集群、6个未来产业、8个服务业",
        "低空经济补贴，有吗？",
        "我是做小家电的，想问两业融合",
        "我是黄埔人，想问黄埔区的政策",
        "汇总一下各区的产业",
    ],
)
def test_the_plans_own_numbers_and_punctuation_stay(text: str) -> None:
    """The plan's numbers, years, amounts, places and the user's punctuation are kept as typed."""
    assert mask(text) == text


def test_privacy_text_says_what_is_kept_in_both_languages() -> None:
    """/privacy names the kept text, the masking, the deletion period and no identities, in zh and en."""
    text = privacy_html(True, 30)
    assert "30 天后" in text and "用户 ID" in text and "👎" in text and "邮箱" in text
    assert "姓名" in text and "names given as names" in text
    assert "30 days" in text and "user id" in text and "e-mail" in text
    assert text.index("隐私说明") < text.index("Privacy")
    line = about_line(True, 30)
    assert "30 天后删除" in line and "30 days" in line and "/privacy" in line


def test_privacy_text_when_no_text_is_kept() -> None:
    """With BOT_KEEP_TEXT=off the wording says no question text is kept and names no period."""
    text = privacy_html(False, 30)
    assert "不保存任何问题原文" in text and "keep no question text" in text
    assert "30" not in text
    assert "不保存任何问题原文" in about_line(False, 30)


def test_recent_questions_are_masked_recalled_once_and_bounded() -> None:
    """An answered question waits in memory masked, is handed over once, and old ones drop out."""
    recent = RecentQuestions(size=2)
    recent.remember(1, 10, "低空经济补贴找谁？电话13812345678", 0.7)
    assert recent.recall(1, 10) == ("低空经济补贴找谁？电话[电话]", 0.7)
    assert recent.recall(1, 10) is None
    for message_id in (11, 12, 13):
        recent.remember(1, message_id, f"问题{message_id}", 0.6)
    assert len(recent) == 2 and recent.recall(1, 11) is None
    assert recent.recall(2, 12) is None  # another chat's message with the same id
    expired = RecentQuestions(hours=0)
    expired.remember(1, 10, "问题", 0.6)
    assert expired.recall(1, 10) is None
