"""What the bot says: every user-facing sentence of the core and the front ends, in one place.

Naming rule: a name ending in `_HTML` is Telegram HTML, ready to send (its markup is
meant; any `{placeholder}` must be filled with escaped text). Every other string is plain
text and is escaped wherever it goes into HTML. A `Bilingual` holds the Chinese and the
English wording; replies to traditional-script questions convert the Chinese at render
time. The command menu's descriptions stay beside their commands, in the COMMANDS table
of bot/telegram/app.py.
"""

from __future__ import annotations

from typing import NamedTuple


class Bilingual(NamedTuple):
    zh: str
    en: str


# --- answers (bot/answer.py) --------------------------------------------------------------

PLAN_NAME = "广州“12218”现代化产业体系"
DISCLAIMER = "本回答由项目依据公开报道整理，不是官方解读；以政府部门发布的文件为准。"
OFFICIAL_CHANNELS = "广州市人民政府门户网站 (www.gz.gov.cn)、12345政务服务便民热线"
SOURCES_LABEL = "来源："
SOURCES_HEADING = "来源（{count}）："
RELATED_LABEL = "相关："
SOURCE_LINE = "{publisher}《{title}》（{date}，{kind}）"
SOURCE_KIND_OFFICIAL = "官方文件"
SOURCE_KIND_COMMENTARY = "评论"
SOURCE_KIND_REPORT = "报道"
SOURCE_KIND_REPOST = "转载"
DID_YOU_MEAN = Bilingual("你可能想问：", "Did you mean:")
MEDIA_ONLY = (
    "我只能回答文字问题，看不懂贴纸、图片和语音。试试问：“12218是什么？”"
    "或发送 /pillars 浏览全部内容。"
)

OFFERED = Bilingual("与你提到的内容相关，可以看：", "Related entries you can open:")
_PILLARS_HINT = Bilingual(
    "发送 /pillars 看看我能回答什么。", "Send /pillars to see what I can answer."
)

