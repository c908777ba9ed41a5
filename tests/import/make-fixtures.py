#!/usr/bin/env python3
"""Builds the documents `roadmap import` is tested on (tests/cli/import.rs).

For each seed (the text dumps of signed Word documents that roadmaps/ holds
rewritten in the language) it writes the table the way the document has it:
the text above the table from the seed word for word (the order, УТВЕРЖДЕНА,
the title), the seed's column names, a section row across the whole width,
numbers as the seed writes them («1.», «1.1.»), a cell split across two rows
as a page break splits it, and the header repeated where a page begins. The
cells hold the activities of the bundled roadmap for that seed, so that an
import of each document can be compared with that roadmap activity by
activity. Also a multi-year roadmap in the seeds' style, with «Сроки» over a
column per year, and the broken documents.

    pip install python-docx openpyxl
    python3 tests/import/make-fixtures.py

The generated files are committed: the tests themselves need no Python.
"""

import csv
import io
import os
import re
import zipfile

import docx
import openpyxl
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SEEDS = os.environ.get("ROADMAP_SEEDS", os.path.join(HERE, "seeds"))


# ---------------------------------------------------------------- roadmaps

def read_roadmap(path):
    """The parts of a roadmap file a table holds: parties, sections, activities."""
    parties, items = [], []
    activity = stage = None
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        text = line.strip()
        if indent == 0:
            stage = None
            m = re.match(r"(участник|party) (\S+): (.*)", text)
            if m:
                parties.append((m.group(2), m.group(3)))
                continue
            m = re.match(r"(подключить|include): (.*)", text)
            if m:
                inc = read_roadmap(os.path.join(os.path.dirname(path), m.group(2)))
                parties.extend(inc["parties"])
                continue
            m = re.match(r"(раздел|section) ([\dIVX.]+?)\.? (.*)", text)
            if m:
                items.append({"section": m.group(2), "title": m.group(3)})
                activity = None
                continue
            m = re.match(r"(мероприятие|activity) ([\d.]+?)\. (.*)", text)
            if m:
                activity = {"number": m.group(2), "title": m.group(3), "when": None,
                            "by": [], "indicators": [], "results": [], "stages": []}
                items.append(activity)
            continue
        if activity is None:
            continue
        key, _, value = text.partition(":")
        key, value = key.strip(), value.strip()
        target = stage if (stage is not None and indent >= 4) else activity
        if key.startswith("этап") or key.startswith("stage"):
            stage = {"label": key.split(" ", 1)[1], "when": None, "by": [],
                     "indicators": [], "results": []}
            activity["stages"].append(stage)
        elif key in ("срок", "when"):
            target["when"] = value
        elif key in ("ответственный", "ответственные", "исполнитель", "by", "responsible"):
            target["by"].extend(v.strip() for v in value.split(","))
        elif key in ("показатель", "indicator"):
            target["indicators"].append(value)
        elif key in ("результат", "result", "документ", "документы", "document"):
            # The seeds' tables name the confirming document in the column
            # of expected results, as the bundled roadmaps note.
            target["results"].append(value)
    return {"parties": parties, "items": items}


def cells_of(activity, names, joiner):
    """The cells of an activity: timing, responsible, indicators, results."""
    by = list(activity["by"])
    for s in activity["stages"]:
        by.extend(b for b in s["by"] if b not in by)
    when = activity["when"]
    if when is None and activity["stages"]:
        when = "\n".join(s["when"] for s in activity["stages"] if s["when"])
    return {
        "when": when or "",
        "by": joiner.join(names[b] for b in by),
        "indicators": "\n".join(activity["indicators"]),
        "results": "\n".join(activity["results"]),
    }


# ---------------------------------------------------------------- seeds

def seed_text_above(seed):
    """The seed's paragraphs above its table, word for word."""
    lines = open(os.path.join(SEEDS, seed), encoding="utf-8").read().split("\n")
    above = []
    for line in lines:
        if line.startswith("№"):
            break
        if line.strip():
            above.append(line.strip())
    return above


