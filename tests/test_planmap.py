"""The picture of the plan (/map): built from the current base, readable on a phone,
the same structure as text, and text when it cannot be drawn."""

from __future__ import annotations

import os
import shutil
from itertools import combinations
from pathlib import Path

import pytest

from bot import planmap
from bot.knowledge import KnowledgeBase, load


def base_names(kb: KnowledgeBase, lang: str) -> list[str]:
    """Every name the base's pillars.yaml puts on the map, read straight from the base."""
    names = []
    for p in kb.pillars:
        names.append(p.name_en if lang == "en" else p.name)
        for block in p.map:
            for entry_id in (*([block.heading] if block.heading else []), *block.items):
                entry = kb.by_id[entry_id]
                names.append(entry.title_en if lang == "en" else entry.title)
    return names


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_name_is_in_the_layouts_text(kb: KnowledgeBase, lang: str) -> None:
    """Each pillar, tier and industry name of the base appears in a text item of the picture."""
    lay = planmap.layout(planmap.plan_map(kb, lang))
    texts = [t.text for t in lay.texts]
    names = base_names(kb, lang)
    assert len(names) >= 7 + 15 + 6 + 6 + 3  # pillars, clusters, future, services, tiers
    for name in names:
        assert any(name in text for text in texts), name
    assert "1 → 2 → 21 (15 + 6) → 8" in texts
    assert "21 = 15 + 6" in texts


def test_the_15_clusters_come_in_their_three_tiers(kb: KnowledgeBase) -> None:
    """The 21 level shows the 15 clusters as 6 + 5 + 4 under their tier names, then the 6 future industries."""
    level = next(lv for lv in planmap.plan_map(kb).levels if lv.digit == "21")
    clusters, future = level.parts
    assert [len(b.items) for b in clusters.blocks] == [6, 5, 4]
    assert [b.heading for b in clusters.blocks] == [
        "新兴支柱产业（6个）",
        "战略先导产业（5个）",
        "特色优势产业（4个）",
    ]
    assert len(future.blocks[0].items) == 6
    assert future.blocks[0].note  # the list is not official: the picture says so


def test_wrapped_lines_spell_the_whole_text(kb: KnowledgeBase) -> None:
    """Text wrapped to fit a box loses nothing: its lines put together are the text."""
    for lang in ("zh", "en"):
        for item in planmap.layout(planmap.plan_map(kb, lang)).texts:
            joined = "".join(item.lines) if lang == "zh" else " ".join(item.lines)
            assert joined.replace(" ", "") == item.text.replace(" ", "")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_readable_on_a_phone(kb: KnowledgeBase, lang: str) -> None:
    """Portrait, text at least 2.2% of the width (about 9 pt on a phone), nothing off the
    canvas and no two text items on top of each other."""
    lay = planmap.layout(planmap.plan_map(kb, lang))
    assert lay.height > lay.width
    assert min(t.size for t in lay.texts) / lay.width >= 0.022
    boxes = []
    for t in lay.texts:
        width = max(planmap.estimate_width(line, t.size) for line in t.lines)
        box = (t.x, t.y, t.x + width, t.y + t.height)
        assert box[0] >= 0 and box[1] >= 0, t.text
        assert box[2] <= lay.width and box[3] <= lay.height, t.text
        boxes.append((box, t.text))
    for (a, ta), (b, tb) in combinations(boxes, 2):
        overlap = a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
        assert not overlap, (ta, tb)


def test_text_rendering_has_the_same_structure(kb: KnowledgeBase) -> None:
    """The terminal's text map names the same things, level by level, in the plan's order."""
    m = planmap.plan_map(kb)
    text = planmap.map_text(m)
    for name in m.names():
        assert name in text
    order = [text.index(f"[{lv.label}]") for lv in m.levels]
    assert order == sorted(order)
    assert [lv.digit for lv in m.levels] == ["1", "2", "21", "8"]


def test_map_follows_the_base(kb: KnowledgeBase, tmp_path: Path) -> None:
    """A renamed entry shows under its new name, and the picture is cached per base version."""
    shutil.copytree(kb.directory, tmp_path / "knowledge")
    shutil.copytree(kb.directory.parent / "seeds", tmp_path / "seeds")
    path = tmp_path / "knowledge" / "clusters.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: 轨道交通\n", "title: 轨道交通装备\n"),
        encoding="utf-8",
    )
    renamed = load(tmp_path / "knowledge")
    assert renamed.version != kb.version
    texts = [t.text for t in planmap.layout(planmap.plan_map(renamed)).texts]
    assert "轨道交通装备" in texts
    assert "轨道交通" not in texts
    assert planmap.plan_map(renamed).version in planmap.map_text(planmap.plan_map(renamed))


def test_no_font_means_text_not_a_crash(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without a Chinese font the picture is not drawn (None) and the text map stands in."""
    monkeypatch.setenv("POLICYBOT_FONT", str(tmp_path / "missing.ttc"))
    assert planmap.find_font() is None
    assert planmap.draw(planmap.plan_map(kb)) is None


def test_draws_a_png_and_caches_it(kb: KnowledgeBase) -> None:
    """With a Chinese font installed (CI installs one) /map's picture is a PNG, drawn once per version."""
    if planmap.find_font() is None:
        if os.environ.get("CI"):
            pytest.fail("no Chinese font: .ci/run should have installed fonts-wqy-microhei")
        pytest.skip("no Chinese font on this machine (apt-get install fonts-wqy-microhei)")
    png = planmap.map_png(kb, "zh")
    assert png is not None and png.startswith(b"\x89PNG\r\n\x1a\n")
    assert planmap.map_png(kb, "zh") is png
    english = planmap.map_png(kb, "en")
    assert english is not None and english != png