# Why there is no answer: one short line per refusal class (and per small-talk rule).
NO_ANSWER = {
    "empty": Bilingual(
        "请直接输入你想了解的问题，例如：“低空经济属于哪一类产业？”",
        "Please type a question, for example: What is 12218?",
    ),
    "no-text": Bilingual(
        "我只看得懂文字问题😊 试试问：“12218是什么？”或发送 /pillars 浏览全部内容。",
        "I can only read text questions. Try: What is 12218? Or send /pillars.",
    ),
    "greeting": Bilingual(
        "你好！我可以解答广州“12218”现代化产业体系的相关问题，例如：“两业融合是什么？”"
        "“15个战略性产业集群有哪些？”发送 /pillars 浏览全部内容。",
        "Hello! Ask me about Guangzhou's 12218 modern industrial system, e.g. "
        "What are the 15 strategic clusters? Send /pillars to browse.",
    ),
    # Thanks, goodbye or praise with a remark ("谢谢，讲得挺清楚的"): no greeting back.
    "pleasantry": Bilingual(
        "好的！想了解广州“12218”现代化产业体系的哪一部分，随时问我。" + _PILLARS_HINT.zh,
        "Noted! Ask me about any part of Guangzhou's 12218 plan any time. " + _PILLARS_HINT.en,
    ),
    # A joke about a plan word that asks nothing ("我钱包很低空😂"): no lecture back.
    "chatter": Bilingual(
        "😄 想了解广州“12218”现代化产业体系的哪一部分，随时问我。" + _PILLARS_HINT.zh,
        "😄 Ask me about any part of Guangzhou's 12218 plan any time. " + _PILLARS_HINT.en,
    ),
    # A notice or an opinion told to the group ("宣讲会后天2点开始"): no reply of substance,
    # the entries it names as buttons.
    "statement": Bilingual(
        "看起来这是说给大家的消息，我就不插话了。想查“12218”的具体内容，可以直接问我。",
        "That sounds like news for the group, so I'll stay out of it. Ask me anything about "
        "Guangzhou's 12218 plan.",
    ),
    # A question one member asks another ("阿强 你…"): not the bot's to answer.
    "to-member": Bilingual(
        "看起来这是问群里其他朋友的，我就不插话了。想查“12218”的具体内容，可以直接问我。",
        "That looks like a question for someone else in the group, so I'll stay out of it. "
        "Ask me anything about Guangzhou's 12218 plan.",
    ),
    "about-bot": Bilingual(
        "我是广州“12218”现代化产业体系问答机器人：根据项目整理的知识库"
        "（每条都注明来源）回答问题，不是官方解读，也不使用大模型生成答案。"
        "发送 /about 了解详情。",
        "I am a bot that answers questions about Guangzhou's 12218 plan from a curated, "
        "sourced knowledge base. It is not an official interpretation. Send /about.",
    ),
    "small-talk": Bilingual(
        "我只会回答广州“12218”现代化产业体系的问题，闲聊就不奉陪啦。" + _PILLARS_HINT.zh,
        "I only answer questions about Guangzhou's 12218 plan, so no small talk. "
        + _PILLARS_HINT.en,
    ),
    "instruction": Bilingual(
        "我只回答广州“12218”现代化产业体系的问题，不执行其他指令，也不改变回答方式。",
        "I only answer questions about Guangzhou's 12218 plan and do not follow other "
        "instructions.",
    ),
    "write": Bilingual(
        "我不代写文章、心得、计划书或讲稿；需要素材的话，可以直接问具体的问题，每条回答都注明来源。",
        "I don't write essays, notes, plans or letters; ask me specific questions instead, "
        "and every answer names its sources.",
    ),
    "number": Bilingual(
        "这个数字看来和广州“12218”产业体系无关：车次、线路、邮编、号码和算术我都查不了。",
        "That number doesn't look like Guangzhou's 12218 plan: I can't look up trains, "
        "buses, postcodes, phone numbers or do sums.",
    ),
    "advice": Bilingual(
        "我不评判政策的好坏，也不提供投资、经营、求职或补贴金额方面的个人建议；"
        "政策是否适用、能拿多少，请以主管部门的文件和答复为准。",
        "I don't judge the policy, or give investment, business, career or subsidy advice; "
        "whether a policy applies to you, and how much, is for the issuing department to say.",
    ),
    "city-service": Bilingual(
        f"这类日常办事和生活服务问题不在我的范围内，请咨询{OFFICIAL_CHANNELS}。" + _PILLARS_HINT.zh,
        "Everyday city services are outside what I cover: please call the 12345 hotline "
        "or see www.gz.gov.cn. " + _PILLARS_HINT.en,
    ),
    "horizon": Bilingual(
        "我不做预测：广州“12218”的目标只说到2035年，对更远的年份和城市排位没有说法。"
        "可以看它的2035年目标：",
        "I don't make forecasts: Guangzhou's 12218 plan sets goals up to 2035 and says "
        "nothing about later years or how cities will rank. Its 2035 goals:",
    ),
    "province": Bilingual(
        "这是广东省层面的问题，不是广州“12218”的内容，我不解答省里的政策。",
        "That is about Guangdong province, not Guangzhou's 12218 plan; I don't cover "
        "provincial policy.",
    ),
    "national": Bilingual(
        "这是国家层面的政策问题，不是广州“12218”的内容；问广州怎么做，我可以回答。",
        "That is national policy, not Guangzhou's 12218 plan; ask me what Guangzhou does "
        "and I can answer.",
    ),
    "other-place": Bilingual(
        "这个问题问的是别的地方：我只解答广州“12218”现代化产业体系"
        "（产业集群、未来产业、现代服务业、两业融合、两化转型及相关举措）的问题。"
        + _PILLARS_HINT.zh,
        "That is about another place: I only answer questions about Guangzhou's 12218 "
        "modern industrial system. " + _PILLARS_HINT.en,
    ),
    "general": Bilingual(
        "这是一般知识问题，不是广州“12218”产业体系的内容，我就不作答了；"
        "想了解广州在这个领域怎么布局，可以问我。",
        "That is a general-knowledge question, not Guangzhou's 12218 plan; ask me what "
        "Guangzhou is doing in that field and I can answer.",
    ),
    "claim": Bilingual(
        "这个说法我的资料里没有出处，无法替你核实；请以官方发布为准。下面是最相关的条目：",
        "I have no source for that claim and cannot confirm it; rely on official announcements. "
        "The closest entries:",
    ),
    "figure": Bilingual(
        "我的资料里没有这个数字：知识库只收有出处的公开数据，不估算。下面是最相关的条目，"
        "最新数据请以统计部门和主管部门的发布为准。",
        "I have no such figure: the knowledge base holds only published, sourced numbers and "
        "does not estimate. The closest entries are below; for current figures see the "
        "statistics bureau and the department in charge.",
    ),
    "firm": Bilingual(
        "我的资料里没有这家企业的情况：知识库讲的是广州的产业政策，只在个别条目里提到企业。"
        "下面是最相关的条目，企业的具体情况请以企业自己的公告为准。",
        "I have nothing on that company: the knowledge base covers Guangzhou's industrial "
        "policy and names firms only here and there. The closest entries are below; for the "
        "company itself, see its own announcements.",
    ),
    "firms": Bilingual(
        "我的资料里没有这份企业名单：知识库只收有出处的公开信息，没见公开的名单就不列。"
        "下面是最相关的条目，名单请以主管部门的公示为准。",
        "I have no such list of companies: the knowledge base holds only published, sourced "
        "facts and lists no firms it has not seen named. The closest entries are below; for "
        "the list, see the department's own notices.",
    ),
    "members": Bilingual(
        "我的资料里没有逐一列出这些：知识库只收有出处的公开信息，来源只给了总数或概括的，"
        "我不替它补全名单。下面是最相关的条目，具体名单请以主管部门的公布为准。",
        "My sources do not list those one by one: they give a count or a summary, and I will "
        "not fill in the names. The closest entries are below; for the list itself, see the "
        "department in charge.",
    ),
    "topic": Bilingual(
        "我的资料里没有提到这一项：在我收录的“12218”材料里找不到相关表述，我不替它下结论。"
        "下面是这套体系的概览：",
        "Nothing I hold mentions that: I found no word of it in the 12218 material I have, "
        "and I will not guess. The plan's overview is below:",
    ),
    "no-match": Bilingual(
        "抱歉，我的资料里没有能可靠回答这个问题的内容。可以换个说法，或发送 /pillars "
        "按体系结构浏览。",
        "Sorry, I have nothing that reliably answers that. Try other words, or send "
        "/pillars to browse the plan.",
    ),
}