# Each seed's columns as its document names them, in its order. The column
# of results is split under a merged cell into indicator and result.
LAYOUTS = {
    "moscow-region-2020": {
        "columns": ["№ п/п", "Наименования мероприятия", "Срок реализации",
                    "Ответственный исполнитель", "Ожидаемый результат"],
        "order": ["number", "title", "when", "by", "outcome"],
        "numbers": lambda n: n + ".",
        "sections": lambda n, t: f"{n}. {t}" if n != "III" else f"{n} {t}",
        "joiner": "; ",
        "column_numbers": True,
    },
    "smolensk-region-2020": {
        "columns": ["№ п/п", "Наименование задачи/мероприятия, контрольного события",
                    "Целевой показатель", "Ответственный исполнитель",
                    "Дата мероприятия, контрольного события", "Ожидаемый результат"],
        "order": ["number", "title", "indicators", "by", "when", "results"],
        "numbers": lambda n: n + ".",
        "sections": lambda n, t: t,
        "joiner": ", ",
        "column_numbers": False,
    },
    "tomari-500plus-2022": {
        "columns": ["№ п/п", "Содержание мероприятия", "Ответственный исполнитель", "Сроки",
                    "Ожидаемые результаты показателя для контроля"],
        "order": ["number", "title", "by", "when", "outcome"],
        "numbers": lambda n: n + ".",
        "sections": lambda n, t: f"{n}. {t}",
        "joiner": "\n",
        "column_numbers": False,
        # Rows a page break splits, as in the seed.
        "split": ["4.2", "4.11"],
        # A page begins (the header repeated) before this section.
        "page": "3",
    },
}


def table_rows(name):
    """The header rows and the body rows of a seed's table, as lists of
    (text, kind) where kind marks merged cells."""
    layout = LAYOUTS[name]
    roadmap = read_roadmap(os.path.join(ROOT, "roadmaps", name + ".roadmap"))
    names = dict(roadmap["parties"])
    body = []
    for item in roadmap["items"]:
        if "section" in item:
            body.append(("section", layout["sections"](item["section"], item["title"]), item["section"]))
            continue
        c = cells_of(item, names, layout["joiner"])
        row = []
        for col in layout["order"]:
            if col == "number":
                row.append(layout["numbers"](item["number"]))
            elif col == "title":
                row.append(item["title"])
            elif col == "outcome":
                row.extend([c["indicators"], c["results"]])
            else:
                row.append(c[col])
        if item["number"] in layout.get("split", []):
            first, second = split_row(row, layout["order"])
            body.append(("row", first, item["number"]))
            body.append(("row", second, item["number"]))
        else:
            body.append(("row", row, item["number"]))
    return roadmap, body


