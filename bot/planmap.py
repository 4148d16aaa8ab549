"""A picture of the plan, 1 → 2 → 21 (15 + 6) → 8, built from the knowledge base.

One view model (`plan_map`) from pillars.yaml (each pillar's `map:` groups) and the
entries' titles, in Chinese or English, and two renderings of it: text for the terminal
chat and for when no picture can be drawn (`map_text`), and a PNG for Telegram
(`map_png`). The PNG goes through a pure layout (`layout`: boxes and text items with
positions) so tests can check what the picture says without reading pixels.

Drawing needs Pillow and a font with Chinese glyphs (Debian: fonts-wqy-microhei; or set
POLICYBOT_FONT to a .ttf/.ttc file). Without either, `map_png` returns None and the caller
sends the text.
"""

from __future__ import annotations

import io
import logging
import os
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.knowledge import KnowledgeBase, Pillar

log = logging.getLogger(__name__)

MAP_FORMAT = 1  # bump when the layout changes, so cached pictures are redrawn
CACHED_PICTURES = 4  # two languages of the current base and of the one before it
TITLE = {"zh": "广州“12218”现代化产业体系", "en": "Guangzhou's 12218 modern industrial system"}
SUPPORT = {"zh": "保障", "en": "Carried by"}
FOOTER = {
    "zh": "非官方解读 · 由知识库生成 · 版本 {version} · 详情发送 /pillars",
    "en": "Not an official interpretation · drawn from the knowledge base · version "
    "{version} · send /pillars for details",
}
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)


# --- the view model ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Block:
    heading: str | None
    items: tuple[str, ...]
    note: str


@dataclass(frozen=True, slots=True)
class Part:
    pillar: str
    name: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Level:
    digit: str
    label: str  # "21 = 15 + 6" when the parts' names add up to the digit
    parts: tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class PlanMap:
    lang: str
    version: str
    title: str
    formula: str  # "1 → 2 → 21 (15 + 6) → 8"
    levels: tuple[Level, ...]
    support: tuple[Part, ...]
    footer: str

    def names(self) -> list[str]:
        """Every name the map shows: parts, group headings and items."""
        out: list[str] = []
        for part in (*(p for lv in self.levels for p in lv.parts), *self.support):
            out.append(part.name)
            for block in part.blocks:
                out += [*([block.heading] if block.heading else []), *block.items]
        return out


def _leading_number(name: str) -> int | None:
    match = re.match(r"\s*(\d+)", name)
    return int(match.group(1)) if match else None


def plan_map(kb: KnowledgeBase, lang: str = "zh") -> PlanMap:
    """The plan's structure from the base: pillars by digit, each with its map groups."""
    english = lang == "en"

    def title(entry_id: str) -> str:
        entry = kb.entry(entry_id)
        if entry is None:  # the loader refuses such a base; be safe anyway
            return entry_id
        return entry.title_en if english else entry.title

    def part(p: Pillar) -> Part:
        blocks = tuple(
            Block(
                title(b.heading) if b.heading else None,
                tuple(title(i) for i in b.items),
                (b.note_en if english else b.note),
            )
            for b in p.map
        )
        return Part(p.id, p.name_en if english else p.name, blocks)

    levels: list[Level] = []
    support: list[Part] = []
    by_digit: dict[str, list[Pillar]] = {}
    for p in kb.pillars:
        if p.digit.isdigit():
            by_digit.setdefault(p.digit, []).append(p)
        else:
            support.append(part(p))
    for digit, pillars in by_digit.items():
        parts = tuple(part(p) for p in pillars)
        counts = [_leading_number(p.name) for p in parts]
        label = digit
        if len(parts) > 1 and all(counts) and sum(c or 0 for c in counts) == int(digit):
            label = f"{digit} = " + " + ".join(str(c) for c in counts)
        levels.append(Level(digit, label, parts))
    formula = " → ".join(
        lv.digit + (f" ({lv.label.split('= ', 1)[1]})" if "=" in lv.label else "") for lv in levels
    )
    lang_key = "en" if english else "zh"
    return PlanMap(
        lang_key,
        kb.version,
        TITLE[lang_key],
        formula,
        tuple(levels),
        tuple(support),
        FOOTER[lang_key].format(version=kb.version),
    )


# --- text rendering ------------------------------------------------------------------


def map_text(m: PlanMap) -> str:
    """The map as plain text: the terminal chat, and Telegram when no picture can be drawn."""
    sep = ", " if m.lang == "en" else "、"
    colon = ": " if m.lang == "en" else "："

    def block_lines(block: Block, indent: str) -> list[str]:
        items = sep.join(block.items)
        note = (
            f" ({block.note})"
            if block.note and m.lang == "en"
            else (f"（{block.note}）" if block.note else "")
        )
        if block.heading:
            return [f"{indent}{block.heading}{colon}{items}{note}"]
        return [f"{indent}{items}{note}"]

    lines = [m.title, m.formula, ""]
    for i, level in enumerate(m.levels):
        if i:
            lines.append("   ↓")
        lines.append(f"[{level.label}]")
        for part in level.parts:
            lines.append(f"  {part.name}")
            for block in part.blocks:
                lines += block_lines(block, "    ")
    for part in m.support:
        lines += ["", f"{SUPPORT[m.lang]} · {part.name}"]
        for block in part.blocks:
            lines += block_lines(block, "    ")
    lines += ["", m.footer]
    return "\n".join(lines)


