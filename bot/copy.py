"""What the bot says: every user-facing sentence of the front ends, in one place.

Naming rule: a name ending in `_HTML` is Telegram HTML, ready to send (its markup is
meant; any `{placeholder}` must be filled with escaped text). Every other string is plain
text and is escaped wherever it goes into HTML. The command menu's descriptions stay
beside their commands, in the COMMANDS table of bot/telegram/app.py.
"""

from __future__ import annotations

# --- Telegram: commands and notices -------------------------------------------------------

WELCOME_HTML = (
    "<b>你好！我解答广州“12218”现代化产业体系的问题。</b>\n\n"
    "直接发问即可，例如：\n"
    "• 12218是什么意思？\n"
    "• 低空经济属于哪一类产业？\n"
    "• 两业融合是什么？\n"
    "• What are the six future industries?\n\n"
    "/pillars 按结构浏览 · /help 用法 · /about 关于与来源"
)
HELP_HTML = (
    "<b>怎么用</b>\n\n"
    "• 私聊：直接发送问题，每条消息都当作一个问题。\n"
    "• 群组：发送 <code>/ask 问题</code>，或 @我，或回复我的消息；其他聊天我不插话。\n"
    "• 任意聊天：输入 <code>@{username} 关键词</code>，从列表里挑一条发出去。\n\n"
    "回答附有所属部分（如【21 · 15个战略性产业集群】）和来源链接；下面的按钮可以看相关条目，"
    "也请告诉我回答有没有帮助。\n\n"
    "/pillars 按 1 → 2 → 21 → 8 浏览 · /about 关于、来源与免责声明"
)
ASK_USAGE_HTML = (
    "用法：<code>/ask 你的问题</code>，例如 <code>/ask 低空经济属于哪一类产业？</code>")
ERROR_REPLY = "抱歉，处理这条消息时出了点问题，请稍后再试。"
STALE_BUTTON = "这个按钮已失效，请重新提问或发送 /pillars。"
ADMIN_ONLY = "抱歉，这个命令只供管理员使用。"
THANKS_HELPFUL = "谢谢反馈！"
THANKS_NOT_HELPFUL = "谢谢，我们会改进这条回答。"
INLINE_NOTHING_FOUND = "没有找到，打开机器人提问"

# --- Telegram: buttons --------------------------------------------------------------------

BUTTON_HELPFUL = "👍 有帮助"
BUTTON_NOT_HELPFUL = "👎 没帮助"
BUTTON_BROWSE = "📚 浏览 12218 体系"
BUTTON_BACK_TO_OVERVIEW = "⬅️ 返回总览"
BUTTON_BACK_UP = "⬅️ 返回上一级"
BUTTON_PREVIOUS_PAGE = "◀️ 上一页"
BUTTON_NEXT_PAGE = "下一页 ▶️"
BUTTON_ALTERNATIVE = "🔎 {title}"
BUTTON_RELATED = "📄 {title}"
BUTTON_BACK_TO_PILLAR = "⬅️ {label}"

# --- Telegram: screens with data (placeholders take escaped text) ------------------------

ABOUT_HTML = (
    "<b>关于本机器人</b>\n\n"
    "我根据一份人工整理的知识库，解答广州“12218”现代化产业体系（1个总体要求、2个主攻方向、"
    "21个重点产业、8个现代服务业及重大举措）的问题，每条回答都附所属部分和来源链接。\n\n"
    "知识库：{entries} 条，引用 {sources} 份公开来源（其中官方文件 {official} 份）；"
    "版本 <code>{version}</code>，资料截至 {updated}。\n\n"
    "<b>声明</b>：{disclaimer}\n"
    "官方咨询渠道：{channels}"
)
STATS_HTML = (
    "<b>统计</b>\n"
    "提问 {queries} 次，有把握回答 {answered} 次，来自 {chats} 个聊天\n"
    "按结果：{by_reason}\n"
    "按聊天类型：{by_chat_type}\n"
    "反馈：👍 {helpful} · 👎 {not_helpful}\n"
    "最常回答：{top_entries}\n"
    "被评没帮助：{unhelpful_entries}"
)
RELOADED_HTML = "已重新加载：{entries} 条，版本 <code>{version}</code>（原 <code>{old}</code>）。"
RELOAD_REFUSED_HTML = (
    "知识库有 {count} 处错误，未加载，继续使用版本 <code>{version}</code>：\n"
    "<pre>{shown}</pre>{more}")
RELOAD_MORE_PROBLEMS = "\n…另有 {count} 处"
PAGE_OF = "（第 {page}/{pages} 页）"