def split_row(row, order):
    """A row as a page break leaves it: the first half of each cell's words
    on one row, the rest on the next, without a number."""
    first, second = [], []
    for i, text in enumerate(row):
        if i == 0:
            first.append(text)
            second.append("")
            continue
        parts = text.split("\n")
        if len(parts) > 1:
            first.append(parts[0])
            second.append("\n".join(parts[1:]))
            continue
        words = text.split(" ")
        half = max(1, len(words) // 2) if len(words) > 1 else len(words)
        first.append(" ".join(words[:half]))
        second.append(" ".join(words[half:]))
    return first, second


def flat_header(name):
    layout = LAYOUTS[name]
    header = []
    for heading, col in zip(layout["columns"], layout["order"]):
        if col == "outcome":
            header.extend(["Показатель (индикатор)", heading])
        else:
            header.append(heading)
    return header


# ---------------------------------------------------------------- docx

def merge_vertically(table, col, top, bottom):
    table.cell(top, col).merge(table.cell(bottom, col))


def set_cell(cell, text):
    cell.text = ""
    paragraphs = text.split("\n") if text else [""]
    cell.paragraphs[0].text = paragraphs[0]
    for p in paragraphs[1:]:
        cell.add_paragraph(p)


def mark_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def write_docx(name, above, header_rows, body, path, width):
    d = docx.Document()
    for line in above:
        d.add_paragraph(line)
    table = d.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for spec in header_rows:
        row = table.add_row()
        mark_header(row)
        for i, text in enumerate(spec):
            set_cell(row.cells[i], text)
    merges_from = len(table.rows) - len(header_rows)
    return d, table, merges_from


def docx_for(name):
    layout = LAYOUTS[name]
    roadmap, body = table_rows(name)
    header = flat_header(name)
    width = len(header)
    top = []
    for heading, col in zip(layout["columns"], layout["order"]):
        top.extend([heading, heading] if col == "outcome" else [heading])
    sub = ["Показатель" if h.startswith("Показатель") else "Результат" if t != h or (i and top[i - 1] == t) else ""
           for i, (t, h) in enumerate(zip(top, header))]
    d = docx.Document()
    for line in seed_text_above(name + ".txt"):
        d.add_paragraph(line)
    table = d.add_table(rows=0, cols=width)
    table.style = "Table Grid"

    def add_header():
        first = len(table.rows)
        r1, r2 = table.add_row(), table.add_row()
        mark_header(r1)
        mark_header(r2)
        for i in range(width):
            set_cell(r1.cells[i], top[i] if i == 0 or top[i] != top[i - 1] else "")
            set_cell(r2.cells[i], sub[i])
        i = 0
        while i < width:
            j = i
            while j + 1 < width and top[j + 1] == top[i]:
                j += 1
            if j > i:
                r1.cells[i].merge(r1.cells[j])
                r1.cells[i].text = top[i]
            else:
                merge_vertically(table, i, first, first + 1)
                set_cell(table.cell(first, i), top[i])
            i = j + 1
        if layout["column_numbers"]:
            r3 = table.add_row()
            for i in range(width):
                set_cell(r3.cells[i], str(i + 1))

    add_header()
    for kind, content, key in body:
        if kind == "section":
            if layout.get("page") == key:
                # A page break in the table: Word repeats the header rows.
                add_header()
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[width - 1])
            merged.text = content
        else:
            row = table.add_row()
            for i, text in enumerate(content):
                set_cell(row.cells[i], text)
    d.save(os.path.join(HERE, name + ".docx"))


# ---------------------------------------------------------------- xlsx, csv

def xlsx_for(name):
    layout = LAYOUTS[name]
    _, body = table_rows(name)
    header = flat_header(name)
    width = len(header)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Дорожная карта"
    for line in seed_text_above(name + ".txt"):
        ws.append([line])
    top = []
    for heading, col in zip(layout["columns"], layout["order"]):
        top.extend([heading, heading] if col == "outcome" else [heading])
    sub = ["Показатель" if h.startswith("Показатель") else "Результат" if t != h or (i and top[i - 1] == t) else ""
           for i, (t, h) in enumerate(zip(top, header))]

    def add_header():
        first = ws.max_row + 1
        ws.append([t if i == 0 or t != top[i - 1] else None for i, t in enumerate(top)])
        ws.append([s or None for s in sub])
        i = 0
        while i < width:
            j = i
            while j + 1 < width and top[j + 1] == top[i]:
                j += 1
            if j > i:
                ws.merge_cells(start_row=first, start_column=i + 1, end_row=first, end_column=j + 1)
            else:
                ws.merge_cells(start_row=first, start_column=i + 1, end_row=first + 1, end_column=i + 1)
            i = j + 1
        for row in ws.iter_rows(min_row=first, max_row=first + 1):
            for cell in row:
                cell.font = Font(bold=True)

    add_header()
    for kind, content, key in body:
        if kind == "section":
            if layout.get("page") == key:
                add_header()
            ws.append([content])
            r = ws.max_row
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        else:
            ws.append(content)
            for cell in ws[ws.max_row]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(os.path.join(HERE, name + ".xlsx"))


