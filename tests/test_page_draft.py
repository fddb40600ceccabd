"""The report page hands its draft (the template's page) to the PDF before nbconvert's last pass."""

from __future__ import annotations

import nbformat

from humaskit.report.page import notebook_page, page_exporter


def _notebook():
    return nbformat.reads(_NOTEBOOK, as_version=4)


def _make():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": "<p>Isi <b>laporan</b></p>"}),
        nbformat.v4.new_output("display_data", data={"text/plain": "teks"}),
    ]
    nb.cells = [cell]
    return nbformat.writes(nb)


_NOTEBOOK = _make()  # one cell id for every page of a test


def test_the_draft_is_the_page_before_the_last_pass_and_the_page_is_unchanged():
    exporter = page_exporter("id")
    plain = notebook_page(_notebook(), "Judul", "id", exporter=exporter)
    drafts: list[str] = []
    page = notebook_page(_notebook(), "Judul", "id", exporter=exporter, draft=drafts.append)
    assert page == plain
    assert len(drafts) == 1 and "Isi <b>laporan</b>" in drafts[0] and "<title>Judul" in drafts[0]
    # the last pass only adds keyboard focus (and alt text where an image has none)
    assert 'tabindex="0"' in page and 'tabindex="0"' not in drafts[0]
    assert exporter.draft is None  # the next page has no draft unless asked


def test_a_failing_draft_leaves_the_page_as_it_is():
    def fails(_text: str) -> None:
        raise OSError("disk full")

    exporter = page_exporter("id")
    plain = notebook_page(_notebook(), "Judul", "id", exporter=exporter)
    assert notebook_page(_notebook(), "Judul", "id", exporter=exporter, draft=fails) == plain


def test_the_page_leaves_the_notebook_as_it_was():
    """The runner writes the notebook after the page: the page's title is not kept in it."""
    nb = _notebook()
    before = nbformat.writes(nb)
    notebook_page(nb, "Judul", "id", exporter=page_exporter("id"))
    assert nbformat.writes(nb) == before
    nb.metadata["title"] = "Judul sendiri"
    notebook_page(nb, "Judul", "id", exporter=page_exporter("id"))
    assert nb.metadata["title"] == "Judul sendiri"


def test_the_page_is_the_document_nbconverts_html_exporter_makes():
    """The last pass is done on the template's markup, not by parsing the page again: the
    page is the same document (same elements and attributes) as nbconvert's own."""
    import base64
    import io

    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter
    from PIL import Image

    from humaskit.i18n import t
    from humaskit.paths import TEMPLATES_DIR

    buf = io.BytesIO()
    Image.new("RGB", (4, 3), (30, 120, 200)).save(buf, format="PNG")
    png = base64.b64encode(buf.getvalue()).decode()
    nb = _notebook()
    nb.cells[0].outputs += [
        nbformat.v4.new_output("display_data", data={"image/png": png}, metadata={}),
        nbformat.v4.new_output(
            "display_data",
            data={"image/png": png},
            metadata={"image/png": {"alt": "Grafik: jangkauan > 5%", "phone": png}},
        ),
        nbformat.v4.new_output(
            "display_data",
            data={"text/html": f'<div class="x"><img src="data:image/png;base64,{png}"/></div>'},
        ),
    ]
    ours = notebook_page(nb, "Judul <uji>", "id", exporter=page_exporter("id"))
    nb.metadata["title"] = "Judul <uji>"
    theirs, _ = HTMLExporter(
        template_name="laporan",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_markdown=True,
        language_code="id",
    ).from_notebook_node(nb, resources={"chart_alt": t("report.chart_alt", "id")})

    def document(html: str) -> str:
        return str(BeautifulSoup(html, features="html.parser"))

    assert document(ours) == document(theirs)
    assert ours.count('tabindex="0"') == 5  # each output, focusable from the keyboard
    assert 'alt="No description has been provided for this image"' in ours
