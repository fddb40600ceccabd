import pandas as pd

from humaskit import report as rp
from humaskit.files.safe import neutralize, unsafe_cells, write_xlsx


def test_outside_text_is_escaped_in_every_block():
    evil = '<script>alert("x")</script>'
    for block in (
        rp.paragraph(evil),
        rp.heading(evil),
        rp.bullets([evil]),
        rp.note(evil),
        rp.table(pd.DataFrame({"text": [evil]})),
        rp.title(evil, evil),
    ):
        assert "<script>alert" not in block.data
        assert "&lt;script&gt;" in block.data


def test_numbers_formatted_per_language():
    assert rp.fmt_number(1234567, "id") == "1.234.567"
    assert rp.fmt_number(1234567, "en") == "1,234,567"
    assert rp.fmt_pct(0.0526, "id") == "5,3%"
    assert rp.fmt_change(-0.1, "en").startswith("▼")


def test_formulas_are_neutralised_in_spreadsheets(tmp_path):
    df = pd.DataFrame(
        {
            "text": ['=HYPERLINK("http://evil","klik")', "+62812", "@admin", "aman"],
            "n": [-1, 2, 3, 4],
        }
    )
    out = neutralize(df)
    assert out["text"].tolist()[:3] == ["'" + v for v in df["text"].tolist()[:3]]
    assert out["n"].tolist() == [-1, 2, 3, 4]
    path = write_xlsx({"data": df}, tmp_path / "x.xlsx")
    back = pd.read_excel(path)
    assert back["text"].tolist() == df["text"].tolist()  # exactly as written, no apostrophe
    assert back["n"].tolist() == [-1, 2, 3, 4]
    assert unsafe_cells(path) == []  # text cells with Excel's quote prefix, never formulas
    import openpyxl

    ws = openpyxl.load_workbook(path)["data"]
    assert all(ws.cell(row=r, column=1).quotePrefix for r in (2, 3, 4))
    assert all(ws.cell(row=r, column=1).data_type == "s" for r in (2, 3, 4, 5))