def csv_for(name):
    layout = LAYOUTS[name]
    _, body = table_rows(name)
    header = flat_header(name)
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    # A sheet saved as CSV: the title lines above the table, one cell each.
    for line in seed_text_above(name + ".txt"):
        w.writerow([line] + [""] * (len(header) - 1))
    w.writerow(header)
    for kind, content, key in body:
        if kind == "section":
            if layout.get("page") == key:
                w.writerow(header)
            w.writerow([content] + [""] * (len(header) - 1))
        else:
            w.writerow(content)
    with open(os.path.join(HERE, name + ".csv"), "w", encoding="utf-8") as f:
        f.write(out.getvalue())


def rules_for(name):
    """A rules file that gives the parties the bundled roadmap's ids."""
    roadmap = read_roadmap(os.path.join(ROOT, "roadmaps", name + ".roadmap"))
    used = set()
    for item in roadmap["items"]:
        if "section" not in item:
            used.update(item["by"])
            for s in item["stages"]:
                used.update(s["by"])
    lines = ["# Ids of the parties as roadmaps/%s.roadmap gives them." % name]
    for pid, full in roadmap["parties"]:
        if pid in used:
            lines.append(f"участник {pid}: {full}")
    with open(os.path.join(HERE, name + ".rules"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------- multi-year

MULTI = [
    ("section", "1. Диагностика"),
    ("1.1.", "Мониторинг качества образовательных результатов ШНОР", ["сентябрь", "сентябрь", "сентябрь"],
     "Региональный координатор", "Аналитическая справка"),
    ("1.2.", "Анкетирование участников образовательных отношений", ["октябрь – ноябрь", "", "октябрь – ноябрь"],
     "ОО, кураторы", "Результаты анкетирования"),
    ("section", "2. Повышение квалификации"),
    ("2.1.", "Курсы повышения квалификации учителей ШНОР", ["II квартал", "II квартал", "I полугодие"],
     "ИРО", "Удостоверения о повышении квалификации"),
    ("2.2.", "Стажировки руководителей на базе школ с высокими результатами", ["", "ноябрь", "ноябрь"],
     "ИРО, ОО", "Отчёт о стажировке"),
]


def multi_year():
    years = ["2020", "2021", "2022"]
    above = ["УТВЕРЖДЕНА", "приказом министерства образования", "от 01.09.2020 № 100",
             "Дорожная карта", "по повышению качества образования в школах с низкими результатами",
             "на 2020–2022 годы"]
    top = ["№ п/п", "Наименование мероприятия", "Сроки", "Сроки", "Сроки", "Ответственные", "Ожидаемый результат"]
    sub = ["", "", "2020", "2021", "2022", "", ""]
    rows = []
    for item in MULTI:
        if item[0] == "section":
            rows.append(("section", item[1]))
        else:
            n, title, when, by, result = item
            rows.append(("row", [n, title] + when + [by, result]))
    # docx
    d = docx.Document()
    for line in above:
        d.add_paragraph(line)
    t = d.add_table(rows=2, cols=7)
    t.style = "Table Grid"
    for i in range(7):
        set_cell(t.cell(1, i), sub[i])
    for i in (0, 1, 5, 6):
        merge_vertically(t, i, 0, 1)
        set_cell(t.cell(0, i), top[i])
    m = t.cell(0, 2).merge(t.cell(0, 4))
    m.text = "Сроки"
    for kind, content in rows:
        row = t.add_row()
        if kind == "section":
            row.cells[0].merge(row.cells[6]).text = content
        else:
            for i, text in enumerate(content):
                set_cell(row.cells[i], text)
    d.save(os.path.join(HERE, "multi-year.docx"))
    # xlsx
    wb = openpyxl.Workbook()
    ws = wb.active
    for line in above:
        ws.append([line])
    first = ws.max_row + 1
    ws.append(["№ п/п", "Наименование мероприятия", "Сроки", None, None, "Ответственные", "Ожидаемый результат"])
    ws.append([None, None, 2020, 2021, 2022, None, None])
    ws.merge_cells(start_row=first, start_column=3, end_row=first, end_column=5)
    for c in (1, 2, 6, 7):
        ws.merge_cells(start_row=first, start_column=c, end_row=first + 1, end_column=c)
    for kind, content in rows:
        if kind == "section":
            ws.append([content])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=7)
        else:
            ws.append(content)
    wb.save(os.path.join(HERE, "multi-year.xlsx"))
    # csv: two header rows, as a spreadsheet saves them
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    for line in above:
        w.writerow([line] + [""] * 6)
    w.writerow(["№ п/п", "Наименование мероприятия", "Сроки", "Сроки", "Сроки", "Ответственные", "Ожидаемый результат"])
    w.writerow(["", "", "2020", "2021", "2022", "", ""])
    for kind, content in rows:
        w.writerow([content] + [""] * 6 if kind == "section" else content)
    with open(os.path.join(HERE, "multi-year.csv"), "w", encoding="utf-8") as f:
        f.write(out.getvalue())


# ---------------------------------------------------------------- two tables

def two_tables():
    """A document of two tables, each under its own heading: the second
    becomes a section of its own, or is imported alone with --table 2."""
    d = docx.Document()
    for line in ["Дорожная карта школы на 2022 год", "1. Диагностика"]:
        d.add_paragraph(line)
    rows = [["№ п/п", "Мероприятие", "Срок", "Ответственный"],
            ["1.1.", "Анкетирование", "17.01. – 04.02.2022", "ОО"],
            ["1.2.", "Анализ анкет", "февраль 2022 года", "Куратор"]]
    t = d.add_table(rows=0, cols=4)
    for r in rows:
        cells = t.add_row().cells
        for i, text in enumerate(r):
            cells[i].text = text
    d.add_paragraph("Кадровое обеспечение")
    rows = [["№ п/п", "Мероприятие", "Срок", "Ответственный"],
            ["2.1.", "Курсы повышения квалификации", "март 2022 года", "ОО"]]
    t = d.add_table(rows=0, cols=4)
    for r in rows:
        cells = t.add_row().cells
        for i, text in enumerate(r):
            cells[i].text = text
    d.save(os.path.join(HERE, "two-tables.docx"))


# ---------------------------------------------------------------- broken

def broken():
    b = os.path.join(HERE, "broken")
    os.makedirs(b, exist_ok=True)
    # A table with no rows of text.
    d = docx.Document()
    d.add_paragraph("Дорожная карта на 2022 год")
    d.add_table(rows=3, cols=4).style = "Table Grid"
    d.save(os.path.join(b, "empty-table.docx"))
    # A table whose columns have no names import knows.
    d = docx.Document()
    d.add_paragraph("Список")
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["Иванов", "Петров", "Сидоров"], ["1", "2", "3"], ["a", "b", "c"]]):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    d.save(os.path.join(b, "no-header.docx"))
    # A .docx cut short, as an interrupted download leaves it.
    whole = open(os.path.join(HERE, "tomari-500plus-2022.docx"), "rb").read()
    open(os.path.join(b, "cut-short.docx"), "wb").write(whole[: len(whole) // 3])
    # Word saves a password-protected .docx as an OLE compound file (an
    # EncryptedPackage stream inside); the old .doc and .xls are OLE files
    # too. Only the header is written: the reader decides by it.
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + bytes.fromhex("3E000300FEFF0900") + bytes(512 - 32)
    for n in ("password.docx", "old.doc", "old.xls"):
        open(os.path.join(b, n), "wb").write(ole)
    # A zip that is no document.
    with zipfile.ZipFile(os.path.join(b, "not-a-document.docx"), "w") as z:
        z.writestr("readme.txt", "nothing here")


def main():
    for name in LAYOUTS:
        docx_for(name)
        xlsx_for(name)
        csv_for(name)
        rules_for(name)
    multi_year()
    two_tables()
    broken()


if __name__ == "__main__":
    main()
