"""Fills a form written by `roadmap form` as a school would, with openpyxl:
python3 fill.py FORM.xlsx CELL=VALUE...  (VALUE: `date:2022-02-10` for a date
cell, `num:93` for a number, anything else as typed text; CELL is `G14`, or
`@2.2:G` for column G of activity 2.2's row). openpyxl does not
enforce drop-downs, date validation or sheet protection, so a test can type
what a careless person would get past them."""

import datetime
import sys

import openpyxl


def main():
    path, edits = sys.argv[1], sys.argv[2:]
    book = openpyxl.load_workbook(path)
    sheet = book["Отметки"]
    for edit in edits:
        cell, value = edit.split("=", 1)
        if cell.startswith("@"):
            number, column = cell[1:].split(":")
            row = next(
                r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == number
            )
            cell = f"{column}{row}"
        if value.startswith("date:"):
            sheet[cell] = datetime.datetime.strptime(value[5:], "%Y-%m-%d")
            sheet[cell].number_format = "DD.MM.YYYY"
        elif value.startswith("num:"):
            sheet[cell] = float(value[4:])
        else:
            sheet[cell] = value
    book.save(path)


if __name__ == "__main__":
    main()