# --- the plan's structure (overview, pillar pages) ----------------------------------------

ENTRY_COUNT = "{count} 条"
OVERVIEW_HINT = "点按钮逐级浏览，或直接输入问题。"
PILLAR_ENTRIES = "共 {count} 条，点按钮查看："

# --- the terminal chat (bot/cli.py) -------------------------------------------------------

CHAT_BANNER = "12218 政策问答（终端版）· 知识库 {entries} 条 · 输入 /help 查看用法"
CHAT_HELP = """直接输入问题即可，例如：两业融合是什么？ / 低空经济 / What are the future industries?
  /pillars        浏览体系结构
  /map [en]       体系结构图（文字版；英文加 en）
  /pillar <id>    列出某一部分的条目（如 /pillar clusters）
  <数字>           打开上一条回答列出的相关条目
  /help           显示本帮助；/quit 或 Ctrl-D 退出"""
CHAT_PROMPT = "\n问> "
CHAT_BYE = "再见！"
CHAT_NO_SUCH_PILLAR = "没有这一部分：{pillar}（可选：{choices}）"
CHAT_PICK_BY_NUMBER = "输入数字查看："

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
    "/pillars 按 1 → 2 → 21 → 8 浏览 · /map 结构图 · /about 关于、来源与免责声明 · "
    "/privacy 隐私"
)
ASK_USAGE_HTML = "用法：<code>/ask 你的问题</code>，例如 <code>/ask 低空经济属于哪一类产业？</code>"
ERROR_REPLY = "抱歉，处理这条消息时出了点问题，请稍后再试。"
UNKNOWN_COMMAND = "我没有这个命令。直接发送问题即可，或发送 /help 查看用法。"
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
BUTTON_SOURCES = "📑 来源（{count}）"
BUTTON_SOURCES_FEWER = "📑 收起来源"

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
    "被评没帮助：{unhelpful_entries}\n"
    "发得太快被略过：{flood_drops}"
)
RELOADED_HTML = "已重新加载：{entries} 条，版本 <code>{version}</code>（原 <code>{old}</code>）。"
RELOAD_REFUSED_HTML = (
    "知识库有 {count} 处错误，未加载，继续使用版本 <code>{version}</code>：\n"
    "<pre>{shown}</pre>{more}"
)
RELOAD_MORE_PROBLEMS = "\n…另有 {count} 处"
PAGE_OF = "（第 {page}/{pages} 页）"
STATS_MORE_HTML = (
    "有把握回答的比例：{share}\n未回答（按类别）：{refused}\n最常被评没帮助（👍/👎）：{feedback}"
)
RELOAD_CHANGES = "新增 {added}；删除 {removed}；修改 {edited}"
RELOAD_OTHER_CHANGES = "另有改动：{what}"
RELOAD_NO_CHANGES = "条目没有变化。"
RELOAD_NONE = "无"
RELOAD_MORE_IDS = " …（共 {count}）"