# --- layout (pure: positions computed from a text-measuring function) ----------------

Measure = Callable[[str, int], float]  # (text, pixel size) -> width in pixels


def estimate_width(text: str, size: int) -> float:
    """A font-free width: wide (CJK) characters one em, others about half or less."""
    width = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            width += 1.0
        elif ch in "il.,:;'|!":
            width += 0.3
        elif ch == " ":
            width += 0.32
        elif ch.isupper() or ch.isdigit() or ch in "mw":
            width += 0.66
        else:
            width += 0.56
    return width * size


@dataclass(frozen=True, slots=True)
class TextItem:
    x: float
    y: float
    size: int
    lines: tuple[str, ...]  # the text as wrapped
    text: str  # the whole text (what the lines spell)
    color: str
    bold: bool = False
    role: str = "item"  # title | formula | level | part | heading | item | note | footer

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LINE


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    fill: str
    outline: str | None = None
    radius: int = 14


@dataclass(frozen=True, slots=True)
class Layout:
    width: int
    height: int
    boxes: tuple[Box, ...]
    texts: tuple[TextItem, ...]
    arrows: tuple[tuple[float, float, float], ...]  # (x, y_from, y_to)


WIDTH = 1000
MARGIN = 28
GAP = 18
SIDE = 290
PAD = 16
LINE = 1.3
SIZES = {
    "title": 46,
    "formula": 36,
    "level": 36,
    "part": 32,
    "heading": 28,
    "item": 28,
    "note": 24,
    "footer": 22,
}
LEVEL_COLORS = ("#c0392b", "#d35400", "#1e6fb8", "#16866d", "#7d3c98")
INK, MUTED, CHIP = "#1d2330", "#5c6370", "#ffffff"


CLOSING = "，。、；：）)”"  # never start a line


def _wrap(text: str, size: int, width: float, measure: Measure) -> tuple[str, ...]:
    """Lines that fit `width`.

    Latin text breaks at spaces, Chinese anywhere but before closing punctuation."""
    if measure(text, size) <= width:
        return (text,)
    tokens = re.findall(r"[A-Za-z0-9'’\-+/.]+\s*|\s+|.", text)
    lines: list[str] = []
    current = ""
    for token in tokens:
        if current and measure((current + token).rstrip(), size) > width and token not in CLOSING:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return tuple(lines)


class _Builder:
    def __init__(self, measure: Measure) -> None:
        self.measure = measure
        self.boxes: list[Box] = []
        self.texts: list[TextItem] = []
        self.arrows: list[tuple[float, float, float]] = []

    def text(
        self,
        at: tuple[float, float],
        text: str,
        role: str,
        width: float,
        color: str = INK,
        *,
        bold: bool = False,
        center: bool = False,
    ) -> float:
        """Place `text` wrapped to `width`; return the y below it."""
        x, y = at
        size = SIZES[role]
        lines = _wrap(text, size, width, self.measure)
        if center and len(lines) == 1:
            x += (width - self.measure(text, size)) / 2
        item = TextItem(x, y, size, lines, text, color, bold, role)
        self.texts.append(item)
        return y + item.height

    def chips(self, x: float, y: float, items: tuple[str, ...], width: float, color: str) -> float:
        """Items as rounded chips flowing left to right; return the y below them."""
        size = SIZES["item"]
        cx, cy, bottom = x, y, y
        for item in items:
            lines = _wrap(item, size, width - 2 * PAD, self.measure)
            w = max(self.measure(line, size) for line in lines) + 2 * PAD
            h = len(lines) * size * LINE + 12
            if cx > x and cx + w > x + width:
                cx, cy = x, bottom + 10
            self.boxes.append(Box(cx, cy, cx + w, cy + h, CHIP, color, radius=12))
            self.texts.append(TextItem(cx + PAD, cy + 6, size, lines, item, INK, role="item"))
            bottom = max(bottom, cy + h)
            cx += w + 10
        return bottom + 12


