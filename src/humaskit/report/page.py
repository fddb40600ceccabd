"""The report page of an executed playbook: its HTML, and the summary it recorded.

:func:`notebook_page` renders an executed notebook with the kit's own nbconvert template
(``templates/laporan``: code hidden, nothing loaded from the web, alt text on every chart);
:func:`take_summary` takes out the machine-readable summary a playbook displayed (see
:func:`humaskit.playbooks.summary`) so it is written as JSON and not shown in the page.

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook()
>>> nb.cells.append(nbformat.v4.new_code_cell("1"))
>>> out = nbformat.NotebookNode(output_type="display_data", data={"x/y+json": {"a": 1}})
>>> nb.cells[0].outputs = [out]
>>> take_summary(nb, "x/y+json"), nb.cells[0].outputs
({'a': 1}, [])
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..i18n import resolve, t
from ..paths import TEMPLATES_DIR

__all__ = ["notebook_page", "page_exporter", "take_summary"]


def take_summary(nb, mime: str) -> dict[str, Any] | None:
    """Remove every output of type ``mime`` from ``nb`` and return the last one's data."""
    found = None
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        keep = []
        for out in cell.get("outputs", []):
            data = out.get("data", {}) if out.get("output_type") == "display_data" else {}
            if mime in data:
                found = data[mime]
            else:
                keep.append(out)
        cell["outputs"] = keep
    return found


def notebook_page(
    nb,
    title_text: str,
    lang: str | None = None,
    templates: Any = None,
    *,
    exporter: Any = None,
    draft: Callable[[str], None] | None = None,
) -> str:
    """The report page: the kit's own template (``templates/laporan``), nothing from the web.

    ``templates`` is the folder holding ``laporan`` (default the kit's own); ``exporter``
    one made ready by :func:`page_exporter` (for the same language and folder). ``draft``,
    when given, is called with the page as the template wrote it, before nbconvert's last
    pass over the whole page (alt text on images that have none, keyboard focus on
    outputs: about a tenth of a second for a long report, and nothing that shows on
    paper): ``humaskit run`` prints the PDF from it meanwhile. A failing ``draft`` is
    ignored (the page is made all the same).
    """
    lang = resolve(lang)
    if exporter is None:
        exporter = page_exporter(lang, templates, warm=False)
    before = nb.metadata.get("title", _NONE)
    nb.metadata["title"] = title_text  # the page's title, not kept in the notebook
    exporter.draft = draft
    try:
        body, _ = exporter.from_notebook_node(
            nb, resources={"chart_alt": t("report.chart_alt", lang)}
        )
    finally:
        exporter.draft = None
        if before is _NONE:
            del nb.metadata["title"]
        else:
            nb.metadata["title"] = before
    return body


_NONE = object()


@lru_cache(maxsize=1)
def _exporter_class():
    """nbconvert's HTMLExporter, handing the template's page to ``draft`` before its last pass."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters import TemplateExporter

    class _Drafting(TemplateExporter):
        # HTMLExporter.from_notebook_node renders through this (its super()), then parses the
        # whole page once more to add alt text and tabindex attributes
        draft: Callable[[str], None] | None = None

        def from_notebook_node(self, nb, resources=None, **kw):  # noqa: ANN001, ANN003, ANN201
            body, resources = super().from_notebook_node(nb, resources, **kw)
            if self.draft is not None:
                try:
                    self.draft(body)
                except Exception:  # noqa: BLE001, S110  (the page is made all the same)
                    pass
            return body, resources

    class PageExporter(HTMLExporter, _Drafting):
        """The report page's exporter (see :func:`page_exporter`)."""

    return PageExporter


def page_exporter(lang: str | None = None, templates: Any = None, *, warm: bool = True):
    """The nbconvert exporter of :func:`notebook_page`; with ``warm``, already used once.

    Loading nbconvert and compiling the template take about a second: the playbook runner
    calls this in the background while the notebook runs, so the page is written at once.

    Examples
    --------
    >>> page_exporter("id").template_name
    'laporan'
    """
    lang = resolve(lang)
    exporter = _exporter_class()(
        template_name="laporan",
        extra_template_basedirs=[str(templates or TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_markdown=True,
        language_code=lang,
    )
    if warm:  # a one-cell page loads the filters and compiles the template
        import nbformat

        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("1")
        cell.outputs = [
            nbformat.v4.new_output("display_data", data={"text/html": "<p>1</p>"}),
            nbformat.v4.new_output("display_data", data={"image/png": ""}),
        ]
        nb.cells = [cell]
        notebook_page(nb, "", lang, templates, exporter=exporter)
    return exporter