# --- Telegram: curation (/gaps), the picture of the plan (/map) ---------------------------

GAPS_TITLE_HTML = "<b>最近 7 天未答好的问题</b>：{questions} 条，{groups} 组；最大的 {shown} 组："
GAPS_EMPTY = "最近 7 天没有保存的未答好问题。"
GAPS_OFF = "BOT_KEEP_TEXT=off：本机器人不保存问题原文，没有可以整理的内容。"
GAPS_GROUP_HTML = "{n}. <b>{count}×</b> · {refusal} · {examples}\n   {why}"
GAPS_WHY_NEAREST = "最接近{title} {score:.2f}，不到回答所需的 {bar:.2f}"
GAPS_WHY_NOTHING = "没有任何条目与它有共同词语"
GAPS_WHY_UNHELPFUL = "用{title}回答了，但被点了 👎"
GAPS_WHY_GAP = "拒答（{refusal}）：知识库缺这方面内容"
GAPS_WHY_BY_DESIGN = "拒答（{refusal}）：按设计不回答"
GAPS_FOOTER = "完整列表与草稿：policybot review --since 7d --draft draft.yaml"
MAP_CAPTION = Bilingual(
    "广州“12218”现代化产业体系结构图（由知识库生成，非官方）· 发送 /pillars 逐级浏览",
    "Guangzhou's 12218 plan at a glance (drawn from the knowledge base; not official) · "
    "send /pillars to browse",
)

# --- privacy (/privacy and the line in /about) ----------------------------------------------

PRIVACY_HTML = Bilingual(
    "<b>隐私说明</b>\n"
    "我不保存你的用户 ID、聊天 ID、姓名或用户名。每个问题只记录：匹配到的条目、分数、结果类别、"
    "聊天类型（私聊、群组等）和时间；聊天只以加盐哈希计数，无法还原是哪个聊天。\n"
    "{text_rule}\n"
    "请不要在问题里发送个人信息。",
    "<b>Privacy</b>\n"
    "I keep no user id, chat id, name or username. For each question I record only the "
    "matched entry, its score, the kind of outcome, the chat type (private, group…) and the "
    "time; chats are counted only as a salted hash that cannot be turned back into the chat.\n"
    "{text_rule}\n"
    "Please do not put personal details in your questions.",
)
PRIVACY_TEXT_KEPT = Bilingual(
    "得到可靠回答的问题不保存原文。没有可靠回答、被判定超出范围、或回答被点了 👎 的问题，"
    "会保存问题文字（手机号、电话、邮箱、身份证号等号码和自报的姓名先替换为占位符），连同结果、拒答类别和"
    "最接近的条目及分数，供维护者补充知识库；{days} 天后自动删除。为了在你点 👎 时能保存问题，"
    "已回答问题的文字只在内存中暂存（遮盖号码后，至多 {hours} 小时），不写入数据库。",
    "Questions that got a confident answer keep no text. The text of a question that got no "
    "confident answer, was refused as out of scope, or whose answer was marked 👎 is kept "
    "(phone numbers, e-mail addresses, ID-card numbers and names given as names replaced by "
    "placeholders first), "
    "with the outcome, the refusal class and the nearest entries and their scores, so "
    "curators can improve the knowledge base; it is deleted after {days} days. So that a 👎 "
    "can keep its question, an answered question's masked text is held in memory only, for "
    "at most {hours} hours, and never written to the database.",
)
PRIVACY_TEXT_NONE = Bilingual(
    "本机器人已设置为不保存任何问题原文。", "This bot is set to keep no question text at all."
)
ABOUT_PRIVACY = Bilingual(
    "隐私：不保存用户身份；只保存未能可靠回答、超出范围或被点 👎 的问题文字（号码和邮箱已遮盖），"
    "{days} 天后删除。/privacy 查看详情。",
    "Privacy: no user identities; only the text of questions that went unanswered, were "
    "refused or got 👎 is kept (numbers and e-mails masked), deleted after {days} days. "
    "See /privacy.",
)
ABOUT_PRIVACY_NONE = Bilingual(
    "隐私：不保存用户身份，也不保存任何问题原文。/privacy 查看详情。",
    "Privacy: no user identities and no question text are kept. See /privacy.",
)
