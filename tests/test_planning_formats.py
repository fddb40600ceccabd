"""Format guidance (issue #15, item 5): the rows people check, per platform."""

from __future__ import annotations

from humaskit import planning, teaching


def test_format_guide_holds_purpose_hook_and_highlights():
    g = planning.format_guide(["instagram", "youtube"], lang="id")
    assert list(g.columns) == ["platform", "format", "item", "guidance"]
    assert not g["item"].isin(["caption", "hashtags", "first_line", "alt_text"]).any()
    story = g[(g["format"] == "story")]["guidance"].str.cat(sep=" ")
    assert "di balik layar" in story and "Sorotan" in story
    hooks = g[(g["platform"] == "youtube") & (g["item"].isin(["hook", "purpose"]))]
    assert hooks["guidance"].str.contains("15 detik").any()
    assert set(g["platform"]) == {"instagram", "youtube"}


def test_behind_the_scenes_checker():
    assert teaching.check_behind_the_scenes("Story").correct
    assert not teaching.check_behind_the_scenes("feed").correct
