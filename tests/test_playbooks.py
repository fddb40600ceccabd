from __future__ import annotations

import json

import pytest

from humaskit import ParameterError, playbooks
from humaskit.cli import main

GOOD = {
    **{k: p.default for k, p in playbooks.parameters("evaluasi-bulanan").items()},
    "periode": "2025-09",
    "data": "contoh",
    "akun": "semua",
    "bahasa": "en",
}


def test_parameters_are_read_from_the_parameters_cell_with_descriptions():
    spec = playbooks.parameters("evaluasi-bulanan")
    assert {"periode", "data", "akun", "bahasa"} <= set(spec)
    assert all(p.help for p in spec.values())
    assert spec["data"].default == "contoh"


def test_every_playbook_declares_documented_parameters():
    for name in playbooks.available():
        spec = playbooks.parameters(name)
        assert spec and all(p.help for p in spec.values()), name


@pytest.mark.parametrize(
    "change,word",
    [
        ({"periode": "2025-13"}, "periode"),
        ({"periode": "Sept"}, "periode"),
        ({"bahasa": "jv"}, "bahasa"),
        ({"data": "tidak/ada/folder"}, "data"),
        ({"warna": "merah"}, "warna"),
    ],
)
def test_bad_values_stop_with_one_sentence_naming_the_parameter(change, word):
    ns = {**GOOD, **change}
    with pytest.raises(ParameterError) as exc:
        playbooks.validate("evaluasi-bulanan", ns, load=False)
    msg = str(exc.value)
    assert word in msg and "\n" not in msg and msg.endswith(".")


def test_missing_parameter_is_an_error():
    ns = dict(GOOD)
    del ns["akun"]
    with pytest.raises(ParameterError, match="akun"):
        playbooks.validate("evaluasi-bulanan", ns, load=False)


def test_messages_follow_the_chosen_language():
    with pytest.raises(ParameterError, match="seharusnya"):
        playbooks.validate("evaluasi-bulanan", {**GOOD, "bahasa": "id", "periode": "x"}, load=False)
    with pytest.raises(ParameterError, match="expected"):
        playbooks.validate("evaluasi-bulanan", {**GOOD, "periode": "x"}, load=False)


def test_namespace_noise_from_ipython_is_ignored():
    import math

    ns = {**GOOD, "In": [], "Out": {}, "_": None, "math": math, "get_ipython": print}
    p = playbooks.validate("evaluasi-bulanan", ns, load=False)
    assert str(p.period) == "2025-09" and p.lang == "en"


def test_text_values_from_the_command_line_are_converted():
    spec = {
        "n": playbooks.Param("n", "int", 1, ""),
        "ok": playbooks.Param("ok", "bool", True, ""),
        "t": playbooks.Param("t", "dict", {}, ""),
        "xs": playbooks.Param("xs", "list", [], ""),
    }
    assert playbooks._coerce("n", "3", spec["n"], "en") == 3
    assert playbooks._coerce("ok", "tidak", spec["ok"], "en") is False
    assert playbooks._coerce("t", "instagram=20, x=30", spec["t"], "en") == {
        "instagram": 20,
        "x": 30,
    }
    assert playbooks._coerce("xs", "a, b", spec["xs"], "en") == ["a", "b"]
    with pytest.raises(ParameterError, match="'n'"):
        playbooks._coerce("n", "tiga", spec["n"], "en")


def test_summary_is_json_safe():
    import numpy as np
    import pandas as pd

    out = playbooks.summary(
        {"a": np.int64(2), "b": pd.NA, "c": pd.Period("2025-09", "M"), "d": [np.float64(0.5)]}
    )
    assert json.loads(json.dumps(out)) == {"a": 2, "b": None, "c": "2025-09", "d": [0.5]}


def test_unknown_playbook_lists_the_available_ones():
    with pytest.raises(ParameterError, match="evaluasi-bulanan"):
        playbooks.parameters("laporan-ajaib")


def test_cli_list_shows_parameters_with_descriptions(capsys):
    assert main(["list", "evaluasi-bulanan"]) == 0
    out = capsys.readouterr().out
    assert "-p periode" in out and "YYYY-MM" in out


def test_cli_run_bad_parameter_exits_nonzero_with_the_sentence(capsys, tmp_path):
    code = main(
        [
            "--lang",
            "en",
            "run",
            "evaluasi-bulanan",
            "-p",
            "periode",
            "2025-13",
            "--out",
            str(tmp_path),
        ]
    )
    err = capsys.readouterr().err
    assert code != 0
    assert "periode" in err and "YYYY-MM" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_cli_run_unknown_parameter(capsys, tmp_path):
    code = main(["run", "evaluasi-bulanan", "-p", "warna", "merah", "--out", str(tmp_path)])
    assert code != 0 and "warna" in capsys.readouterr().err
