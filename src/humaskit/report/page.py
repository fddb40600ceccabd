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

import re
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
    when given, is called with the page as the template wrote it, before the last pass
    over the page (alt text on images that have none, keyboard focus on outputs: nothing
    that shows on paper): ``humaskit run`` prints the PDF from it meanwhile. A failing
    ``draft`` is ignored (the page is made all the same).
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
        """The report page's exporter (see :func:`page_exporter`).

        It does what :class:`~nbconvert.HTMLExporter` does, except its last pass: instead of
        parsing the whole page again with BeautifulSoup (a tenth to a fifth of a second of
        a long report, while its PDF prints) to add two attributes, :func:`_last_pass`
        adds them to the template's own markup. The page is the same document.
        """

        def from_notebook_node(self, nb, resources=None, **kw):  # noqa: ANN001, ANN003, ANN201
            from nbconvert.filters.highlight import Highlight2HTML
            from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

            # HTMLExporter.from_notebook_node up to its last pass (nbconvert 7.17)
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
            )
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources
            )
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            body, resources = _Drafting.from_notebook_node(self, nb, resources, **kw)
            return _last_pass(body), resources

    return PageExporter


#: An opening <div> or <img> tag of the template's markup (attribute values are escaped:
#: no ">" inside them), and a class attribute in it.
_TAG = re.compile(r"<(div|img)(\s[^>]*)?>")
_CLASS = re.compile(r'\sclass="([^"]*)"')
#: What nbconvert's last pass gives an image without alt text (its words, in English).
_NO_ALT = "No description has been provided for this image"


def _last_pass(page: str) -> str:
    """nbconvert's last pass over a page, on the template's markup: keyboard focus
    (``tabindex="0"``) on each input and output of the notebook (``.jp-Notebook``), and
    alt text on an image that has none.

    Examples
    --------
    >>> _last_pass('<body class="jp-Notebook"><div class="a jp-OutputArea-output"><img src="x">')
    '<body class="jp-Notebook"><div class="a jp-OutputArea-output" tabindex="0"><img src="x" alt="No description has been provided for this image">'
    """
    notebook = re.search(r'<[a-z]+\s[^>]*class="(?:[^"]*\s)?jp-Notebook(?:\s[^"]*)?"', page)
    start = notebook.end() if notebook else len(page)

    def attributes(match: re.Match) -> str:
        name, attrs = match.group(1), match.group(2) or ""
        if name == "img":
            if re.search(r"\salt=", attrs):
                return match.group(0)
            closed = attrs.rstrip().endswith("/")
            attrs = attrs.rstrip().removesuffix("/").rstrip() if closed else attrs
            return f'<img{attrs} alt="{_NO_ALT}"{" /" if closed else ""}>'
        if match.start() < start or re.search(r"\stabindex=", attrs):
            return match.group(0)
        found = _CLASS.search(attrs)
        classes = found.group(1).split() if found else []
        if "jp-OutputArea-output" in classes or "jp-Cell-inputWrapper" in classes:
            return f'<div{attrs} tabindex="0">'
        return match.group(0)

    return _TAG.sub(attributes, page)


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