def layout(m: PlanMap, measure: Measure = estimate_width) -> Layout:
    """Positions of every box and text item of the picture, top to bottom, for a phone.

    One column of levels joined by arrows, the support measures in a column beside them."""
    b = _Builder(measure)
    full = WIDTH - 2 * MARGIN
    y = float(MARGIN)
    y = b.text((MARGIN, y), m.title, "title", full, bold=True, center=True) + 6
    y = b.text((MARGIN, y), m.formula, "formula", full, MUTED, center=True) + GAP
    main_w = full - SIDE - GAP
    top = y
    for i, level in enumerate(m.levels):
        color = LEVEL_COLORS[i % len(LEVEL_COLORS)]
        if i:
            b.arrows.append((MARGIN + main_w / 2, y, y + 34))
            y += 40
        band = SIZES["level"] * LINE + 12
        start, level_top = len(b.boxes), y
        b.boxes.append(Box(MARGIN, y, MARGIN + main_w, y + band, color))
        b.text((MARGIN + PAD, y + 6), level.label, "level", main_w - 2 * PAD, CHIP, bold=True)
        y += band + 10
        inner = main_w - 2 * PAD
        for part in level.parts:
            y = b.text((MARGIN + PAD, y), part.name, "part", inner, color, bold=True) + 6
            for block in part.blocks:
                if block.heading:
                    y = (
                        b.text((MARGIN + PAD, y), block.heading, "heading", inner, INK, bold=True)
                        + 4
                    )
                y = b.chips(MARGIN + PAD, y, block.items, inner, color)
                if block.note:
                    y = b.text((MARGIN + PAD, y), block.note, "note", inner, MUTED) + 6
            y += 6
        b.boxes.insert(start, Box(MARGIN, level_top, MARGIN + main_w, y + 4, "#f6f7f9", color))
        y += 4
    # The support measures stand beside the levels, as tall as they are.
    sx = MARGIN + main_w + GAP
    sy = top
    side_start = len(b.boxes)
    for part in m.support:
        band_at = len(b.boxes)
        after = b.text(
            (sx + PAD, sy + 6),
            f"{SUPPORT[m.lang]} · {part.name}",
            "part",
            SIDE - 2 * PAD,
            CHIP,
            bold=True,
        )
        b.boxes.insert(band_at, Box(sx, sy, sx + SIDE, after + 8, "#4a5568"))
        sy = after + 18
        for block in part.blocks:
            if block.heading:
                sy = b.text((sx + PAD, sy), block.heading, "heading", SIDE - 2 * PAD, bold=True) + 4
            sy = b.chips(sx + PAD, sy, block.items, SIDE - 2 * PAD, "#4a5568")
    if m.support:
        b.boxes.insert(side_start, Box(sx, top, sx + SIDE, max(y, sy), "#eef0f3", "#4a5568"))
    y = max(y, sy) + GAP
    y = b.text((MARGIN, y), m.footer, "footer", full, MUTED) + MARGIN
    return Layout(WIDTH, int(y), tuple(b.boxes), tuple(b.texts), tuple(b.arrows))


# --- drawing -------------------------------------------------------------------------


def find_font() -> Path | None:
    """A font file with Chinese glyphs: POLICYBOT_FONT, else a known system location."""
    configured = os.environ.get("POLICYBOT_FONT", "").strip()
    if configured:
        return Path(configured) if Path(configured).is_file() else None
    return next((Path(c) for c in FONT_CANDIDATES if Path(c).is_file()), None)


_cache: dict[tuple[str, str, int], bytes] = {}
_cache_lock = threading.Lock()


def map_png(kb: KnowledgeBase, lang: str = "zh") -> bytes | None:
    """The picture as PNG bytes, cached per base version and language.

    None when Pillow or a Chinese font is missing (the caller then sends `map_text`)."""
    key = (kb.version, "en" if lang == "en" else "zh", MAP_FORMAT)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    png = draw(plan_map(kb, lang))
    if png is not None:
        with _cache_lock:
            _cache[key] = png
            while len(_cache) > CACHED_PICTURES:  # older versions, after reloads
                del _cache[next(iter(_cache))]
    return png


def draw(m: PlanMap, font_path: Path | None = None) -> bytes | None:
    """Render the view model to PNG, or None when it cannot be drawn here."""
    font_path = font_path or find_font()
    if font_path is None:
        log.warning(
            "no font with Chinese glyphs (install fonts-wqy-microhei or set "
            "POLICYBOT_FONT): /map falls back to text"
        )
        return None
    try:
        from PIL import Image, ImageDraw, ImageFont  # noqa: PLC0415 - only when drawing
    except ImportError:
        log.warning("Pillow is not installed: /map falls back to text")
        return None
    fonts: dict[int, Any] = {}

    def font(size: int) -> Any:
        if size not in fonts:
            fonts[size] = ImageFont.truetype(str(font_path), size)
        return fonts[size]

    def measure(text: str, size: int) -> float:
        return float(font(size).getlength(text))

    try:
        font(SIZES["item"])
    except OSError:
        log.warning("font %s cannot be read: /map falls back to text", font_path)
        return None
    lay = layout(m, measure)
    image = Image.new("RGB", (lay.width, lay.height), "#ffffff")
    pen = ImageDraw.Draw(image)
    for box in lay.boxes:
        pen.rounded_rectangle(
            (box.x0, box.y0, box.x1, box.y1),
            radius=box.radius,
            fill=box.fill,
            outline=box.outline,
            width=2 if box.outline else 0,
        )
    for x, y0, y1 in lay.arrows:
        pen.line((x, y0, x, y1 - 10), fill=MUTED, width=6)
        pen.polygon([(x - 14, y1 - 14), (x + 14, y1 - 14), (x, y1)], fill=MUTED)
    for item in lay.texts:
        for n, line in enumerate(item.lines):
            pen.text(
                (item.x, item.y + n * item.size * LINE),
                line,
                font=font(item.size),
                fill=item.color,
                stroke_width=1 if item.bold else 0,
                stroke_fill=item.color,
            )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
