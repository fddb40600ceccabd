"""humaskit.text.normalize and the word lists behind it."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import humaskit.text as ht
from humaskit import ParameterError
from humaskit.paths import package_file
from humaskit.text import lexicon, tokens

BAD_VALUES = [None, np.nan, pd.NA, "", "   ", 12345, 3.5, b"bytes \xff", "\ud800", "x\udfff y"]


def test_slang_stretched_letters_and_negators():
    out = ht.normalize(["Pelayanannya lambat bangettt, gak ada yg respon", "udh sdh blm jg aja"])
    assert out[0] == "pelayanannya lambat banget, tidak ada yang respon"
    assert out[1].split() == ["sudah", "sudah", "belum", "juga", "saja"]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("4nj1ng", "anjing"),
        ("b@ngsat", "bangsat"),
        ("maaaaf", "maaf"),
        ("mantaaap", "mantap"),
        ("hati2", "hati-hati"),
        ("wkwkwkwk", "wkwk"),
        ("hahahaha", "haha"),
        ("nggak", "tidak"),
        ("kagak", "tidak"),
        ("bgt", "banget"),
    ],
)
def test_single_words(raw, expected):
    assert ht.normalize([raw])[0] == expected


def test_links_handles_hashtags_and_emoji():
    out = ht.normalize(["@dinas_pu cek https://x.co/a1 #JalanRusakParah 😡👍🏽 :) :("])[0]
    assert "dinas_pu" not in out and "http" not in out
    assert "jalan rusak parah" in out
    assert out.split()[-4:] == ["😡", "👍", "🙂", "🙁"]


def test_negators_and_baik_are_never_removed():
    words = ht.normalize(["tidak baik, bukan buruk, belum jangan tak kurang"])[0]
    for word in ("tidak", "baik", "bukan", "belum", "jangan", "tak", "kurang"):
        assert word in words.replace(",", " ").split()


def test_index_and_name_are_kept():
    s = pd.Series(["Halo MIN", "oke"], index=[10, 20], name="caption")
    out = ht.normalize(s)
    assert list(out.index) == [10, 20] and out.name == "caption"
    assert str(out.dtype) == "str"
    assert s.tolist() == ["Halo MIN", "oke"]  # input untouched


def test_dataframe_with_text_column_and_single_string():
    df = pd.DataFrame({"text": ["Mantap"], "other": [1]})
    assert ht.normalize(df).tolist() == ["mantap"]
    assert ht.normalize("Mantap").tolist() == ["mantap"]
    with pytest.raises(ParameterError):
        ht.normalize(pd.DataFrame({"caption": ["x"]}))
    with pytest.raises(ParameterError):
        ht.normalize(5)


def test_bad_values_give_a_string_each():
    huge = "jalan rusak " * 9000  # about 100 KB
    mixed = "Selamat pagi 你好 مرحبا Привет 🙂"
    values = [*BAD_VALUES, huge, mixed]
    out = ht.normalize(pd.Series(values, dtype=object))
    assert len(out) == len(values)
    assert out.notna().all()
    assert out.iloc[0] == "" and out.iloc[3] == ""
    assert out.iloc[5] == "12345"
    assert out.iloc[len(BAD_VALUES)].count("jalan") == 9000
    assert "你好" in out.iloc[-1] and "🙂" in out.iloc[-1]


def test_empty_input():
    out = ht.normalize([])
    assert len(out) == 0


def test_idempotent_on_normalised_text():
    rng = np.random.default_rng(3)
    words = ["gak", "bgt", "yg", "mantaaap", "jalan", "rusak", "😡", "hati2", "min", "!!"]
    texts = [" ".join(rng.choice(words, 6)) for _ in range(50)]
    once = ht.normalize(texts)
    assert once.tolist() == ht.normalize(once).tolist()


def _data_files():
    return sorted(package_file("text").glob("*.txt"))


@pytest.mark.parametrize("path", _data_files(), ids=lambda p: p.name)
def test_every_word_list_is_documented_and_readable(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines and lines[0].startswith("#"), "a word list starts with a # comment"
    entries = lexicon.wordlist(path.name)
    assert entries, f"{path.name} has entries"
    assert all(e == e.strip() and e for e in entries)


def test_lexicon_scores_and_size():
    lex = lexicon.sentiment_lexicon()
    assert len(lex) >= 2500
    assert all(-3 <= v <= 3 and not math.isnan(v) for v in lex.values())
    for word in ("lambat", "pungli", "ribet", "antre", "mangkrak"):
        assert lex[word] < 0, word
    for word in ("tanggap", "sigap", "transparan", "ramah"):
        assert lex[word] > 0, word


def test_slang_map_keeps_negators_negative():
    slang = lexicon.read_pairs("slang.txt")
    for short in ("gak", "ga", "nggak", "enggak", "kagak", "tdk", "ndak"):
        assert slang[short] == "tidak"


def test_token_cache_does_not_change_results():
    tokens._CACHE.clear()
    first = ht.normalize(["Gak bangettt 4nj1ng"]).tolist()
    second = ht.normalize(["Gak bangettt 4nj1ng"]).tolist()
    assert first == second
