"""Fills a Word form written by `roadmap form --format docx` as a school would,
with python-docx: python3 fill-docx.py FORM.docx CELL=VALUE...
CELL is `@2.2:G` (column G of activity 2.2's first row; columns A-J as in the
workbook) or `@2.3#2:I` (the activity's second row: its second indicator).
VALUE: `date:2022-02-10` is picked in the date control (the text Word writes,
and the date it keeps); anything else is typed as is. A cell with a content
control gets the text inside the control, as Word puts a picked item there;
a plain cell gets its text replaced, as a careless person would."""

import datetime
import sys

import docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
COLUMNS = "ABCDEFGHIJ"


def set_text(cell, value):
    texts = cell._tc.findall(f".//{W}sdtContent//{W}t")
    if not texts:
        cell.text = value
        return
    texts[0].text = value
    for t in texts[1:]:
        t.text = ""


def main():
    path, edits = sys.argv[1], sys.argv[2:]
    document = docx.Document(path)
    table = document.tables[0]
    for edit in edits:
        place, value = edit.split("=", 1)
        activity, column = place.lstrip("@").split(":")
        nth = 1
        if "#" in activity:
            activity, n = activity.split("#")
            nth = int(n)
        rows = [r for r in table.rows if r.cells[0].text.strip() == activity]
        cell = rows[nth - 1].cells[COLUMNS.index(column)]
        if value.startswith("date:"):
            day = datetime.date.fromisoformat(value[5:])
            for picker in cell._tc.iter(f"{W}date"):
                picker.set(f"{W}fullDate", f"{day.isoformat()}T00:00:00Z")
            value = day.strftime("%d.%m.%Y")
        set_text(cell, value)
    document.save(path)


if __name__ == "__main__":
    main()
