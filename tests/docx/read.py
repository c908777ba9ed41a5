"""Reads a .docx made by `roadmap schedule|status --format docx` with
python-docx and prints what tests/cli/docx.rs checks, as JSON: the page's
orientation and size, the paragraphs, and each table's rows — their cells'
text, whether a row repeats as the header on every page, and the cells that
span several columns."""

import json
import sys

from docx import Document
from docx.oxml.ns import qn


def text(paragraph):
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def table(t):
    rows = []
    for tr in t._tbl.tr_lst:
        tr_pr = tr.trPr
        header = tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
        cells = []
        for tc in tr.tc_lst:
            span = tc.tcPr.find(qn("w:gridSpan")) if tc.tcPr is not None else None
            cells.append({
                "text": "\n".join(text(p) for p in tc.iter(qn("w:p"))),
                "span": int(span.get(qn("w:val"))) if span is not None else 1,
            })
        rows.append({"header": header, "cells": cells})
    return {"columns": len(t._tbl.tblGrid.gridCol_lst), "rows": rows}


doc = Document(sys.argv[1])
section = doc.sections[0]
print(json.dumps({
    "landscape": section.orientation == 1,
    "width_mm": round(section.page_width.mm),
    "height_mm": round(section.page_height.mm),
    "paragraphs": [p.text for p in doc.paragraphs],
    "tables": [table(t) for t in doc.tables],
    "footer": "".join(p.text for p in section.footer.paragraphs),
    "footer_fields": [f.get(qn("w:instr")).strip() for f in section.footer._element.iter(qn("w:fldSimple"))],
}, ensure_ascii=False))
