"""The gate's override from the plan workbook and from a playbook parameter (issue #15).

An override needs a name and a reason; the workbook has columns for both (and for the
event time the monthly evaluation reads), a playbook takes ``izin_tayang``, and the output
lists what went through on whose name.
"""

from __future__ import annotations

import pandas as pd
import pytest

from humaskit import ParameterError, planning
from humaskit.files import plan as plan_files


def _plan():
    return planning.draft_plan("2025-10", targets={"instagram": 4, "x": 3})


def test_the_workbook_carries_event_time_and_override_and_reads_them_back(tmp_path):
    plan = _plan()
    first, second = plan["plan_id"].iloc[0], plan["plan_id"].iloc[1]
    plan["event_at"] = [pd.Timestamp("2025-10-01 06:00", tz="Asia/Jakarta")] + [pd.NaT] * 6
    plan["override_by"] = [None, "Kabag Humas"] + [None] * 5
    plan["override_reason"] = [None, "peringatan darurat"] + [None] * 5
    path = plan_files.write_plan_xlsx(plan, tmp_path / "rencana.xlsx")
    headers = pd.read_excel(path, sheet_name=1).columns.tolist()
    assert {"Waktu kejadian", "ID unggahan", "Dilepas oleh", "Alasan pelepasan"} <= set(headers)
    back = plan_files.read_plan_xlsx(path).set_index("plan_id")
    assert back.loc[first, "event_at"] == pd.Timestamp("2025-09-30 23:00", tz="UTC")
    assert back.loc[second, "override_by"] == "Kabag Humas"
    gated = planning.gate(back.reset_index()).set_index("plan_id")
    assert bool(gated.loc[second, "cleared"]) and "Kabag Humas" in gated.loc[second, "gate_action"]
    view = planning.overridden_view(gated.reset_index(), lang="id")
    assert view[["Dilepas oleh", "Alasan pelepasan"]].values.tolist() == [
        ["Kabag Humas", "peringatan darurat"]
    ]


def test_a_workbook_without_the_optional_columns_still_reads(tmp_path):
    plan = _plan()
    path = plan_files.write_plan_xlsx(plan, tmp_path / "rencana.xlsx")
    assert plan_files.read_plan_xlsx(path).equals(plan)  # empty optional columns dropped
    raw = pd.read_excel(path, sheet_name=None)
    old = tmp_path / "lama.xlsx"
    with pd.ExcelWriter(old) as xl:
        for name, sheet in raw.items():
            keep = [
                c
                for c in sheet.columns
                if c not in ("Waktu kejadian", "ID unggahan", "Dilepas oleh", "Alasan pelepasan")
            ]
            sheet[keep].to_excel(xl, sheet_name=name, index=False)
    assert len(plan_files.read_plan_xlsx(old)) == len(plan)


def test_an_override_with_a_name_but_no_reason_does_not_apply():
    plan = _plan().assign(override_by="Kabag Humas", override_reason=None)
    gated = planning.gate(plan, lang="id")
    assert not gated["cleared"].any()
    assert gated["gate_action"].str.contains("pelepasan belum berlaku").all()


def test_overrides_from_a_parameter():
    plan = _plan()
    pid = plan["plan_id"].iloc[0]
    out = planning.gate(planning.overrides(plan, {pid: "Kabag Humas; darurat banjir"}))
    assert out.attrs["overridden"] == 1 and out.loc[0, "override_reason"] == "darurat banjir"
    by_row = planning.overrides(plan.drop(columns="plan_id"), {"2": {"oleh": "A", "alasan": "B"}})
    assert by_row.loc[2, "override_by"] == "A"
    assert planning.overrides(plan, {}) is plan
    with pytest.raises(ParameterError, match="izin_tayang .*alasan"):
        planning.overrides(plan, {pid: "Kabag Humas"}, lang="id")
    with pytest.raises(ParameterError, match="izin_tayang"):
        planning.overrides(plan, {"tidak-ada": "A; B"})
    with pytest.raises(ParameterError, match="izin_tayang"):
        planning.overrides(plan, "A; B", lang="id")
